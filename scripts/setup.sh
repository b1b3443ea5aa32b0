#!/usr/bin/env bash
# Installs what the demo and the tests need, only when missing: npm packages, Debian's Chromium,
# poppler-utils (pdftotext/pdfinfo/pdftoppm), zbar-tools (zbarimg, to decode QR codes in tests) and
# Debian's firefox-esr (the Firefox e2e suite drives it with puppeteer-core over WebDriver BiDi).
set -euo pipefail
cd "$(dirname "$0")/.."

# No browser download, ever: Debian's chromium and firefox-esr are the browsers under test.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
# npm ci empties node_modules before installing: through a symlink (a git worktree sharing another
# checkout's packages) it would wipe the packages every other checkout is using, so a linked
# node_modules is never reinstalled here. A fresh checkout's lock file is newer than any install, so
# the install is stamped with the lock's hash and redone only when the lock's content changed.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.pp1-lock-sha256
if [ -L node_modules ]; then
  [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$lock_sum" ] &&
    echo "setup: node_modules is a link to a shared install made from another package-lock.json; not reinstalling it"
elif [ ! -d node_modules ] || { [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$lock_sum" ]; } ||
  { [ ! -f "$stamp" ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

need=()
[ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/firefox-esr ] || need+=(firefox-esr)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
command -v openssl >/dev/null || need+=(openssl)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]} (apt-get)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
