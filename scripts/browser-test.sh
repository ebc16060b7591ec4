#!/usr/bin/env bash
# The viewer in a real browser: generates a small dataset with the built CLI, writes its viewer
# with `scenewright browse`, opens it in headless Chromium (`scripts/setup.sh --browser` installs
# it and jq) and checks what rendered, from the attributes the page's own script records on <body>:
# images decoded (naturalWidth > 0), mask overlays decoded, reference boxes laid out.
#
#   scripts/browser-test.sh [--screenshot FILE] [--keep]
#
# SCENEWRIGHT_BIN chooses the executable (default .build/debug/scenewright, built when missing).
# --screenshot also keeps a screenshot of page 1 (boxes and id mask on), e.g. docs/browse.png.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${SCENEWRIGHT_BIN:-$ROOT/.build/debug/scenewright}
SHOT=""
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) SHOT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: $0 [--screenshot FILE] [--keep]" >&2; exit 2 ;;
  esac
done
[ -n "$SHOT" ] && case "$SHOT" in /*) ;; *) SHOT=$ROOT/$SHOT ;; esac

fail() { echo "browser test FAILED: $*" >&2; exit 1; }
t0=$(date +%s)

# --- Chromium -----------------------------------------------------------------------------
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || fail "chromium is not installed: run scripts/setup.sh --browser"
command -v jq >/dev/null || fail "jq is not installed: run scripts/setup.sh --browser"
if [ ! -x "$BIN" ]; then swift build --product scenewright >/dev/null; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/scenewright-browser-XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

# --- Dataset and viewer -------------------------------------------------------------------
"$BIN" generate --format webdataset,folder --masks --count 30 --shard-size 10 --seed 7 --out "$WORK/out" >/dev/null \
  || fail "generate failed"
"$BIN" browse "$WORK/out" --per-page 12 || fail "browse failed"
PAGE="file://$WORK/out/browse/index.html"

chrome() {
  timeout 90 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --hide-scrollbars --user-data-dir="$WORK/profile" --virtual-time-budget=5000 "$@" 2>>"$WORK/chromium.log"
}
attr() { grep -o "<body[^>]*" "$1" | grep -o " $2=\"[^\"]*\"" | head -1 | sed 's/.*="\(.*\)"/\1/'; }
# Expected reference boxes: refs of samples [from, to) in a language ("all": every language).
expected_refs() {
  jq -s --argjson a "$1" --argjson b "$2" --arg lang "$3" \
    '[.[$a:$b][] | .refs[] | select($lang == "all" or .lang == $lang)] | length' "$WORK/out/samples.jsonl"
}
check_page() { # name fragment samples from to lang
  local name=$1 fragment=$2 n=$3 from=$4 to=$5 lang=$6 dom="$WORK/$1.html"
  chrome --dump-dom "$PAGE#$fragment" >"$dom" || fail "$name: chromium failed (see $WORK/chromium.log)"
  [ "$(attr "$dom" data-sw-status)" = ready ] || fail "$name: page did not settle: $(grep -o '<body[^>]*' "$dom")"
  [ "$(attr "$dom" data-sw-samples)" = "$n" ] || fail "$name: expected $n samples"
  [ "$(grep -o '<article class="card' "$dom" | wc -l)" = "$n" ] || fail "$name: expected $n cards"
  [ "$(attr "$dom" data-sw-images-loaded)" = "$n" ] || fail "$name: $(attr "$dom" data-sw-images-loaded) of $n images decoded"
  [ "$(grep -o '<img class="photo"[^>]*data-natural-width="256"' "$dom" | wc -l)" = "$n" ] \
    || fail "$name: not every <img> has naturalWidth 256"
  [ "$(attr "$dom" data-sw-masks-loaded)" = "$n" ] || fail "$name: $(attr "$dom" data-sw-masks-loaded) of $n masks decoded"
  [ "$(attr "$dom" data-sw-failed)" = 0 ] || fail "$name: some images failed to load"
  local want; want=$(expected_refs "$from" "$to" "$lang")
  [ "$want" -gt 0 ] || fail "$name: the records have no referring expressions to draw"
  [ "$(attr "$dom" data-sw-boxes)" = "$want" ] || fail "$name: $(attr "$dom" data-sw-boxes) boxes, expected $want"
  [ "$(grep -o '<g class="ref"' "$dom" | wc -l)" = "$want" ] || fail "$name: overlay <g class=ref> count differs"
  [ "$(attr "$dom" data-sw-boxes-drawn)" = "$want" ] || fail "$name: only $(attr "$dom" data-sw-boxes-drawn) of $want boxes laid out"
  echo "  $name: $n images and $n masks decoded, $want boxes drawn"
}

echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
check_page page1 "page=1&lang=en&mask=1" 12 0 12 en
check_page page3-all-languages "page=3&lang=all" 6 24 30 all
check_page page2-chinese "page=2&lang=zh&boxes=1" 12 12 24 zh
chrome --dump-dom "$PAGE#key=000000017" >"$WORK/key.html" || fail "key: chromium failed"
grep -q '<article class="card flash" id="s-000000017"' "$WORK/key.html" || fail "jumping to key 000000017 did not show it"
[ "$(attr "$WORK/key.html" data-sw-page)" = 2 ] || fail "key 000000017 should be on page 2"
echo "  key jump: 000000017 shown on page 2"
# Hostile text must stay text: the page renders textContent only (the Swift tests check the data).

SHOT_FILE=${SHOT:-$WORK/browse.png}
chrome --window-size=1200,760 --screenshot="$SHOT_FILE" "$PAGE#page=1&lang=en&mask=1" >/dev/null || fail "screenshot failed"
[ -s "$SHOT_FILE" ] || fail "no screenshot written"
[ "$(head -c 8 "$SHOT_FILE" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "screenshot is not a PNG"
echo "  screenshot: $SHOT_FILE ($(wc -c <"$SHOT_FILE") bytes)"
echo "browser test passed in $(($(date +%s) - t0)) s"
