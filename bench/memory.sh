#!/usr/bin/env bash
# Memory over many transfers in one process: one task, then TRANSFERS (default 200) runs, each after
# CHANGE_MIB (default 64) of a SIZE_MIB (default 512) file was rewritten with random data at a random
# place (so each run sends that much), compression cycling off / on / auto, the task keeping 3 snapshots
# (so every run also prunes one on each side). Prints each appliance's resident memory after the first
# run, at every tenth and at the end, its peak, and the drift: the least-squares slope of resident
# memory over the second half of the runs, in MiB per 100 transfers (goal: about 0). Runs as root:
#   sudo ./bench/memory.sh
#   TRANSFERS=40 sudo ./bench/memory.sh
set -euo pipefail
transfers="${TRANSFERS:-200}"
size_mib="${SIZE_MIB:-512}"
change_mib="${CHANGE_MIB:-64}"
pool_gib=$((size_mib * 3 / 1024 + 3))
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/../scripts/two-appliances.sh"

head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$share/large.bin"
mkdir -p "$share/small"
head -c $((1000 * 4096)) /dev/urandom | split -b 4096 -a 4 - "$share/small/f"
sync

task=$(new_task off)
first=$(finished "$task" 1 0.2)
[ "$(echo "$first" | jq -r .status)" = succeeded ] || { echo "the first run failed: $first" >&2; exit 1; }
modes=(off on auto)
: >"$work/rss"
for t in $(seq 1 "$transfers"); do
  dd if=/dev/urandom of="$share/large.bin" bs=1M count="$change_mib" seek=$((RANDOM % (size_mib - change_mib))) conv=notrunc status=none
  sync
  api a PUT "/api/replication/tasks/$task" "{\"compression\":\"${modes[$((t % 3))]}\"}" >/dev/null
  api a POST "/api/replication/tasks/$task/run" >/dev/null
  attempt=$(finished "$task" $((t + 1)) 0.2)
  [ "$(echo "$attempt" | jq -r .status)" = succeeded ] || { echo "transfer $t failed: $attempt" >&2; exit 1; }
  echo "$t $(rss "${pids[0]}") $(rss "${pids[1]}")" >>"$work/rss"
  if [ "$t" -eq 1 ] || [ $((t % 10)) -eq 0 ]; then
    read -r _ s d < <(tail -1 "$work/rss")
    printf 'memory: after %4d transfers  source %4d MiB  destination %4d MiB\n' "$t" "$s" "$d"
  fi
done

slope() { # column -> MiB per 100 transfers over the second half
  awk -v c="$1" -v h="$((transfers / 2))" '$1 > h {n++; x += $1; y += $c; xx += $1 * $1; xy += $1 * $c}
    END {d = n * xx - x * x; printf "%.1f", d ? 100 * (n * xy - x * y) / d : 0}' "$work/rss"
}
echo "memory: peak                 source $(peak "${pids[0]}") MiB  destination $(peak "${pids[1]}") MiB"
echo "memory: drift (second half)  source $(slope 2) MiB  destination $(slope 3) MiB per 100 transfers (goal: about 0)"
