#!/usr/bin/env bash
# A real Slurm test on this one machine: installs Debian's slurm-wlm and munge when missing,
# starts munged, slurmctld and slurmd (one node: this host, on loopback), submits the shipped job
# array (deploy/slurm/submit.sh: 4 tasks and a dependent finalize job), waits for both, then
# makes the same run in one process and compares the two output folders file by file (every
# file except the per-process temporaries in .scenewright/tmp/). Prints PASS or FAIL with a
# summary and exits non-zero on failure. The daemons it started are stopped by their process ids
# whatever happens. Needs root (slurmd runs jobs as the submitting user) and no systemd; safe to
# run again. About 15 seconds, plus about 10 for the package install the first time.
#
#     scripts/slurm-test.sh              # binary: $SCENEWRIGHT_BIN, else .build/release, .build/debug
#
# Environment: SCENEWRIGHT_BIN (binary to test), SLURM_TEST_KEEP=1 (keep the work folder, which
# holds the configuration, daemon logs, job logs and both outputs; it is always kept on failure),
# SLURM_TEST_PORT (slurmctld's port, default 16817; slurmd uses the next one).
set -euo pipefail
caller="$PWD"
cd "$(dirname "$0")/.."
repo="$PWD"
started=$SECONDS

trap 'exit 130' INT TERM
say() { echo "slurm-test: $*" >&2; }
die() { say "FAIL: $*"; exit 1; }

# --- what to run: small, several shards per task, three formats
seed=5 count=64 shard_size=8 formats=webdataset,folder,coco tasks=4
plan="$repo/scenes/shapes.yaml"

