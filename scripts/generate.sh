#!/usr/bin/env bash
# The main job: install what is missing, build, and generate a small dataset from the default
# scene plan into out/ (WebDataset shards in out/train/, the dataset card out/README.md, and
# run.json last). Extra arguments go to `scenewright generate`, e.g.
#   scripts/generate.sh --count 10000 --seed 3 --out big/ --format webdataset,coco
# An existing out/ is replaced, unless --resume is given (which finishes an interrupted run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# --static-swift-stdlib: the Swift runtime and Foundation linked in, not loaded and bound at each
# start: 6 ms less start-up and about 3% less time per sample (docs/PERFORMANCE.md).
swift build -c release --static-swift-stdlib --product scenewright
replace=(--overwrite)
for arg in "$@"; do [ "$arg" = "--resume" ] && replace=(); done
exec .build/release/scenewright generate --count 1000 --seed 7 --out out "${replace[@]}" "$@"
