#!/usr/bin/env bash
# The browser the page tests (tests/e2e/test_pages.py) drive: Debian's chromium at /usr/bin/chromium.
# Installs it with apt-get when it is missing (through sudo unless run as root); Playwright's own
# browser downloads are never used.
#
#   scripts/browser.sh        # `make test` runs it first
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[[ -x $CHROMIUM ]] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "browser.sh: $CHROMIUM is missing and there is no apt-get to install it; the page tests need it" >&2
    exit 1
fi
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "browser.sh: installing chromium for the page tests" >&2
# A fresh machine's package lists may be stale or empty: read them once, then try again.
"${sudo[@]}" apt-get install -y --no-install-recommends chromium ||
    { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y --no-install-recommends chromium; }
