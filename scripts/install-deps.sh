#!/usr/bin/env bash
# Installs the Debian 12 packages Kiểm Chứng needs to build, run and test; only what is
# missing, so it is quick on a prepared machine. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libpoco-dev libpodofo-dev libarchive-dev libmagic-dev libicu-dev libssl-dev libsqlite3-dev
    libgtest-dev fonts-liberation2 libjs-pdf
    poppler-utils qpdf sqlite3 curl openssl
    chromium chromium-l10n
    libarchive-tools libxlsxwriter-dev zlib1g-dev
    strace exfatprogs exfat-fuse
)
# libjs-pdf is pdf.js, which the web interface draws PDF previews with (served from
# /usr/share/javascript/pdf/build, see web.pdfjsDir in docs/configuration.md). libarchive-tools
# gives bsdtar, the baseline bench/archive measures against. strace kills the
# server at chosen points of a commit in tests/e2e/crash.test.mjs. exfatprogs and exfat-fuse
# make the exFAT "USB drive" a backup is tested on (tests/ExfatDrive.h).
# openssl exports the legacy-encrypted PKCS#12 key that tests/pdf reads.
# Node.js and npm run the browser tests (tests/e2e). A Node.js that did not come from Debian's
# packages (with its own npm) is fine: only a missing command is installed.
command -v node > /dev/null || packages+=(nodejs)
command -v npm > /dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
