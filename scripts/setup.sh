#!/usr/bin/env bash
# Installs what Scenewright needs and is missing; safe to run again (only what is missing is
# installed).
#
#   scripts/setup.sh [--python] [--browser]
#
# Always: libpng-dev and pkg-config (Debian), to build.
# --python:  a Python venv in .venv with the readers the consumer tests and the Python checks of
#            the Swift tests drive (Tests/consumers/requirements.txt).
# --browser: chromium and jq (Debian), for the viewer's browser test (scripts/browser-test.sh).
# Swift tests that need these report themselves skipped when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python=0
browser=0
for arg in "$@"; do
    case "$arg" in
        --python) python=1 ;;
        --browser) browser=1 ;;
        *) echo "usage: $0 [--python] [--browser]" >&2; exit 2 ;;
    esac
done

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=0
apt_install() {
    echo "setup: installing $*" >&2
    if [ "$apt_updated" = 0 ]; then
        $SUDO apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

need_apt=()
dpkg -s libpng-dev >/dev/null 2>&1 || need_apt+=(libpng-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "$browser" = 1 ]; then
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need_apt+=(chromium)
    command -v jq >/dev/null 2>&1 || need_apt+=(jq)
fi
if ((${#need_apt[@]})); then apt_install "${need_apt[@]}"; fi

if [ "$python" = 1 ]; then
    if [ ! -x .venv/bin/python ]; then
        echo "setup: creating .venv" >&2
        if ! python3 -m venv .venv 2>/dev/null; then
            rm -rf .venv
            apt_install python3-venv
            python3 -m venv .venv
        fi
    fi
    if ! .venv/bin/python -c "import PIL, pytest, numpy, webdataset, pycocotools, datasets, yaml" 2>/dev/null || \
        [ Tests/consumers/requirements.txt -nt .venv/.requirements-installed ]; then
        echo "setup: installing Python packages for consumer tests" >&2
        .venv/bin/python -m pip install -q --disable-pip-version-check -r Tests/consumers/requirements.txt
        touch .venv/.requirements-installed
    fi
fi
