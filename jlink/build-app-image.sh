#!/usr/bin/env bash
# Builds a self-contained SLAC Lab (its own trimmed Java runtime, no Java set-up needed), as a folder or a package:
#   jlink/build-app-image.sh [app-image]   folder target/app-image/slac-lab, run as .../bin/slac-lab (Linux, Windows, macOS)
#   jlink/build-app-image.sh deb           + target/app-image/slac-lab_<version>-1_amd64.deb   (Debian/Ubuntu; fakeroot, dpkg-deb)
#   jlink/build-app-image.sh rpm           + target/app-image/slac-lab-<version>-1.x86_64.rpm  (Fedora/openSUSE; rpmbuild)
#   jlink/build-app-image.sh msi           + an .msi (on Windows, with the WiX Toolset 3 on the PATH; not tested)
#   jlink/build-app-image.sh dmg           + a .dmg (on macOS; not tested)
# jpackage builds packages only for the system it runs on. The package's Maintainer field is
# "$SLACLAB_VENDOR <$SLACLAB_MAINTAINER_EMAIL>" (defaults: the project's commit identity).
# SLACLAB_ND4J_BUILDS picks the ND4J native builds shipped (default on x86-64 Linux/Windows "onednn-avx2 generic":
# oneDNN + AVX2, and the generic build for CPUs without AVX2; "onednn-avx512 onednn-avx2 generic" ships all three);
# the app picks the fastest the CPU runs at start.
# The native libraries are unpacked next to the jars (app/natives) rather than left in their jars: a package's
# compression then reaches them (xz shrinks libnd4jcpu.so from 366 MB to 32 MB, its jar's deflate to 93 MB), and the
# app loads them in place instead of unpacking 370 MB into every user's home at first start.
# DL4J's jars cannot be modules (nd4j-api has an invalid module descriptor), so they stay on the class path and only
# the JDK and JavaFX modules go into the runtime (recipe in ../shared/reference/desktop-notes.md).
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "error: $*" >&2; exit 2; }
target=${1:-app-image}
case "$target" in
  -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  app-image|deb|rpm|msi|dmg) ;;
  *) die "unknown target '$target'; give app-image, deb or rpm (Linux), msi (Windows) or dmg (macOS)" ;;
esac

case "$(uname -s)" in
  Linux) os=linux fx=linux ;;
  Darwin) os=macosx fx=mac ;;
  MINGW*|MSYS*|CYGWIN*) os=windows fx=win ;;
  *) die "unsupported system $(uname -s); SLAC Lab packages are built on Linux, Windows or macOS" ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x86_64 ;;
  aarch64|arm64) arch=arm64; [ "$fx" = mac ] && fx=mac-aarch64 ;;
  *) die "unsupported processor $(uname -m); ND4J ships x86_64 and arm64 builds" ;;
esac
platform=$os-$arch
case "$target:$os" in
  deb:linux|rpm:linux|msi:windows|dmg:macosx|app-image:*) ;;
  *) die "a .$target is built on $( [ "$target" = msi ] && echo Windows || { [ "$target" = dmg ] && echo macOS || echo Linux; })" \
       "(jpackage makes packages only for the system it runs on); here build: $( [ "$os" = linux ] && echo 'deb, rpm or app-image' || echo app-image)" ;;
esac
need() { command -v "$1" >/dev/null 2>&1 || die "$target needs $1: $2"; }
need jpackage "install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
[ "$target" = deb ] && { need dpkg-deb "apt-get install dpkg-dev"; need fakeroot "apt-get install fakeroot"; }
[ "$target" = rpm ] && need rpmbuild "apt-get install rpm (or dnf install rpm-build)"
[ "$target" = msi ] && need candle.exe "install the WiX Toolset 3 and put its bin folder on the PATH"

# Native builds: on x86-64 Linux the jar carries all three; elsewhere the generic one (see the pom's profiles).
if [ "$platform" = linux-x86_64 ] || [ "$platform" = windows-x86_64 ]; then default_builds="onednn-avx2 generic"
else default_builds="generic"; fi
builds=${SLACLAB_ND4J_BUILDS:-$default_builds}
for b in $builds; do
  case "$b" in onednn-avx512|onednn-avx2|generic) ;; *) die "SLACLAB_ND4J_BUILDS: unknown build '$b'; use onednn-avx512, onednn-avx2, generic" ;; esac
done

start=$(date +%s)
[ -f target/slac-lab.jar ] || mvn -B -q package -DskipTests -Djavacpp.platform="$platform"
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
work=target/jlink
rm -rf "$work" target/app-image
mkdir -p "$work/fx" "$work/input/natives"

