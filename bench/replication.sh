#!/usr/bin/env bash
# Replication throughput and CPU against the raw pipe, measured fairly in one run on the same data.
# Two appliances on this machine (loopback, separate data directories, mount roots and ports), pools on
# image files. A share gets DATA_GIB of random data, SMALL_FILES small files and TEXT_GIB of log-like
# text (it compresses about five times). Then, after one warm-up of each (not counted), ROUNDS rounds of:
#   1. the raw pipe: btrfs send <snapshot> | btrfs receive, between the same two pools, nothing else in
#      the pipe (the stream's size is counted once beforehand, not while it is timed);
#   2. the appliance's full replication of the share, compression off;
#   3. the same with compression auto.
# Each full replication is a new task into an emptied replica, so each is a full send. Printed: each
# round's times, rates and ratios to that round's raw pipe, the medians, CPU seconds per GiB of stream
# (both ends: the appliances' processes and the btrfs commands they ran; the raw pipe's two commands),
# and each appliance's resident memory after every round and its peak. Then an incremental run after
# changing 1 MiB, end to end (from "run now" to the verdict). Runs as root:
#   sudo ./bench/replication.sh
#   DATA_GIB=1 TEXT_GIB=0 SMALL_FILES=2000 ROUNDS=5 sudo ./bench/replication.sh
set -euo pipefail
data_gib="${DATA_GIB:-2}"
text_gib="${TEXT_GIB:-1}"
small_files="${SMALL_FILES:-10000}"
rounds="${ROUNDS:-3}"
pool_gib=$(((data_gib + text_gib) * 2 + 4))
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/../scripts/two-appliances.sh"

echo "Writing ${data_gib} GiB of random data, ${text_gib} GiB of log-like text and ${small_files} small files..."
head -c "$((data_gib * 1024 * 1024 * 1024))" /dev/urandom >"$share/large.bin"
[ "$text_gib" -eq 0 ] || python3 bench/log-text.py "$share/log.txt" "$((text_gib * 1024 * 1024 * 1024))"
mkdir -p "$share/small"
head -c "$((small_files * 4096))" /dev/urandom | split -b 4096 -a 6 - "$share/small/f"
sync

ticks=$(getconf CLK_TCK)
cpu() { # the appliances' CPU seconds so far, with the children they waited for (btrfs send and receive)
  local total=0 p
  for p in "${pids[@]}"; do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat")))
  done
  echo "scale=3; $total / $ticks" | bc -l
}
rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
peak() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
settle() { # lets btrfs's cleaner free what deletes left, so it does not compete with the next measurement
  btrfs subvolume sync "$destination_pool" >/dev/null
  btrfs subvolume sync "$work/source/mnt/$pool_name" >/dev/null
  sync
}

# The raw pipe's snapshot, kept for every round; its stream's size, counted once (this also warms the cache).
raw_snapshot="$work/source/mnt/$pool_name/raw-snapshot"
btrfs -q subvolume snapshot -r "$share" "$raw_snapshot" >/dev/null
stream_bytes=$(btrfs send -q "$raw_snapshot" | wc -c)
gib=$(echo "scale=6; $stream_bytes / 1073741824" | bc -l)

raw_round() { # -> "seconds cpu-seconds"
  mkdir -p "$destination_pool/raw"
  local TIMEFORMAT='%R %U %S' measured
  measured=$({ time (btrfs send -q "$raw_snapshot" | btrfs receive -q "$destination_pool/raw"); } 2>&1)
  btrfs -q subvolume delete "$destination_pool/raw/raw-snapshot" >/dev/null
  settle
  echo "$measured" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}

