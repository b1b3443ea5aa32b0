#!/usr/bin/env bash
# Installs what the demo and the tests need, only when missing: npm packages, Debian's Chromium,
# poppler-utils (pdftotext/pdfinfo/pdftoppm), zbar-tools (zbarimg, to decode QR codes in tests) and
# Debian's firefox-esr (the Firefox e2e suite drives it with puppeteer-core over WebDriver BiDi).
set -euo pipefail
cd "$(dirname "$0")/.."

# No browser download, ever: Debian's chromium and firefox-esr are the browsers under test.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
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
