#!/usr/bin/env bash
# Replication throughput against the raw pipe, measured in one run on the same data.
# Two appliances on this machine (loopback, separate data directories, mount roots and ports), pools on
# image files. A share gets DATA_GIB of random data and SMALL_FILES small files. Then:
#   1. the raw pipe: btrfs send <snapshot> | btrfs receive, between the same two pools (before and after 2 and 3);
#   2. the appliance's first (full) replication run of the share;
#   3. an incremental run after changing 1 MiB, end to end (from "run now" to the verdict).
# Prints throughputs, their ratio (goal >= 0.9), the incremental time (goal < 2 s) and each appliance's
# peak memory (VmHWM). Runs as root:
#   sudo ./bench/replication.sh
#   DATA_GIB=4 SMALL_FILES=20000 sudo ./bench/replication.sh
set -euo pipefail
data_gib="${DATA_GIB:-2}"
small_files="${SMALL_FILES:-10000}"
pool_gib=$((data_gib * 2 + 4))
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/../scripts/two-appliances.sh"

echo "Writing ${data_gib} GiB of random data and ${small_files} small files..."
head -c "$((data_gib * 1024 * 1024 * 1024))" /dev/urandom >"$share/large.bin"
mkdir -p "$share/small"
head -c "$((small_files * 4096))" /dev/urandom | split -b 4096 -a 6 - "$share/small/f"
sync

# The raw pipe, on the same data between the same pools: measured before and after the appliance's
# run (the pools' state differs a little between runs); the faster of the two is the reference.
raw_pipe() { # -> writes "bytes seconds" to $work/raw
  btrfs -q subvolume snapshot -r "$share" "$work/source/mnt/bench/raw-snapshot" >/dev/null
  mkdir -p "$destination_pool/raw"
  sync
  local t0 t1
  t0=$(now)
  btrfs send -q "$work/source/mnt/bench/raw-snapshot" | tee >(wc -c >"$work/raw-bytes") | btrfs receive -q "$destination_pool/raw"
  t1=$(now)
  sleep 0.2 # wc has written its count
  echo "$(cat "$work/raw-bytes") $(echo "$t1 - $t0" | bc -l)" >"$work/raw"
  btrfs -q subvolume delete "$destination_pool/raw/raw-snapshot" "$work/source/mnt/bench/raw-snapshot" >/dev/null
  # Let btrfs's cleaner free what the deletes left before the next measurement, so it does not compete.
  btrfs subvolume sync "$destination_pool" >/dev/null
  btrfs subvolume sync "$work/source/mnt/bench" >/dev/null
  sync
}
raw_pipe
read -r raw_bytes raw_before <"$work/raw"

# 2. The appliance's first run (full send).
task=$(api a POST /api/replication/tasks '{"share":"data","targetPool":"bench","frequencyMinutes":1440,"keep":3}' | jq -r .id)
full=$(finished "$task" 1 1) # polls seldom: curl and jq would take CPU from the run measured
[ "$(echo "$full" | jq -r .status)" = succeeded ] || { echo "the full run failed: $full" >&2; exit 1; }
full_bytes=$(echo "$full" | jq -r .bytes)
full_seconds=$(elapsed "$full")

# 3. An incremental run after changing 1 MiB, end to end.
dd if=/dev/urandom of="$share/large.bin" bs=1M count=1 seek=7 conv=notrunc status=none
sync
t0=$(now)
api a POST "/api/replication/tasks/$task/run" >/dev/null
incremental=$(finished "$task" 2)
t1=$(now)
[ "$(echo "$incremental" | jq -r .status)" = succeeded ] || { echo "the incremental run failed: $incremental" >&2; exit 1; }
incremental_wall=$(echo "$t1 - $t0" | bc -l)
raw_pipe
read -r _ raw_after <"$work/raw"
raw_seconds=$(echo "if ($raw_before < $raw_after) $raw_before else $raw_after" | bc -l)

mib() { echo "scale=1; $1 / 1048576" | bc -l; }
rate() { echo "scale=1; $1 / 1048576 / $2" | bc -l; }
peak() { awk '/^VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$1/status"; }
raw_rate=$(rate "$raw_bytes" "$raw_seconds")
full_rate=$(rate "$full_bytes" "$full_seconds")
printf 'replication: raw pipe     %s MiB in %.2f s = %s MiB/s (runs before and after: %.2f s, %.2f s)\n' "$(mib "$raw_bytes")" "$raw_seconds" "$raw_rate" "$raw_before" "$raw_after"
printf 'replication: appliance    %s MiB in %.2f s = %s MiB/s (snapshot, TLS socket, receive, checks)\n' "$(mib "$full_bytes")" "$full_seconds" "$full_rate"
printf 'replication: ratio        %.2f (goal >= 0.90)\n' "$(echo "$full_rate / $raw_rate" | bc -l)"
printf 'replication: incremental  %s bytes, %.2f s end to end from "run now" (goal < 2 s), parent %s\n' \
  "$(echo "$incremental" | jq -r .bytes)" "$incremental_wall" "$(echo "$incremental" | jq -r .parent)"
echo "replication: peak memory  source $(peak "${pids[0]}"), destination $(peak "${pids[1]}") for a ${data_gib} GiB share"
