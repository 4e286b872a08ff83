#!/usr/bin/env bash
# Fan-in (issue 15): SOURCES (default 4) source appliances replicate into one destination at the same
# time. Goals: all runs succeed, the aggregate throughput is at least 0.8 of one raw pipe, no run starves.
# All appliances on this machine (loopback, separate data directories, mount roots and ports, from 18543
# and 18202 up), pools on image files. Each source's share "data" gets DATA_MIB (default 768) MiB of
# random data, TEXT_MIB (default 256) MiB of log-like text and SMALL_FILES (default 1,000) small files.
# After one warm-up of each (not counted), ROUNDS (default 3) rounds of:
#   1. the raw pipe: btrfs send <snapshot of the first source's share> | btrfs receive into the
#      destination's pool, nothing else in the pipe (the stream's size is counted once beforehand);
#   2. the raw pipes in parallel: the same from every source's snapshot at once, into the same pool:
#      what this machine's own commands reach with SOURCES streams (each stream's size counted once);
#   3. fan-in: every source creates a task of its share at the same moment (a new task runs at once: a
#      full send into an empty replica; compression COMPRESSION, default off); the runs are read from
#      the sources' trails (streamBytes, startedAt, endedAt).
# After each step the replicas are emptied and both sides' deleted subvolumes cleaned up. Printed per
# round and as medians: the raw pipe's MiB/s; the aggregate MiB/s (all runs' stream bytes over the time
# from the first start to the last end) and its ratio to that round's raw pipe (goal >= 0.8) and to
# the raw pipes in parallel; each run's
# MiB/s (min / median / max) and the slowest as a fraction of the fastest (no run starves); the runs
# that succeeded; CPU seconds per GiB of stream of all appliances together (their processes and the
# btrfs commands they ran) and of the raw pipe's two commands. Runs as root:
#   sudo ./bench/fan-in.sh
#   SOURCES=2 DATA_MIB=64 TEXT_MIB=16 ROUNDS=1 sudo ./bench/fan-in.sh
set -euo pipefail
sources="${SOURCES:-4}"
data_mib="${DATA_MIB:-768}"
text_mib="${TEXT_MIB:-256}"
small_files="${SMALL_FILES:-1000}"
rounds="${ROUNDS:-3}"
compression="${COMPRESSION:-off}"
# shellcheck source=scripts/appliances.sh
. "$(dirname "$0")/../scripts/appliances.sh"

names=()
for i in $(seq 1 "$sources"); do names+=("source$i"); done
echo "Starting $sources source appliances and a destination..."
start_appliances "${names[@]}" destination
share_mib=$((data_mib + text_mib + small_files * 4 / 1024))
destination_pool=$(make_pool destination $((share_mib * (sources + 1) * 2 / 1024 + 4)))
destination_id=$(appliance_id destination)
declare -A share source_pool
for name in "${names[@]}"; do
  pair "$name" destination
  source_pool[$name]=$(make_pool "$name" $((share_mib * 2 / 1024 + 2)))
  share[$name]=$(make_share "$name" data)
done

echo "Writing ${data_mib} MiB of random data, ${text_mib} MiB of log-like text and ${small_files} small files on each source..."
for name in "${names[@]}"; do
  head -c "$((data_mib * 1024 * 1024))" /dev/urandom >"${share[$name]}/large.bin"
  [ "$text_mib" -eq 0 ] || python3 bench/log-text.py "${share[$name]}/log.txt" "$((text_mib * 1024 * 1024))"
  mkdir -p "${share[$name]}/small"
  head -c "$((small_files * 4096))" /dev/urandom | split -b 4096 -a 6 - "${share[$name]}/small/f"
done
sync

settle() { # lets btrfs's cleaner free what deletes left, so it does not compete with the next measurement
  local name
  btrfs subvolume sync "$destination_pool" >/dev/null
  for name in "${names[@]}"; do btrfs subvolume sync "${source_pool[$name]}" >/dev/null; done
  sync
}

# The raw pipes' snapshots (one of each source's share), kept for every round; their streams' sizes,
# counted once (this also warms the cache). The single raw pipe sends the first source's.
declare -A raw_snapshot
all_stream_bytes=0
for name in "${names[@]}"; do
  raw_snapshot[$name]="${source_pool[$name]}/raw-snapshot"
  btrfs -q subvolume snapshot -r "${share[$name]}" "${raw_snapshot[$name]}" >/dev/null
  bytes=$(btrfs send -q "${raw_snapshot[$name]}" | wc -c)
  [ "$name" = source1 ] && stream_bytes=$bytes
  all_stream_bytes=$((all_stream_bytes + bytes))
