#!/usr/bin/env bash
# Builds the libFuzzer harnesses of the readers of untrusted bytes (Tests/Fuzz: plan, lexicon,
# record, tar, png), replays every saved regression input, then fuzzes each harness for
# SECONDS (default 30) from its seed corpus. Fails on any crash, trap, hang (over 5 s) or
# memory blow-up (over 2 GB), naming the input that did it. A toolchain without libFuzzer is
# reported as SKIPPED (exit 0, loudly), never as a pass.
# The bounded run uses a fixed seed (FUZZ_SEED, default 1) and deterministic Swift hashing, so
# CI explores the same inputs for the same code; search for new crashes with FUZZ_SEED=0
# (libFuzzer picks a random seed) and a long SECONDS.
#   scripts/fuzz.sh [SECONDS]      FUZZ_HARNESSES="plan tar" to run only some.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-30}"
harnesses="${FUZZ_HARNESSES:-plan lexicon record tar png}"
scratch="$root/.build-fuzz"
work="$scratch/runs"
flags=(-c release --package-path Tests/Fuzz --scratch-path "$scratch"
    -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link -Xswiftc -use-ld=lld)

skip() {
    echo "fuzz: SKIPPED ($1): the readers were NOT fuzzed" >&2
    exit 0
}

# Can this toolchain link a Swift libFuzzer program at all? (Apple's Xcode toolchain cannot.)
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
cat >"$probe/probe.swift" <<'EOF'
@_cdecl("LLVMFuzzerTestOneInput") public func probe(_ d: UnsafePointer<UInt8>?, _ n: Int) -> CInt { 0 }
EOF
if ! swiftc -sanitize=fuzzer -parse-as-library -use-ld=lld "$probe/probe.swift" -o "$probe/probe" \
    >"$probe/log" 2>&1; then
    skip "swiftc -sanitize=fuzzer does not work here: $(head -c 300 "$probe/log")"
fi

echo "fuzz: building the harnesses (release, -sanitize=fuzzer, $scratch)"
# The harness package uses the main package's pinned dependency versions.
[[ -f Tests/Fuzz/Package.resolved ]] || cp Package.resolved Tests/Fuzz/Package.resolved
mkdir -p "$work"
if ! swift build "${flags[@]}" >"$work/build.log" 2>&1; then
    grep -Ev '^\[[0-9]+/[0-9]+\]' "$work/build.log" | tail -n 30 >&2
    echo "fuzz: FAILED: the harnesses do not build (log: $work/build.log)" >&2
    exit 1
fi
bin="$(swift build "${flags[@]}" --show-bin-path)"
for h in $harnesses; do
    [[ -x "$bin/fuzz-$h" ]] || { echo "fuzz: the build did not make fuzz-$h" >&2; exit 1; }
done

# libFuzzer, not Swift's backtracer, must see a trap, so that it saves the input.
export SWIFT_BACKTRACE=enable=no
export SWIFT_DETERMINISTIC_HASHING=1
export SCENEWRIGHT_HOME="$root"
failed=()
for h in $harnesses; do
    dir="Tests/Fuzz/$h"
    artifacts="$work/$h-artifacts"
    rm -rf "$work/$h" "$artifacts"
    mkdir -p "$work/$h" "$artifacts"
    common=(-rss_limit_mb=2048 -timeout=5 -artifact_prefix="$artifacts/")
    [[ -f "$dir/$h.dict" ]] && common+=(-dict="$dir/$h.dict")
    regressions=("$dir"/regressions/*)
    if [[ -e "${regressions[0]}" ]]; then
        if ! "$bin/fuzz-$h" "${common[@]}" "${regressions[@]}" >"$work/$h-replay.log" 2>&1; then
            echo "fuzz: $h: a saved regression input fails again; see $work/$h-replay.log" >&2
            failed+=("$h")
            continue
        fi
    fi
    # New inputs go to the scratch corpus; the seed corpus in the repository is only read.
    if "$bin/fuzz-$h" "${common[@]}" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -print_final_stats=1 \
        "$work/$h" "$dir/corpus" >"$work/$h.log" 2>&1; then
        status="ok"
    else
        status="FAILED"
        failed+=("$h")
    fi
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$work/$h.log")
    rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$work/$h.log")
    cov=$(grep -Eo 'cov: [0-9]+' "$work/$h.log" | tail -n 1 || true)
    corpus=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$work/$h.log" | tail -n 1 || true)
    replayed=$([[ -e "${regressions[0]}" ]] && echo "${#regressions[@]}" || echo 0)
    echo "fuzz: $h: $status, ${runs:-?} runs (${rate:-?}/s), ${cov:-cov: ?}, ${corpus:-corp: ?}, $replayed regressions replayed"
    if [[ $status == FAILED ]]; then
        echo "fuzz: $h: see $work/$h.log; the input is in $artifacts/ (fix the reader, then add the" \
            "input to $dir/regressions/)" >&2
    fi
done

if ((${#failed[@]} > 0)); then
    echo "fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: all harnesses ran ${seconds}s each without a crash, hang or memory blow-up"
