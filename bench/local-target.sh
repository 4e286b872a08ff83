#!/usr/bin/env bash
# A local task (this appliance to another of its pools: ADR-034) against the raw pipe between the same
# two pools, measured fairly in one run on the same data. One appliance, two pools on image files. A
# share gets DATA_GIB of random data and SMALL_FILES small files. Then, after one warm-up of each (not
# counted), ROUNDS rounds of:
#   1. the raw pipe: btrfs send <snapshot> | btrfs receive into the second pool, nothing else in the pipe
#      (the snapshot is made once, before; its stream's size is counted once, which warms the cache);
#   2. the appliance's local task of the share into the second pool, from "run" to its verdict (its own
#      snapshot and the in-memory hand-over included), a full send into an emptied replica.
# Printed: each round's times and rates, the ratio of the task to that round's raw pipe, the medians, and
# CPU seconds per GiB of stream (the appliance's process with the btrfs commands it ran; the raw pipe's
# two commands).
# Runs as root:
#   sudo ./bench/local-target.sh
#   DATA_GIB=1 SMALL_FILES=2000 ROUNDS=5 sudo ./bench/local-target.sh
set -euo pipefail
data_gib="${DATA_GIB:-2}"
small_files="${SMALL_FILES:-10000}"
rounds="${ROUNDS:-3}"
[[ $data_gib =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "DATA_GIB is a number, not '$data_gib'." >&2; exit 2; }
pool_gib=$(awk -v d="$data_gib" 'BEGIN {p = d * 2 + 3; printf "%d", p == int(p) ? p : int(p) + 1}')
backup=backup
# shellcheck source=scripts/appliances.sh
. "$(dirname "$0")/../scripts/appliances.sh"

start_appliances nas
source_pool=$(make_pool nas "$pool_gib")
api_to nas POST /api/pools "{\"name\":\"$backup\",\"imageSizeGiB\":$pool_gib}" >/dev/null
backup_pool="$work/nas/mnt/$backup"
share=$(make_share nas data)
own_id=$(appliance_id nas)

echo "Writing ${data_gib} GiB of random data and ${small_files} small files..."
head -c "$(awk -v gib="$data_gib" 'BEGIN {printf "%d", gib * 1073741824}')" /dev/urandom >"$share/large.bin"
mkdir -p "$share/small"
head -c "$((small_files * 4096))" /dev/urandom | split -b 4096 -a 6 - "$share/small/f"
sync

settle() { # lets btrfs's cleaner free what deletes left, so it does not compete with the next measurement
  btrfs subvolume sync "$backup_pool" >/dev/null
  btrfs subvolume sync "$source_pool" >/dev/null
  sync
}
timed() { # file command...: the command's seconds and CPU (user + system, with its children) go to the file
  local TIMEFORMAT='%R %U %S' file=$1
  shift
  { time { "$@"; } 2>&3; } 3>&2 2>"$file"
}

raw_snapshot="$source_pool/raw-snapshot"
btrfs -q subvolume snapshot -r "$share" "$raw_snapshot" >/dev/null
stream_bytes=$(btrfs send -q "$raw_snapshot" | wc -c)
gib=$(echo "scale=6; $stream_bytes / 1073741824" | bc -l)

raw_pipe() { btrfs send -q "$raw_snapshot" | btrfs receive -q "$backup_pool/raw"; }
raw_round() { # -> "seconds cpu-seconds"
  mkdir -p "$backup_pool/raw"
  timed "$work/time" raw_pipe
  btrfs -q subvolume delete "$backup_pool/raw/raw-snapshot" >/dev/null
  settle
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$work/time"
}

task_round() { # -> "seconds cpu-seconds"
  local before after task attempt replica name
  before=$(cpu)
  task=$(api_to nas POST /api/replication/tasks "{\"share\":\"data\",\"targetApplianceId\":\"$own_id\",\"targetPool\":\"$backup\",\"frequencyMinutes\":1440,\"keep\":3}" | jq -r .id)
  attempt=$(finished_on nas "$task" 1 1) # polls seldom: curl and jq would take CPU from the run measured
  after=$(cpu)
  [ "$(echo "$attempt" | jq -r .status)" = succeeded ] || { echo "the local run failed: $attempt" >&2; exit 1; }
  api_to nas DELETE "/api/replication/tasks/$task?deleteSnapshots=true" >/dev/null
  replica="${backup}_data"
  for name in $(api_to nas GET "/api/snapshots?share=$replica&take=500" | jq -r '.items[].name'); do
    api_to nas DELETE "/api/shares/$replica/snapshots/$name" >/dev/null
  done
  settle
  echo "$(elapsed "$attempt") $(echo "$after - $before" | bc -l)"
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
rate() { echo "scale=1; $stream_bytes / $1 / 1000000" | bc -l; } # MB/s

echo "Stream: $stream_bytes bytes ($(printf '%.2f' "$gib") GiB). Warming up both once..."
raw_round >/dev/null
task_round >/dev/null

raw_times=() task_times=() raw_cpus=() task_cpus=() ratios=()
for round in $(seq 1 "$rounds"); do
  read -r raw_s raw_cpu < <(raw_round)
  read -r task_s task_cpu < <(task_round)
  ratio=$(echo "scale=3; $task_s / $raw_s" | bc -l)
  raw_times+=("$raw_s") task_times+=("$task_s") raw_cpus+=("$raw_cpu") task_cpus+=("$task_cpu") ratios+=("$ratio")
  echo "round $round: raw pipe ${raw_s} s ($(rate "$raw_s") MB/s), local task ${task_s} s ($(rate "$task_s") MB/s): ${ratio}x the raw pipe's time"
done

raw_median=$(printf '%s\n' "${raw_times[@]}" | median)
task_median=$(printf '%s\n' "${task_times[@]}" | median)
echo
echo "Medians of $rounds rounds, $(printf '%.2f' "$gib") GiB of stream between two pools of one appliance:"
echo "  raw pipe:   ${raw_median} s ($(rate "$raw_median") MB/s), $(printf '%s\n' "${raw_cpus[@]}" | median | awk -v g="$gib" '{printf "%.2f", $1 / g}') CPU s/GiB"
echo "  local task: ${task_median} s ($(rate "$task_median") MB/s), $(printf '%s\n' "${task_cpus[@]}" | median | awk -v g="$gib" '{printf "%.2f", $1 / g}') CPU s/GiB"
echo "  the task takes $(printf '%s\n' "${ratios[@]}" | median)x the raw pipe's time (median of the rounds' ratios)"