done

raw_round() { # -> "MiB/s cpu-seconds-per-GiB"
  mkdir -p "$destination_pool/raw"
  local TIMEFORMAT='%R %U %S' measured
  measured=$({ time (btrfs send -q "${raw_snapshot[source1]}" | btrfs receive -q "$destination_pool/raw"); } 2>&1)
  btrfs -q subvolume delete "$destination_pool/raw/raw-snapshot" >/dev/null
  settle
  echo "$measured" | awk -v b="$stream_bytes" '{printf "%.1f %.2f\n", b / 1048576 / $1, ($2 + $3) / (b / 1073741824)}'
}

parallel_round() { # -> "aggregate-MiB/s cpu-seconds-per-GiB" of every source's raw pipe at once
  local TIMEFORMAT='%R %U %S' measured name
  for name in "${names[@]}"; do mkdir -p "$destination_pool/raw-$name"; done
  # (the subshell's bare wait waits for its own pipes only)
  measured=$({ time (for name in "${names[@]}"; do
    btrfs send -q "${raw_snapshot[$name]}" | btrfs receive -q "$destination_pool/raw-$name" &
  done; wait); } 2>&1)
  for name in "${names[@]}"; do btrfs -q subvolume delete "$destination_pool/raw-$name/raw-snapshot" >/dev/null; done
  settle
  echo "$measured" | awk -v b="$all_stream_bytes" '{printf "%.1f %.2f\n", b / 1048576 / $1, ($2 + $3) / (b / 1073741824)}'
}

# Summarises the runs of one round (their newest attempts, one JSON a line) ->
# "runs succeeded aggregate-MiB/s run-min run-median run-max slowest/fastest seconds start-spread stream-bytes"
summary() {
  python3 -c 'import sys, json, statistics, datetime as d
f = d.datetime.fromisoformat
runs = [json.loads(line) for line in sys.stdin if line.strip()]
ok = [r for r in runs if r["status"] == "succeeded"]
starts = [f(r["startedAt"]) for r in ok]
ends = [f(r["endedAt"]) for r in ok]
total = sum(r["streamBytes"] for r in ok)
wall = (max(ends) - min(starts)).total_seconds() if ok else 0
rates = [r["streamBytes"] / 1048576 / (f(r["endedAt"]) - f(r["startedAt"])).total_seconds() for r in ok] or [0]
print(len(runs), len(ok), "%.1f" % (total / 1048576 / wall if wall else 0), "%.1f" % min(rates), "%.1f" % statistics.median(rates),
      "%.1f" % max(rates), "%.3f" % (min(rates) / max(rates) if max(rates) else 0), "%.2f" % wall,
      "%.2f" % ((max(starts) - min(starts)).total_seconds() if ok else 0), total)'
}

