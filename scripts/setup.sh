#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: the Debian packages the tests use
# (xmllint for the manifest schema, Chromium for browser tests, LibreOffice Calc for the formula
# cross-check, LibreOffice Impress for the deck's PDF check) and the npm packages (npm ci). Used by the README's first command and by .ci/run.
#   --strict   fail when a Debian package is missing and cannot be installed (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

strict=0
[ "${1:-}" = "--strict" ] && strict=1

# package:command that proves it is installed ("dpkg": no command of its own proves it, so ask
# dpkg — LibreOffice Impress, which converts the deck, shares its `soffice` with Calc; Carlito,
# metrically compatible with Calibri, so that LibreOffice prints the sheets' columns as wide as
# Excel does: without it, it falls back to a wider font and the designed pages overflow)
needs=("libxml2-utils:xmllint" "chromium:chromium" "libreoffice-calc:soffice" "libreoffice-impress:dpkg" "fonts-crosextra-carlito:dpkg")
missing=()
for pair in "${needs[@]}"; do
  pkg=${pair%%:*}
  cmd=${pair##*:}
  if [ "$cmd" = "dpkg" ]; then
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  else
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-noto-cjk >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}"
    echo "setup: install them with: sudo apt-get install -y ${missing[*]} fonts-noto-cjk"
    echo "setup: (the preview runs without them; the manifest, browser and LibreOffice tests need them)"
    [ $strict = 1 ] && exit 1
  fi
fi

# npm packages: a clean install when node_modules is missing or older than the lock file, and always in CI.
if [ "${CI:-}" = "true" ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
