#!/bin/sh
# Builds the benchmarks in Release in their own build folder and runs every one of them.
# Usage: tests/bench/run-all.sh [BUILD_DIR] [SUB-BENCHMARK]   (default: build/bench, all)
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build/bench}
what=${2:-all}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target fetchmedia_bench fetchmedia-sandbox
# Offscreen unless a display was chosen; never the person's key or settings.
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export FETCHMEDIA_API_KEY=
exec "$build/bench/fetchmedia_bench" "$what"