fan_in_round() { # -> the summary, then CPU seconds per GiB of all appliances
  local before after name total creating=() p
  declare -A task
  before=$(cpu)
  # Every source's task is created at the same moment, each by its own curl.
  for name in "${names[@]}"; do
    api_to "$name" POST /api/replication/tasks \
      "{\"share\":\"data\",\"targetApplianceId\":\"$destination_id\",\"targetPool\":\"$pool_name\",\"frequencyMinutes\":1440,\"keep\":3,\"compression\":\"$compression\"}" \
      >"$work/task-$name" &
    creating+=($!)
  done
  for p in "${creating[@]}"; do wait "$p"; done # (not a bare wait: the appliances are this shell's jobs too)
  : >"$work/attempts"
  for name in "${names[@]}"; do
    task[$name]=$(jq -r .id "$work/task-$name")
    finished_on "$name" "${task[$name]}" 1 1 >>"$work/attempts" # polls seldom: curl and jq would take CPU from the runs measured
  done
  after=$(cpu)
  if [ "$(jq -s '[.[] | select(.status != "succeeded")] | length' "$work/attempts")" -gt 0 ]; then
    echo "runs that did not succeed:" >&2
    jq -c 'select(.status != "succeeded") | {status, error, startedAt, endedAt}' "$work/attempts" >&2
  fi
  for name in "${names[@]}"; do forget_task_on "$name" destination "${task[$name]}"; done
  settle
  total=$(summary <"$work/attempts")
  echo "$total $(echo "$after - $before" | bc -l | awk -v b="${total##* }" '{printf "%.2f", (b > 0) ? $1 / (b / 1073741824) : 0}')"
}

echo "Warming up (one raw pipe and one fan-in, not counted)..."
raw_round >/dev/null
parallel_round >/dev/null
fan_in_round >/dev/null

declare -a raw parallel cpu_parallel parallel_ratio agg ratio run_min run_median run_max fairness ok_runs all_runs cpu_appliances cpu_raw
for r in $(seq 1 "$rounds"); do
  # Each step runs in this shell (not in a pipe or $(...)), so a failure inside it ends the benchmark.
  raw_round >"$work/round"
  read -r raw[r] cpu_raw[r] <"$work/round"
  parallel_round >"$work/round"
  read -r parallel[r] cpu_parallel[r] <"$work/round"
  fan_in_round >"$work/round"
  read -r all_runs[r] ok_runs[r] agg[r] run_min[r] run_median[r] run_max[r] fairness[r] wall spread _ cpu_appliances[r] <"$work/round"
  ratio[r]=$(echo "scale=3; ${agg[r]} / ${raw[r]}" | bc -l)
  parallel_ratio[r]=$(echo "scale=3; ${agg[r]} / ${parallel[r]}" | bc -l)
  printf 'round %d: raw %6s MiB/s, %d in parallel %6s | fan-in %d of %d succeeded in %6.2f s (starts %.2f s apart), aggregate %6s MiB/s, ratio %.2f (%.2f to parallel) | per run %s / %s / %s MiB/s, slowest/fastest %.2f | CPU %s s/GiB\n' \
    "$r" "${raw[r]}" "$sources" "${parallel[r]}" "${ok_runs[r]}" "${all_runs[r]}" "$wall" "$spread" "${agg[r]}" "${ratio[r]}" "${parallel_ratio[r]}" \
    "${run_min[r]}" "${run_median[r]}" "${run_max[r]}" "${fairness[r]}" "${cpu_appliances[r]}"
done

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
m() { printf '%s\n' "$@" | median; }
sum() { printf '%s\n' "$@" | awk '{s += $1} END {print s}'; }
printf '\nfan-in: %d sources into one destination, stream %.1f MiB each (%s MiB random, %s MiB text, %s small files), compression %s, %d rounds, medians:\n' \
  "$sources" "$(echo "$stream_bytes / 1048576" | bc -l)" "$data_mib" "$text_mib" "$small_files" "$compression" "$rounds"
printf 'fan-in: raw pipe         %6.1f MiB/s  CPU %5.2f s/GiB\n' "$(m "${raw[@]}")" "$(m "${cpu_raw[@]}")"
printf 'fan-in: %d raw pipes      %6.1f MiB/s  ratio %.2f to one raw pipe  CPU %5.2f s/GiB (in parallel, into the same pool)\n' \
  "$sources" "$(m "${parallel[@]}")" "$(printf '%s\n' "${!parallel[@]}" | while read -r r; do echo "scale=3; ${parallel[r]} / ${raw[r]}" | bc -l; done | median)" "$(m "${cpu_parallel[@]}")"
printf 'fan-in: aggregate        %6.1f MiB/s  ratio %.2f to the raw pipe (goal >= 0.80), %.2f to the raw pipes in parallel  CPU %5.2f s/GiB (all appliances)\n' \
  "$(m "${agg[@]}")" "$(m "${ratio[@]}")" "$(m "${parallel_ratio[@]}")" "$(m "${cpu_appliances[@]}")"
printf 'fan-in: per run          min %.1f  median %.1f  max %.1f MiB/s; slowest / fastest %.2f (no run starves)\n' \
  "$(m "${run_min[@]}")" "$(m "${run_median[@]}")" "$(m "${run_max[@]}")" "$(m "${fairness[@]}")"
echo "fan-in: runs succeeded   $(sum "${ok_runs[@]}") of $(sum "${all_runs[@]}") (goal: all)"
biggest=0
for name in "${names[@]}"; do p=$(peak "${pid_of[$name]}"); [ "$p" -gt "$biggest" ] && biggest=$p; done
echo "fan-in: peak memory      destination $(peak "${pid_of[destination]}") MiB, largest source $biggest MiB"
