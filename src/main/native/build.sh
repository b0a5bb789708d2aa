#!/usr/bin/env bash
# Builds the JNI shim libslacmujoco.so into $1/native/linux-x86_64/ (Maven passes target/classes, so the shim
# ends up inside target/slac-lab.jar, which the jlink app image carries too). Skipped, successfully, when
# MuJoCo's headers, gcc or jni.h are missing: the app then builds and runs without its MuJoCo tasks.
set -euo pipefail
out_root=${1:?usage: build.sh OUTPUT_CLASSES_DIR}
src="$(cd "$(dirname "$0")" && pwd)/slacmujoco.c"
out="$out_root/native/linux-x86_64/libslacmujoco.so"
skip() { echo "[mujoco shim] skipped: $1 (MuJoCo tasks need: sudo apt-get install libmujoco2.2.2 libmujoco-dev, then rebuild)"; exit 0; }
[ "$(uname -s)" = Linux ] || skip "not Linux"
[ "$(uname -m)" = x86_64 ] || skip "not x86-64"
header=${MUJOCO_INCLUDE:-/usr/include}
[ -f "$header/mujoco/mujoco.h" ] || skip "no $header/mujoco/mujoco.h"
command -v gcc >/dev/null 2>&1 || skip "no gcc"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}
[ -f "$java_home/include/jni.h" ] || skip "no jni.h under $java_home/include"
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
  exit 0
fi
mkdir -p "$(dirname "$out")"
lib=()
[ -n "${MUJOCO_LIBDIR:-}" ] && lib=(-L"$MUJOCO_LIBDIR")
gcc -O2 -fPIC -shared -std=c11 -D_GNU_SOURCE -Wall -Wno-unused-parameter \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$header" \
  -o "$out" "$src" "${lib[@]}" -lmujoco -lm || skip "gcc failed"
echo "[mujoco shim] built $out"
