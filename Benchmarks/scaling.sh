#!/usr/bin/env bash
# Parallel efficiency and memory of `scenewright generate`: the same run with one worker and
# with every core, interleaved over several rounds (this machine is noisy), reporting median
# samples/s, their ratio and the peak RSS of each.
#
#   Benchmarks/scaling.sh [count] [rounds] [output-parent] [extra generate options...]
#   Benchmarks/scaling.sh 10000 3 /dev/shm
#   Benchmarks/scaling.sh 1000000 1 /tmp --format webdataset
#
# The output folder is removed after each run. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
rounds=${2:-3}
parent=${3:-/dev/shm}
shift $(($# < 3 ? $# : 3)) || true
bin=${SCENEWRIGHT_BIN:-.build/release/scenewright}
[ -x "$bin" ] || swift build -c release --static-swift-stdlib --product scenewright >/dev/null
cores=$(nproc)
out="$parent/scenewright-scaling-$$"
trap 'rm -rf "$out"' EXIT
declare -A rates rss
for round in $(seq 1 "$rounds"); do
    for workers in 1 "$cores"; do
        rm -rf "$out"
        log=$( { /usr/bin/time -f "maxrss=%M" "$bin" generate --count "$count" --workers "$workers" --out "$out" "$@" ; } 2>&1 )
        rate=$(echo "$log" | sed -n 's/.* \([0-9]*\) samples\/s.*/\1/p' | tail -1)
        kib=$(echo "$log" | sed -n 's/^maxrss=\([0-9]*\)/\1/p' | tail -1)
        echo "round $round: $workers worker(s): $rate samples/s, peak RSS $((kib / 1024)) MiB"
        rates[$workers]+="$rate "
        rss[$workers]+="$kib "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one=$(echo "${rates[1]}" | median)
all=$(echo "${rates[$cores]}" | median)
echo "median: 1 worker $one samples/s, $cores workers $all samples/s, ratio $(awk "BEGIN {printf \"%.2f\", $all / $one}") (target >= 1.8 on 2 cores)"
echo "peak RSS: 1 worker $(( $(echo "${rss[1]}" | median) / 1024 )) MiB, $cores workers $(( $(echo "${rss[$cores]}" | median) / 1024 )) MiB ($count samples)"