appliance_round() { # compression -> "seconds cpu-seconds link-bytes"
  local before after task attempt
  before=$(cpu)
  task=$(new_task "$1")
  attempt=$(finished "$task" 1 1) # polls seldom: curl and jq would take CPU from the run measured
  after=$(cpu)
  [ "$(echo "$attempt" | jq -r .status)" = succeeded ] || { echo "the $1 run failed: $attempt" >&2; exit 1; }
  forget_task "$task"
  settle
  echo "$(elapsed "$attempt") $(echo "$after - $before" | bc -l) $(echo "$attempt" | jq -r .bytes)"
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
rate() { echo "scale=1; $stream_bytes / 1048576 / $1" | bc -l; }
per_gib() { echo "scale=2; $1 / $gib" | bc -l; }

echo "Warming up (one raw pipe and one replication, not counted)..."
raw_round >/dev/null
appliance_round off >/dev/null

declare -a raw_s raw_cpu off_s off_cpu auto_s auto_cpu auto_link off_ratio auto_ratio
for r in $(seq 1 "$rounds"); do
  # Each step runs in this shell (not in a pipe or $(...)), so a failure inside it ends the benchmark.
  raw_round >"$work/round"
  read -r raw_s[r] raw_cpu[r] <"$work/round"
  appliance_round off >"$work/round"
  read -r off_s[r] off_cpu[r] _ <"$work/round"
  appliance_round auto >"$work/round"
  read -r auto_s[r] auto_cpu[r] auto_link[r] <"$work/round"
  off_ratio[r]=$(echo "scale=3; ${raw_s[r]} / ${off_s[r]}" | bc -l)
  auto_ratio[r]=$(echo "scale=3; ${raw_s[r]} / ${auto_s[r]}" | bc -l)
  printf 'round %d: raw %6.2f s %6s MiB/s | off %6.2f s %6s MiB/s ratio %.2f | auto %6.2f s %6s MiB/s ratio %.2f (%s%% on the link) | RSS %s / %s MiB\n' \
    "$r" "${raw_s[r]}" "$(rate "${raw_s[r]}")" "${off_s[r]}" "$(rate "${off_s[r]}")" "${off_ratio[r]}" \
    "${auto_s[r]}" "$(rate "${auto_s[r]}")" "${auto_ratio[r]}" "$(echo "scale=0; 100 * ${auto_link[r]} / $stream_bytes" | bc -l)" \
    "$(rss "${pids[0]}")" "$(rss "${pids[1]}")"
done

m() { printf '%s\n' "$@" | median; }
printf '\nreplication: stream         %.1f MiB (%s GiB random, %s GiB text, %s small files), %d rounds, medians:\n' \
  "$(echo "$stream_bytes / 1048576" | bc -l)" "$data_gib" "$text_gib" "$small_files" "$rounds"
printf 'replication: raw pipe       %6.2f s  %6s MiB/s  CPU %5s s/GiB\n' "$(m "${raw_s[@]}")" "$(rate "$(m "${raw_s[@]}")")" "$(per_gib "$(m "${raw_cpu[@]}")")"
printf 'replication: appliance off  %6.2f s  %6s MiB/s  CPU %5s s/GiB  ratio %.2f (goal >= 0.90)\n' \
  "$(m "${off_s[@]}")" "$(rate "$(m "${off_s[@]}")")" "$(per_gib "$(m "${off_cpu[@]}")")" "$(m "${off_ratio[@]}")"
printf 'replication: appliance auto %6.2f s  %6s MiB/s  CPU %5s s/GiB  ratio %.2f\n' \
  "$(m "${auto_s[@]}")" "$(rate "$(m "${auto_s[@]}")")" "$(per_gib "$(m "${auto_cpu[@]}")")" "$(m "${auto_ratio[@]}")"

# An incremental run after changing 1 MiB, end to end.
task=$(api a POST /api/replication/tasks "{\"share\":\"data\",\"targetPool\":\"$pool_name\",\"frequencyMinutes\":1440,\"keep\":3}" | jq -r .id)
full=$(finished "$task" 1 1)
[ "$(echo "$full" | jq -r .status)" = succeeded ] || { echo "the full run failed: $full" >&2; exit 1; }
dd if=/dev/urandom of="$share/large.bin" bs=1M count=1 seek=7 conv=notrunc status=none
sync
t0=$(now)
api a POST "/api/replication/tasks/$task/run" >/dev/null
incremental=$(finished "$task" 2)
t1=$(now)
[ "$(echo "$incremental" | jq -r .status)" = succeeded ] || { echo "the incremental run failed: $incremental" >&2; exit 1; }
printf 'replication: incremental    %s bytes, %.2f s end to end from "run now" (goal < 2 s)\n' \
  "$(echo "$incremental" | jq -r .bytes)" "$(echo "$t1 - $t0" | bc -l)"
echo "replication: peak memory    source $(peak "${pids[0]}") MiB, destination $(peak "${pids[1]}") MiB"
