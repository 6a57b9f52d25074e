#!/usr/bin/env bash
# Command 1: install what is missing, build, prepare storage/ with the demo year, and start the
# server on 127.0.0.1:8080 (override with KC_HTTP_PORT=...). Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKC_TESTS=OFF > /dev/null
cmake --build build --target kiemchung
./build/src/app/kiemchung init
./build/src/app/kiemchung demo
exec ./build/src/app/kiemchung serve