# Jars: JavaFX's to the module path; a native jar of this platform is unpacked if its build is shipped, else left out.
shipped_build() {  # nd4j-native-<v>-<platform>[-onednn-avxN].jar -> is that build in $builds?
  local cls=${1#*-"$platform"}; cls=${cls%.jar}; cls=${cls#-}
  [ -z "$cls" ] && cls=generic
  [[ " $builds " == *" $cls "* ]]
}
unpack() { unzip -q -o "$1" -x 'META-INF/*' -d "$work/input/natives" || [ $? -eq 11 ]; }  # 11: only META-INF in it
found=""
for j in target/lib/*.jar; do
  name=$(basename "$j")
  case "$name" in
    javafx-*-"$fx".jar) cp "$j" "$work/fx/" ;;
    javafx-*) ;;
    nd4j-native-*-"$platform"*.jar)
      if shipped_build "$name"; then unpack "$j"; found="$found $name"; fi ;;
    *-"$platform".jar) unpack "$j" ;;
    *) cp "$j" "$work/input/" ;;
  esac
done
[ -n "$found" ] || die "target/lib has no ND4J natives for $platform and builds '$builds'; rebuild: mvn -B package -DskipTests -Djavacpp.platform=$platform"
# JavaCPP loads OpenBLAS as libopenblas_nolapack.so.0, a name its jar leaves to the unpacking step to create.
blas="$work/input/natives/org/bytedeco/openblas/$platform"
[ -f "$blas/libopenblas.so.0" ] && ln -sf libopenblas.so.0 "$blas/libopenblas_nolapack.so.0"
cp target/slac-lab.jar "$work/input/"
# The shipped presets as files to copy from (they, and the lessons, are inside the jar too); the menu icons.
mkdir -p "$work/input/presets" "$work/icons"
cp presets/*.json "$work/input/presets/"
cp assets/icon/slac-lab-*.png assets/icon/slac-lab.svg "$work/icons/"

modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --recursive \
  --module-path "$work/fx" --class-path "$work/input/*" target/slac-lab.jar)
modules="$modules,java.desktop,java.logging,java.naming,jdk.zipfs,javafx.controls,javafx.swing"
echo "runtime modules: $modules"
jlink --module-path "$work/fx" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime"

# slaclab.installed: runs, presets and the natives cache go under the user's home (XDG), never into the app folder.
icon_opt=()
case "$os" in linux) icon_opt=(--icon assets/icon/slac-lab-128.png) ;; esac
jpackage --type app-image --name slac-lab --app-version "$version" --dest target/app-image \
  --description "Trains the Stochastic Latent Actor-Critic from pixels and shows it learning" \
  --input "$work/input" --main-jar slac-lab.jar --main-class slaclab.cli.Main \
  --runtime-image "$work/runtime" "${icon_opt[@]}" \
  --java-options '-Dslaclab.installed=true'
image=target/app-image/slac-lab
[ "$os" = macosx ] && image=target/app-image/slac-lab.app
cfg=$(find "$image" -name slac-lab.cfg | head -1)
# The unpacked natives join the class path, where JavaCPP finds them as it finds them in jars.
awk '{print} /^app.classpath=/ && !done {print "app.classpath=$APPDIR/natives"; done=1}' "$cfg" > "$cfg.new"
mv "$cfg.new" "$cfg"
grep -q 'natives' "$cfg" || die "could not add the natives folder to $cfg"
[ "$os" = linux ] && cp -r "$work/icons" "$image/lib/icons"

mb() { du -sk "$@" 2>/dev/null | awk '{s+=$1} END {printf "%.1f MB", s / 1024}'; }
row() { printf '  %-46s %s\n' "$1" "$2"; }
{
  echo "size of $image (unpacked, $(mb "$image") in all):"
  row "Java runtime (JDK + JavaFX modules, jlink)" "$(mb "$image"/lib/runtime "$image"/Contents/runtime)"
  row "app and library jars" "$(mb "$image"/lib/app/*.jar "$image"/Contents/app/*.jar)"
  for d in "$work"/input/natives/org/nd4j/linalg/cpu/nativecpu/bindings/*/; do
    row "ND4J native build $(basename "$d")" "$(mb "$d")"
  done
  row "OpenBLAS and JavaCPP natives" "$(mb "$work"/input/natives/org/bytedeco)"
  row "presets, icons" "$(mb "$work"/input/presets "$work"/icons)"
} | tee target/app-image/sizes.txt
echo "app image: $image (run bin/slac-lab; ND4J builds: $builds)"

if [ "$target" != app-image ]; then
  pkg=(--type "$target" --name slac-lab --app-version "$version" --dest target/app-image --app-image "$image"
       --description "Trains the Stochastic Latent Actor-Critic from pixels and shows it learning"
       --vendor "${SLACLAB_VENDOR:-SLAC Lab maintainers}" --copyright "SLAC Lab authors" --license-file jlink/package/copyright)
  case "$target" in
    deb|rpm)
      pkg+=(--resource-dir jlink/package --linux-shortcut --linux-menu-group "Education;Science;")
      if [ "$target" = deb ]; then
        pkg+=(--linux-app-category science --linux-package-deps libgtk-3-0 --linux-deb-maintainer "${SLACLAB_MAINTAINER_EMAIL:-maintainers@users.noreply.r-seed-29b8ef2d.example}")
      else
        pkg+=(--linux-app-category Applications/Engineering --linux-package-deps gtk3 --linux-rpm-license-type Apache-2.0)
      fi ;;
    msi) pkg+=(--win-menu --win-menu-group "SLAC Lab" --win-shortcut --win-dir-chooser) ;;
    dmg) ;;
  esac
  jpackage "${pkg[@]}"
  out=$(ls -t target/app-image/*."$target" | head -1)
  echo "package: $out ($(du -m "$out" | cut -f1) MB; built in $(( $(date +%s) - start )) s)"
fi
