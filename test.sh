#!/usr/bin/env bash
# Command 2: install what is missing, build everything with AddressSanitizer and UBSan, and run
# every test. Exit status 0 only when all pass.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
# The browser tests need Node.js 20 (Debian 12's is 18: see the script).
node_bin=$(scripts/node-for-tests.sh)
# The benchmarks are built too (not run: they print figures, bench/README.md), so they keep
# compiling as the code they measure changes.
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKC_SANITIZE=ON -DKC_BENCH=ON \
    -DKC_NODE="$node_bin" > /dev/null
cmake --build build-test
# The browser tests' npm packages (playwright-core, axe-core), exactly as locked; the browser is Debian's.
(cd tests/e2e && PATH="$(dirname "$node_bin"):$PATH" npm ci --no-audit --no-fund --loglevel=error)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-test
ctest --output-on-failure -j2 --timeout 600
