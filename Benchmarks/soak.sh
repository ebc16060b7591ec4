#!/usr/bin/env bash
# A long soak: the default plan with every core at 10,000, 100,000 and 1,000,000 samples (peak
# RSS of each from GNU time, so its growth with the count shows), then `verify` of the largest
# run. Prints wall time, samples/s, peak RSS and disk use; the output folders are removed at
# the end unless SOAK_KEEP=1. Run on the machine, not in CI (about 30 minutes, 30 GB of disk).
#
#   Benchmarks/soak.sh [parent-folder] [largest-count]
#   Benchmarks/soak.sh /work/soak 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
parent=${1:-/tmp}
largest=${2:-1000000}
bin=${SCENEWRIGHT_BIN:-.build/release/scenewright}
[ -x "$bin" ] || swift build -c release --static-swift-stdlib --product scenewright >/dev/null
mkdir -p "$parent"
for count in 10000 100000 "$largest"; do
    out="$parent/soak-$count"
    rm -rf "$out"
    start=$(date +%s.%N)
    /usr/bin/time -f "maxrss_kib=%M" -o "$parent/soak-$count.time" \
        "$bin" generate --count "$count" --seed 1 --out "$out" --quiet
    end=$(date +%s.%N)
    kib=$(sed -n 's/^maxrss_kib=//p' "$parent/soak-$count.time")
    secs=$(echo "$end - $start" | bc)
    echo "generate $count: $(printf '%.1f' "$secs") s, $(echo "$count / $secs" | bc) samples/s, peak RSS $((kib / 1024)) MiB, disk $(du -sh "$out" | cut -f1)"
    [ "$count" = "$largest" ] || rm -rf "$out"
done
out="$parent/soak-$largest"
start=$(date +%s.%N)
/usr/bin/time -f "maxrss_kib=%M" -o "$parent/verify.time" "$bin" verify "$out" > "$parent/verify.log" 2>&1 || true
end=$(date +%s.%N)
kib=$(sed -n 's/^maxrss_kib=//p' "$parent/verify.time")
echo "verify $largest: $(printf '%.1f' "$(echo "$end - $start" | bc)") s, peak RSS $((kib / 1024)) MiB; $(grep -iE 'defect' "$parent/verify.log" | tail -1)"
[ "${SOAK_KEEP:-0}" = 1 ] || rm -rf "$out"
