#!/usr/bin/env bash
# Every test: install what is missing, check the layout (imports as docs/ARCHITECTURE.md allows,
# file sizes, where unsafe code stands), run the Swift tests (Swift Testing, in parallel), the
# consumer tests, which load real output with the real Python readers, the fuzz harnesses of
# the readers (30 s each, docs/ROBUSTNESS.md), and the Slurm test, which runs a split run as a
# job array on a real single-node Slurm.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --python --browser
python3 scripts/check-layout.py
swift build --build-tests
swift test --skip-build --parallel
scripts/fuzz.sh 30
SCENEWRIGHT_BIN="$PWD/.build/debug/scenewright" .venv/bin/python -m pytest Tests/consumers -q -p no:cacheprovider
# Split runs on a real (single-node) Slurm: installs slurm-wlm and munge when missing.
SCENEWRIGHT_BIN="$PWD/.build/debug/scenewright" scripts/slurm-test.sh
