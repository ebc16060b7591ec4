#!/usr/bin/env bash
# The main job: install what is missing, build, and generate a small dataset from the default
# scene plan into out/ (images/<key>.png, samples.jsonl, run.json). Extra arguments go to
# `scenewright generate`, e.g. scripts/generate.sh --count 10000 --seed 3 --out big/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product scenewright
exec .build/release/scenewright generate --count 1000 --seed 7 --out out --overwrite "$@"
