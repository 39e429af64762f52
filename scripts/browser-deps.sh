#!/usr/bin/env bash
# System packages the test suite uses: Chromium for the browser tests, and HarfBuzz's subsetter
# and poppler for fast, checkable PDFs. Installed when missing and we are root; otherwise the
# browser tests are skipped (tests/conftest.py says so loudly).
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset.so.0 || need+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "!! Missing system packages: ${need[*]} (not root, not installing). Browser tests will be skipped."
  echo "!! Enable them with: sudo apt-get install -y ${need[*]}"
  exit 0
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
  || echo "!! Could not install ${need[*]}; browser tests will be skipped."
exit 0