# --- the binary (copied, so that a rebuild during the test cannot mix two versions)
bin="${SCENEWRIGHT_BIN:-}"
case "$bin" in "" | /*) ;; *) bin="$caller/$bin" ;; esac
if [ -z "$bin" ]; then
    for b in .build/release/scenewright .build/debug/scenewright; do
        [ -x "$b" ] && { bin="$repo/$b"; break; }
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || die "no scenewright binary: build it (swift build -c release --static-swift-stdlib) or set SCENEWRIGHT_BIN"
help="$("$bin" generate --help 2>/dev/null || true)"
[[ "$help" == *--num-tasks* ]] \
    || die "$bin has no --num-tasks option (an old build?): rebuild it or set SCENEWRIGHT_BIN"
[ "$(id -u)" -eq 0 ] || die "run as root: slurmd must be able to start jobs as any user"

# --- packages
missing=()
for c in munged:munge slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client; do
    command -v "${c%%:*}" >/dev/null 2>&1 || missing+=("${c#*:}")
done
if ((${#missing[@]})); then
    say "installing slurm-wlm and munge (missing: ${missing[*]})"
    # Keep the packages' init scripts from starting system-wide daemons during the install: this
    # test starts its own. policy-rc.d is only added for the install if there was none.
    policy_added=""
    trap '[ -z "$policy_added" ] || rm -f /usr/sbin/policy-rc.d' EXIT
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        policy_added=1
    fi
    apt_log="$(mktemp /tmp/scenewright-slurm-apt.XXXXXX)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        slurm-wlm munge; } >"$apt_log" 2>&1; then
        tail -n 20 "$apt_log" >&2
        rm -f "$apt_log"
        die "apt-get could not install slurm-wlm and munge"
    fi
    rm -f "$apt_log"
    [ -z "$policy_added" ] || rm -f /usr/sbin/policy-rc.d
    policy_added=""
    trap - EXIT
    say "installed in $((SECONDS - started)) s"
fi
command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v munged >/dev/null \
    || die "slurm-wlm or munge did not install"

# --- the work folder: configuration, state, logs and outputs of this test only
work=""
pids=()          # daemons this script started, in start order
result=1
cleanup() {
    local rc=$?
    set +e
    # Jobs first (their processes belong to this test), then the daemons, newest first.
    if [ -n "${SLURM_CONF:-}" ] && ((${#pids[@]} >= 2)) && kill -0 "${pids[1]}" 2>/dev/null; then
        scancel --quiet --user=root >/dev/null 2>&1
        for _ in $(seq 1 20); do
            [ -z "$(squeue -h 2>/dev/null)" ] && break
            sleep 0.5
        done
    fi
    local i p
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        p="${pids[i]}"
        kill -0 "$p" 2>/dev/null || continue
        kill -TERM "$p" 2>/dev/null
        for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$p" 2>/dev/null && { say "pid $p did not stop on SIGTERM; killing it"; kill -KILL "$p"; }
        wait "$p" 2>/dev/null
    done
    # Anything still running out of the work folder (a job step left by a killed slurmd) was
    # started by this test: find those processes by their working folder or open files.
    local left=() d link target
    [ -n "$work" ] && for d in /proc/[0-9]*; do
        p="${d#/proc/}"
        [ "$p" = "$$" ] && continue
        for link in "$d/cwd" "$d"/fd/*; do
            target="$(readlink "$link" 2>/dev/null)" || continue
            if [ "$target" = "$work" ] || [[ "$target" == "$work/"* ]]; then
                left+=("$p")
                break
            fi
        done
    done
    if ((${#left[@]})); then
        say "stopping leftover processes of this test: ${left[*]}"
        kill -KILL "${left[@]}" 2>/dev/null
    fi
    if [ -z "$work" ]; then
        :
    elif [ "$result" -eq 0 ] && [ "$rc" -eq 0 ] && [ -z "${SLURM_TEST_KEEP:-}" ]; then
        rm -rf "$work"
    else
        say "work folder kept: $work (daemon logs in log/, job logs in jobs/)"
    fi
    # The closing line test harnesses read.
    if [ "$result" -eq 0 ] && [ "$rc" -eq 0 ]; then say "1 passed, 0 failed"; else say "0 passed, 1 failed"; fi
    exit "$rc"
}
trap cleanup EXIT
work="$(mktemp -d /tmp/scenewright-slurm-test.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/munge" "$work/munge-key" "$work/etc" "$work/state" "$work/spool" "$work/log" "$work/jobs" "$work/bin"
chmod 700 "$work/munge-key"
cp "$bin" "$work/bin/scenewright"
bin="$work/bin/scenewright"

show_logs() {
    for f in "$work"/log/*.log "$work"/jobs/*.out; do
        [ -s "$f" ] || continue
        echo "----- ${f#"$work"/} (last lines)" >&2
        grep -v -i pmix "$f" | tail -n 15 >&2 || true
    done
}
fail() { say "FAIL: $*"; show_logs; exit 1; }

# --- munge: our own key, socket and daemon
key="$work/munge-key/munge.key"
if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$key" >/dev/null 2>&1 || true
fi
[ -s "$key" ] || dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
chmod 400 "$key"
socket="$work/munge/munge.socket"
munged --foreground --force --socket="$socket" --key-file="$key" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/log/munged.log" \
    --seed-file="$work/munge/munged.seed" >>"$work/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
    [ -S "$socket" ] && break
    kill -0 "${pids[0]}" 2>/dev/null || fail "munged exited"
    sleep 0.1
done
munge -n -S "$socket" | unmunge -S "$socket" >/dev/null 2>&1 || fail "munge cannot encode and decode a credential"

# --- slurm.conf: one node, this host, loopback
node="$(hostname -s)"
cpus="$(nproc)"
port="${SLURM_TEST_PORT:-16817}"
export SLURM_CONF="$work/etc/slurm.conf"
cat >"$SLURM_CONF" <<CONF
# Written by scripts/slurm-test.sh for one test run; everything lives in $work.
ClusterName=scenewright-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DependencyParameters=kill_invalid_depend
ReturnToService=2
MinJobAge=600
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF

# --- slurmctld and slurmd, in the foreground (-D) as our background children
slurmctld -D -i -f "$SLURM_CONF" >>"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
ctld_up() { [[ "$(scontrol ping 2>/dev/null)" == *"is UP"* ]]; }
for _ in $(seq 1 100); do
    ctld_up && break
    kill -0 "${pids[1]}" 2>/dev/null || fail "slurmctld exited"
    sleep 0.2
done
ctld_up || fail "slurmctld does not answer"
slurmd -D -f "$SLURM_CONF" -N "$node" >>"$work/log/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 1 150); do
    state="$(sinfo -h -N -n "$node" -o %t 2>/dev/null || true)"
    [ "$state" = "idle" ] && break
    kill -0 "${pids[2]}" 2>/dev/null || fail "slurmd exited"
    sleep 0.2
done
[ "$state" = "idle" ] || fail "node $node is '$state', not idle"
say "slurm up: node $node, $cpus CPUs, daemons ${pids[*]} ($((SECONDS - started)) s)"

# --- the shipped array job and its finalize job
split="$work/split"
export SW_BIN="$bin" SW_PLAN="$plan" SW_SEED="$seed" SW_START=0 SW_COUNT="$count"
export SW_SHARD_SIZE="$shard_size" SW_FORMATS="$formats" SW_OUT="$split"
export SCENEWRIGHT_HOME="$repo"
ids="$(cd "$work/jobs" && "$repo/deploy/slurm/submit.sh" --tasks "$tasks" --cpus-per-task 1 --logs "$work/jobs")" \
    || fail "submit.sh failed"
array_job="$(sed -n 's/^ARRAY_JOB=//p' <<<"$ids")"
finalize_job="$(sed -n 's/^FINALIZE_JOB=//p' <<<"$ids")"
[ -n "$array_job" ] && [ -n "$finalize_job" ] || fail "submit.sh printed no job ids: $ids"
say "submitted array job $array_job ($tasks tasks) and finalize job $finalize_job"

# Job states, one "id state exit" line per job or array task ("7_2": task 2 of array job 7);
# finished jobs stay visible to scontrol for MinJobAge seconds.
job_states() {
    scontrol show job -o "$1" 2>/dev/null | awk '{
        id = ""; task = ""; state = ""; code = ""
        for (i = 1; i <= NF; i++) {
            split($i, kv, "=")
            if (kv[1] == "JobId") id = kv[2]
            else if (kv[1] == "ArrayJobId") id = kv[2]
            else if (kv[1] == "ArrayTaskId") task = "_" kv[2]
            else if (kv[1] == "JobState") state = kv[2]
            else if (kv[1] == "ExitCode") code = kv[2]
        }
        if (id != "") print id task, state, code
    }'
}
deadline=$((SECONDS + 180))
while :; do
    states="$(job_states "$array_job"; job_states "$finalize_job")"
    if [ -n "$states" ] && ! grep -Eq ' (PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED) ' <<<"$states"; then
        break
    fi
    ((SECONDS < deadline)) || { echo "$states" >&2; fail "jobs not done after 180 s"; }
    sleep 1
done
echo "$states" | sed 's/^/slurm-test:   job /' >&2
ntasks="$(job_states "$array_job" | wc -l)"
[ "$ntasks" -eq "$tasks" ] || fail "array job $array_job has $ntasks tasks, expected $tasks"
grep -v ' COMPLETED 0:0$' <<<"$states" >/dev/null && fail "a job did not complete successfully"
for f in "$work"/jobs/scenewright-"${array_job}"_*.out; do
    grep -h 'this process:' "$f" | sed "s|^|slurm-test:   ${f##*/}: |" >&2 || true
