#!/usr/bin/env bash
# Installs what Scenewright needs and is missing; safe to run again (only what is missing is
# installed).
#
#   scripts/setup.sh [--python] [--browser] [--ocr]
#
# Always: libpng-dev, libfreetype-dev, libharfbuzz-dev and pkg-config (Debian), to build; the
#            fonts text is drawn with: fonts-dejavu-core (Latin), fonts-wqy-microhei (Chinese).
# --python:  a Python venv in .venv with the readers the consumer tests and the Python checks of
#            the Swift tests drive (Tests/consumers/requirements.txt).
# --browser: chromium and jq (Debian), for the viewer's browser test (scripts/browser-test.sh).
# --ocr:     tesseract-ocr and its English and simplified Chinese data (Debian), for the
#            legibility measurement only (scripts/legibility.py); with --python, pytesseract.
# Swift tests that need these report themselves skipped when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python=0
browser=0
ocr=0
for arg in "$@"; do
    case "$arg" in
        --python) python=1 ;;
        --browser) browser=1 ;;
        --ocr) ocr=1 ;;
        *) echo "usage: $0 [--python] [--browser] [--ocr]" >&2; exit 2 ;;
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
for package in libpng-dev libfreetype-dev libharfbuzz-dev fonts-dejavu-core fonts-wqy-microhei; do
    dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "$ocr" = 1 ]; then
    for package in tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim; do
        dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
    done
fi
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
    if [ "$ocr" = 1 ] && ! .venv/bin/python -c "import pytesseract" 2>/dev/null; then
        echo "setup: installing pytesseract" >&2
        .venv/bin/python -m pip install -q --disable-pip-version-check pytesseract
    fi
fi
