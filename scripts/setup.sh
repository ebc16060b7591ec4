#!/usr/bin/env bash
# Installs what Scenewright needs and is missing: libpng-dev and pkg-config (Debian), and a
# Python venv in .venv with the readers the consumer tests drive. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
dpkg -s libpng-dev >/dev/null 2>&1 || need_apt+=(libpng-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if ((${#need_apt[@]})); then
    echo "setup: installing ${need_apt[*]}" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--python" ]; then
    if [ ! -x .venv/bin/python ]; then
        echo "setup: creating .venv" >&2
        if ! python3 -m venv .venv 2>/dev/null; then
            SUDO=""
            [ "$(id -u)" -ne 0 ] && SUDO="sudo"
            $SUDO apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
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