done
grep -q '^finalized ' "$work/jobs/scenewright-finalize-$finalize_job.out" 2>/dev/null \
    || fail "the finalize job $finalize_job did not say it finalized"
[ -f "$split/run.json" ] || fail "no run.json in the split run's folder"
say "array and finalize jobs done ($((SECONDS - started)) s)"

# --- the same run in one process
single="$work/single"
env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_MIN -u SLURM_ARRAY_TASK_MAX -u SLURM_ARRAY_TASK_COUNT \
    -u SLURM_ARRAY_JOB_ID -u SLURM_JOB_ID -u SLURM_CPUS_PER_TASK -u JOB_COMPLETION_INDEX \
    "$bin" generate --plan "$plan" --seed "$seed" --start-index 0 --count "$count" \
    --shard-size "$shard_size" --format "$formats" --out "$single" --quiet \
    || fail "single-process run failed"

# --- compare: every file and symlink, except .scenewright/tmp/
listing() {
    (cd "$1" && find . \( -path ./.scenewright/tmp -prune \) -o \( -type f -o -type l \) -print | LC_ALL=C sort)
}
listing "$split" >"$work/split.files"
listing "$single" >"$work/single.files"
only_split="$(LC_ALL=C comm -23 "$work/split.files" "$work/single.files")"
only_single="$(LC_ALL=C comm -13 "$work/split.files" "$work/single.files")"
differ=()
while IFS= read -r f; do
    cmp -s "$split/$f" "$single/$f" || differ+=("${f#./}")
done < <(LC_ALL=C comm -12 "$work/split.files" "$work/single.files")
nfiles="$(wc -l <"$work/single.files")"
if [ -z "$only_split" ] && [ -z "$only_single" ] && ((${#differ[@]} == 0)) && ((nfiles > 0)); then
    result=0
    say "PASS: $tasks Slurm array tasks + finalize == one process: $nfiles files identical" \
        "($count samples, $((count / shard_size)) shards, $formats) in $((SECONDS - started)) s"
    exit 0
fi
say "FAIL: the split run differs from the single-process run"
[ -n "$only_split" ] && { say "  only in the split run:"; head -n 20 <<<"$only_split" | sed 's/^/    /' >&2; }
[ -n "$only_single" ] && { say "  only in the single-process run:"; head -n 20 <<<"$only_single" | sed 's/^/    /' >&2; }
if ((${#differ[@]})); then
    say "  ${#differ[@]} files differ:"
    for f in "${differ[@]:0:20}"; do
        say "    $f ($(stat -c %s "$split/$f") vs $(stat -c %s "$single/$f") bytes)"
    done
fi
exit 1
