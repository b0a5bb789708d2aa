#!/usr/bin/env bash
# Builds a self-contained SLAC Lab (its own trimmed Java runtime, no Java set-up needed) into target/app-image/.
#   jlink/build-app-image.sh            app-image folder, run as target/app-image/slac-lab/bin/slac-lab
#   jlink/build-app-image.sh deb        also a .deb package (needs fakeroot and dpkg-deb)
# DL4J's jars cannot be modules (nd4j-api has an invalid module descriptor), so they stay on the class path and
# only the JDK and JavaFX modules go into the runtime (recipe in ../shared/reference/desktop-notes.md).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/slac-lab.jar ] || mvn -B -q package -DskipTests
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)
work=target/jlink
rm -rf "$work" target/app-image
mkdir -p "$work/fx" "$work/input"
cp target/lib/javafx-*-linux.jar "$work/fx/"
for j in target/lib/*.jar; do
  case "$(basename "$j")" in javafx-*) ;; *) cp "$j" "$work/input/" ;; esac
done
cp target/slac-lab.jar "$work/input/"

modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps --recursive \
  --module-path "$work/fx" --class-path "$work/input/*" target/slac-lab.jar)
modules="$modules,java.desktop,java.logging,java.naming,jdk.zipfs,javafx.controls,javafx.swing"
echo "runtime modules: $modules"
jlink --module-path "$work/fx" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime"

# The manifest class path names lib/...; jpackage puts every input jar in one folder, so point it there.
jpackage --type app-image --name slac-lab --app-version "$version" --dest target/app-image \
  --input "$work/input" --main-jar slac-lab.jar --main-class slaclab.cli.Main \
  --runtime-image "$work/runtime" --java-options '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn'
echo "app image: target/app-image/slac-lab (run bin/slac-lab; $(du -sh target/app-image | cut -f1))"

if [ "${1:-}" = deb ]; then
  jpackage --type deb --name slac-lab --app-version "$version" --dest target/app-image \
    --app-image target/app-image/slac-lab
  ls -la target/app-image/*.deb
fi
