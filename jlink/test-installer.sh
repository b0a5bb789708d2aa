#!/usr/bin/env bash
# Installer test: builds the .deb, installs it on this machine, checks the menu entry, the icon and the user-data
# folders, runs `slac-lab tasks`, a 200-step `train` and the window (under Xvfb, screenshot) from the installed copy,
# then uninstalls and checks that only the user's runs are left. Needs root, apt-get, Xvfb and a JDK 17 (the
# screenshot is taken by a Java source file); installs fakeroot and desktop-file-utils when missing.
#   jlink/test-installer.sh                 build and test
#   SLACLAB_DEB=path.deb jlink/test-installer.sh   test a .deb built earlier
# .ci/run runs it when SLACLAB_TEST_INSTALLER=1. Output and the screenshot: target/installer-test/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "error: the installer test installs a package: run it as root (or with sudo)" >&2; exit 2; }
repo=$PWD
out=$repo/target/installer-test
rm -rf "$out"
mkdir -p "$out"
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
step() { echo; echo "== $*"; }

need=()
command -v fakeroot >/dev/null || need+=(fakeroot)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v xvfb-run >/dev/null || need+=(xvfb)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

step "build"
if [ -n "${SLACLAB_DEB:-}" ]; then
  deb=$SLACLAB_DEB
  echo "testing $deb (built earlier)"
else
  t0=$(date +%s)
  jlink/build-app-image.sh deb
  echo "build time: $(( $(date +%s) - t0 )) s"
  deb=$(ls -t target/app-image/slac-lab_*.deb | head -1)
fi
[ -f "$deb" ] || fail "no .deb at $deb"
deb_mb=$(( $(stat -c %s "$deb") / 1000000 ))
echo "package: $deb, $deb_mb MB"
[ "$deb_mb" -le 200 ] && ok ".deb is $deb_mb MB (at most 200)" || fail ".deb is $deb_mb MB, more than 200"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Maintainer)" != "Unknown <Unknown>" ] && ok "maintainer: $(field Maintainer)" || fail "maintainer is Unknown"
field Recommends | grep -q 'libmujoco2.2.2' && ok "recommends: $(field Recommends)" || fail "no Recommends: libmujoco2.2.2"
field Depends | grep -q 'libgtk-3-0' && ok "depends on libgtk-3-0 (the window)" || fail "no Depends: libgtk-3-0"
echo "installed size (control): $(field Installed-Size) KiB"

step "install"
if dpkg-query -W -f '${Status}' slac-lab 2>/dev/null | grep -q 'install ok'; then
  echo "removing the slac-lab installed before"
  dpkg -r slac-lab >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null \
  || fail "apt-get install $deb"
ok "installed $(dpkg-query -W -f '${Package} ${Version}, ${Installed-Size} KiB' slac-lab)"
du -sh /opt/slac-lab | sed 's/^/installed folder: /'
launcher=/opt/slac-lab/bin/slac-lab
[ -x "$launcher" ] || fail "no launcher $launcher"

step "menu entry and icon"
desktop=/usr/share/applications/slac-lab.desktop; [ -f "$desktop" ] || desktop=""
[ -n "$desktop" ] || fail "no desktop entry in /usr/share/applications"
desktop-file-validate "$desktop" && ok "desktop-file-validate $desktop"
grep -q '^Categories=Education;Science;' "$desktop" && ok "menu: $(grep ^Categories "$desktop")" || fail "not in Education / Science"
icon=$(sed -n 's/^Icon=//p' "$desktop")
for s in 16 24 32 48 64 128 256; do
  f=/usr/share/icons/hicolor/${s}x${s}/apps/$icon.png
  file "$f" | grep -q "PNG image data, $s x $s" || fail "icon $f missing or not a $s x $s PNG"
done
ok "icon '$icon' in hicolor at 16, 24, 32, 48, 64, 128 and 256 px"

# A fresh user: a scratch home, so the test never touches a real one.
export HOME=$out/home
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
mkdir -p "$HOME/.config/slac-lab/presets" "$out/cwd"
cd "$out/cwd"
touch "$out/marker"

step "slac-lab tasks"
"$launcher" tasks | tee "$out/tasks.txt"
grep -q 'cartpole-swingup' "$out/tasks.txt" && ok "tasks lists cartpole-swingup" || fail "tasks"

step "slac-lab train (200 environment steps)"
# A short preset in the user's presets folder, named on the command line as an installed user would.
cat > "$HOME/.config/slac-lab/presets/installer-test.json" <<'EOF'
{ "task": "cartpole-swingup", "actionRepeat": 8, "envSteps": 200, "initialCollectSteps": 16, "pretrainUpdates": 2,
  "modelBatch": 2, "sacBatch": 3, "evalEvery": 200, "evalEpisodes": 1, "replayCapacity": 1000 }
EOF
"$launcher" train --help | grep 'where files go' | tee -a "$out/train.txt"
"$launcher" train --preset installer-test --env-steps 200 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tail -8 | tee -a "$out/train.txt"
run=$HOME/.local/share/slac-lab/runs/cartpole-swingup-seed0
for f in config.json metrics.csv checkpoint.bin returns.png; do
  [ -s "$run/$f" ] || fail "the run has no $f in $run"
done
ok "run folder in the XDG data folder: ${run#$HOME/}"
[ -z "$(ls -A "$out/cwd")" ] && ok "nothing written to the working directory" || fail "wrote into the working directory: $(ls "$out/cwd")"
[ ! -e "$HOME/.javacpp" ] && ok "no ~/.javacpp; natives cache: $(du -sh "$HOME/.cache/slac-lab" | cut -f1) in ~/.cache/slac-lab" \
  || fail "ND4J unpacked into ~/.javacpp"

step "window under Xvfb"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$0" > "$1/lab.log" 2>&1 & pid=$!
  sleep 45
  java "$2/jlink/test/Screenshot.java" "$1/slac-lab-installed.png"; shot=$?
  kill $pid; wait $pid 2>/dev/null
  exit $shot' "$launcher" "$out" "$repo" || { cat "$out/lab.log"; fail "the window did not show (log above)"; }
grep -q 'Exception' "$out/lab.log" && { cat "$out/lab.log"; fail "the window logged an exception"; }
ok "screenshot of the installed app's window: $out/slac-lab-installed.png"
cd "$repo"
written=$(find /opt/slac-lab -newer "$out/marker" | head -5)
[ -z "$written" ] && ok "nothing written under /opt/slac-lab" || fail "the app wrote into /opt: $written"

step "uninstall"
dpkg -P slac-lab >/dev/null
[ ! -e /opt/slac-lab ] && ok "/opt/slac-lab is gone" || fail "left behind: $(find /opt/slac-lab | head)"
[ ! -e "$desktop" ] && ok "menu entry removed" || fail "menu entry left: $desktop"
! ls /usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null 2>&1 && ok "icons removed" || fail "icons left behind"
[ -s "$run/checkpoint.bin" ] && ok "the user's run is still there: ${run#$HOME/}" || fail "the user's run was deleted"
echo
echo "installer test passed: $deb ($deb_mb MB)"
