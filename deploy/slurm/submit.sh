#!/usr/bin/env bash
# Submits a Scenewright run to Slurm: the job array (deploy/slurm/scenewright-array.sbatch), one
# task per block of shards, and a finalize job (scenewright-finalize.sbatch) that starts once
# every array task has succeeded (--dependency=afterok:<array job id>). Prints the job ids.
#
#     deploy/slurm/submit.sh [--tasks N] [--cpus-per-task C] [--logs DIR] [-- generate options]
#
#     --tasks N            array tasks (default: the --array line of the .sbatch file)
#     --cpus-per-task C    CPUs, hence worker threads, per task (default: the .sbatch file's)
#     --logs DIR           folder for the jobs' log files (default: the current folder)
#     -- ...               further `scenewright generate` options for every task (e.g. --masks)
#
# The run itself (SW_BIN, SW_PLAN, SW_SEED, SW_START, SW_COUNT, SW_SHARD_SIZE, SW_FORMATS,
# SW_OUT) comes from the environment, else from the defaults in the .sbatch file's "run
# settings" block; they are resolved here, once, and handed to both jobs, so every task and the
# finalize job see the same run. Other sbatch options (partition, account, time) through
# Slurm's own input variables: SBATCH_PARTITION, SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ...
#
# Output on stdout, for scripts:  ARRAY_JOB=<id>  and  FINALIZE_JOB=<id>  (one per line).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
array_script="$here/scenewright-array.sbatch"
finalize_script="$here/scenewright-finalize.sbatch"

tasks="" cpus="" logs="$PWD"
while (($#)); do
    case "$1" in
        --tasks) tasks="${2:?--tasks needs a number}"; shift 2 ;;
        --tasks=*) tasks="${1#*=}"; shift ;;
        --cpus-per-task) cpus="${2:?--cpus-per-task needs a number}"; shift 2 ;;
        --cpus-per-task=*) cpus="${1#*=}"; shift ;;
        --logs) logs="${2:?--logs needs a folder}"; shift 2 ;;
        --logs=*) logs="${1#*=}"; shift ;;
        --) shift; break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "submit: unknown option $1 (generate options go after --)" >&2; exit 2 ;;
    esac
done
for v in "$tasks" "$cpus"; do
    if [ -n "$v" ] && ! [[ "$v" =~ ^[1-9][0-9]*$ ]]; then
        echo "submit: --tasks and --cpus-per-task take a positive whole number, not '$v'" >&2
        exit 2
    fi
done
command -v sbatch >/dev/null || { echo "submit: sbatch not found (is this a Slurm login node?)" >&2; exit 2; }

# The run settings: the environment's, else the .sbatch file's defaults.
eval "$(sed -n '/^# >>> run settings/,/^# <<< run settings/p' "$array_script")"
case "$SW_OUT" in /*) ;; *) SW_OUT="$PWD/$SW_OUT" ;; esac
case "$SW_PLAN" in ""|/*) ;; *) SW_PLAN="$PWD/$SW_PLAN" ;; esac
case "$SW_BIN" in */*) SW_BIN="$(cd "$(dirname "$SW_BIN")" && pwd)/$(basename "$SW_BIN")" ;; esac
export SW_BIN SW_PLAN SW_SEED SW_START SW_COUNT SW_SHARD_SIZE SW_FORMATS SW_OUT
mkdir -p "$logs"
logs="$(cd "$logs" && pwd)"

array_opts=(--parsable --output="$logs/scenewright-%A_%a.out")
[ -n "$tasks" ] && array_opts+=(--array="0-$((tasks - 1))")
[ -n "$cpus" ] && array_opts+=(--cpus-per-task="$cpus")

array_job="$(sbatch "${array_opts[@]}" "$array_script" "$@")"
array_job="${array_job%%;*}"
finalize_job="$(sbatch --parsable --dependency="afterok:$array_job" --kill-on-invalid-dep=yes \
    --output="$logs/scenewright-finalize-%j.out" "$finalize_script")"
finalize_job="${finalize_job%%;*}"

echo "submit: array job $array_job (${tasks:-see .sbatch} tasks) writing $SW_OUT;" \
    "finalize job $finalize_job after it succeeds; logs in $logs" >&2
echo "submit: watch with  squeue -j $array_job,$finalize_job ; the run is complete when $SW_OUT/run.json exists" >&2
echo "ARRAY_JOB=$array_job"
echo "FINALIZE_JOB=$finalize_job"
