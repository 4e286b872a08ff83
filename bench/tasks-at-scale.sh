#!/usr/bin/env bash
# Many tasks (issue 15): one source appliance with TASKS (default 500) tasks on a schedule of every
# FREQUENCY (default 5) minutes, spread round-robin over DESTINATIONS (default 5) destination appliances,
# each keeping 3 snapshots. Goals: it keeps up (no run later than a minute past its time at steady
# state), its CPU while idle between runs stays below 2% of a core, the screens stay as fast.
# All appliances on this machine (loopback, separate data directories, mount roots and ports, from 18543
# and 18202 up), pools on image files. Each task's share holds one FILE_KIB (default 64) KiB file; before
# every cycle CHANGE_KIB (default 4) KiB of it are overwritten in every share, so each run is a real
# incremental.
#   Seeding: creating a task runs it at once (a full send); the TASKS first runs are not counted.
#   Warm-up: the first scheduled cycle after the seeding (it may still carry the seeding's backlog).
#   Then CYCLES (default 4) cycles of the schedule, counted.
# The schedule is the cron "*/FREQUENCY * * * *" in UTC (Rockstor.Domain/Replication/Tasks/TaskSchedule.cs),
# so a run's time is its start floored to the period, and its lateness is startedAt minus that time (a
# run more than a period late counts as missing from its cycle; a cycle's least lateness is the
# scheduler's own delay, the rest is the queue). After each cycle, once its runs have ended, the source's
# CPU (utime + stime of its process) is measured over the stretch until the next cycle, less MARGIN
# (default 15 s, 5 s when FREQUENCY is under 5) at each end; nothing calls the appliance meanwhile.
# The screen benchmark (bench/Rockstor.Bench.Screens) starts and fills appliances of its own and cannot
# be pointed at this one, so after the last cycle the API calls behind the screens are timed with curl
# on the source (median of 5, each on a new connection): all tasks (the Send screen reads a page of 25
# through the same query), one task, a trail page of 25 and a page of 50 snapshots.
# Printed from the trails (GET /api/replication/tasks/{id}/trail): each cycle's runs, failures, skips,
# missing runs, lateness (median / 95th percentile / max) and the time from its first start to its last
# end; the steady state's lateness over all counted cycles (goal: max < 60 s); the idle CPU (goal < 2%);
# the page times; and the Hangfire worker count, which bounds how many runs go at once. Runs as root:
#   sudo ./bench/tasks-at-scale.sh       (after the setup and the seeding: up to CYCLES + 2 periods,
#                                         30 minutes at the defaults)
#   TASKS=20 DESTINATIONS=2 FREQUENCY=1 CYCLES=2 sudo ./bench/tasks-at-scale.sh
set -euo pipefail
tasks="${TASKS:-500}"
destinations="${DESTINATIONS:-5}"
frequency="${FREQUENCY:-5}"
cycles="${CYCLES:-4}"
file_kib="${FILE_KIB:-64}"
change_kib="${CHANGE_KIB:-4}"
margin="${MARGIN:-$((frequency >= 5 ? 15 : 5))}"
period=$((frequency * 60))
if [ "$frequency" -ge 60 ] || [ $((60 % frequency)) -ne 0 ]; then
  echo "FREQUENCY must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30): the schedule is then */FREQUENCY * * * *" >&2
  exit 1
fi
# shellcheck source=scripts/appliances.sh
. "$(dirname "$0")/../scripts/appliances.sh"

names=()
for d in $(seq 1 "$destinations"); do names+=("destination$d"); done
echo "Starting a source appliance and $destinations destinations..."
start_appliances source "${names[@]}"
make_pool source 4 >/dev/null
destination_ids=()
for name in "${names[@]}"; do
  make_pool "$name" 4 >/dev/null
  pair source "$name"
  destination_ids+=("$(appliance_id "$name")")
done

echo "Making $tasks shares with a ${file_kib} KiB file each..."
paths=()
for i in $(seq 1 "$tasks"); do
  path=$(make_share source "$(printf 'share%04d' "$i")")
  head -c $((file_kib * 1024)) /dev/urandom >"$path/file.bin"
  paths+=("$path")
done
sync

change() { # overwrites CHANGE_KIB at a random place of every share's file
  python3 - "$change_kib" "${paths[@]}" <<'PY'
import os, random, sys
size = int(sys.argv[1]) * 1024
for path in sys.argv[2:]:
    with open(os.path.join(path, "file.bin"), "r+b") as f:
        end = f.seek(0, os.SEEK_END)
        f.seek(random.randrange(0, max(1, end - size + 1)))
        f.write(os.urandom(size))
PY
  sync
}

echo "Making $tasks tasks every $frequency minutes (each runs at once: the seeding)..."
seeding_started=$(date +%s)
: >"$work/ids"
for i in $(seq 0 $((tasks - 1))); do
  api_to source POST /api/replication/tasks \
    "{\"share\":\"$(printf 'share%04d' $((i + 1)))\",\"targetApplianceId\":\"${destination_ids[$((i % destinations))]}\",\"targetPool\":\"$pool_name\",\"frequencyMinutes\":$frequency,\"keep\":3}" |
    jq -r .id >>"$work/ids"
done
mapfile -t task_ids <"$work/ids"
echo "The $tasks tasks were made in $(($(date +%s) - seeding_started)) s."

all_ended_since() { # epoch seconds -> true when every task's newest attempt started at or after it and has ended
  api_to source GET /api/replication/tasks | jq -e --argjson since "$1" '
    all(.[]; .lastAttempt != null and .lastAttempt.status != "running" and .lastAttempt.status != "pending"
      and (.lastAttempt.startedAt | sub("\\.[0-9]+"; "") | sub("(?<z>[+-][0-9:]+|Z)$"; "Z") | fromdateiso8601) >= ($since | floor))' >/dev/null
}
since_epoch() { date +%s; }
sleep_until() { # epoch seconds
  local s
  s=$(echo "$1 - $(now)" | bc -l)
  if [ "$(echo "$s > 0" | bc -l)" = 1 ]; then sleep "$s"; fi
}
next_slot() { # epoch seconds -> the first time of the schedule after it
  echo $(((${1%.*} / period + 1) * period))
}

until all_ended_since 0; do
  if [ $(($(since_epoch) - seeding_started)) -gt $((600 + 6 * tasks)) ]; then
    echo "the seeding has not ended after $(($(since_epoch) - seeding_started)) s; the tasks' newest attempts:" >&2
    api_to source GET /api/replication/tasks | jq -c '.[] | {id, state, lastAttempt: (.lastAttempt | {status, startedAt, error})}' | head -20 >&2
    exit 1
  fi
  sleep 5
done
change
warmup=$(next_slot "$(now)")
echo "Seeding ended; the warm-up cycle starts at $(date -u -d "@$warmup" +%H:%M:%S) UTC, then $cycles counted cycles..."

ticks=$(getconf CLK_TCK)
process_cpu() { awk '{print $14 + $15}' "/proc/${pid_of[source]}/stat"; } # utime + stime, in ticks
idle=()
: >"$work/idle"
for k in $(seq 0 "$cycles"); do
  slot=$((warmup + k * period))
  next=$((slot + period))
  sleep_until "$slot"
  while ! all_ended_since "$slot"; do
    if [ "$(since_epoch)" -ge $((next - margin)) ]; then break; fi
    sleep 5
  done
  ended=$(since_epoch)
  label=$([ "$k" = 0 ] && echo "warm-up" || echo "cycle $k")
  if [ "$ended" -ge $((next - margin)) ]; then
    echo "$label: the runs had not all ended $((ended - slot)) s after the cycle's start; no idle stretch"
    [ "$k" = "$cycles" ] || change
    continue
  fi
  echo "$label: all runs ended within $((ended - slot)) s of the cycle's start (seen by polling every 5 s)"
  if [ "$k" = "$cycles" ]; then
    # The pages, timed once the last cycle's runs have ended (before the idle stretch, not in it).
    middle=${task_ids[$((${#task_ids[@]} / 2))]}
    : >"$work/pages"
    for page in "/api/replication/tasks" "/api/replication/tasks/$middle" "/api/replication/tasks/$middle/trail?take=25" "/api/snapshots?take=50"; do
      for _ in 1 2 3 4 5; do
        curl -skf -o /dev/null -w '%{time_total} %{time_pretransfer} %{time_starttransfer}\n' \
          -H "Authorization: Bearer ${token[source]}" "${url[source]}$page" |
          awk -v p="$page" '{printf "%s %.1f %.1f\n", p, $1 * 1000, ($3 - $2) * 1000}' >>"$work/pages"
      done
    done
  else
    change
  fi
  from=$(($(since_epoch) + margin))
  to=$((next - margin))
  if [ $((to - from)) -lt 20 ]; then
    echo "$label: less than 20 s left before the next cycle; no idle stretch"
    continue
  fi
  sleep_until "$from"
  before=$(process_cpu)
  sleep_until "$to"
  after=$(process_cpu)
  percent=$(echo "scale=3; 100 * ($after - $before) / $ticks / ($to - $from)" | bc -l)
  echo "$label: source CPU while idle $(printf '%.2f' "$percent")% of a core over $((to - from)) s"
  [ "$k" = 0 ] || echo "$percent" >>"$work/idle"
done

echo "Reading the trails..."
: >"$work/trails"
for id in "${task_ids[@]}"; do
  echo "$id $(api_to source GET "/api/replication/tasks/$id/trail?take=$((cycles + 50))" | jq -c .)" >>"$work/trails"
done

python3 - "$work/trails" "$tasks" "$period" "$warmup" "$cycles" "$seeding_started" <<'PY'
import collections, datetime as d, json, math, statistics, sys
tasks, period, warmup, cycles, seeding_started = (int(a) for a in sys.argv[2:])
def at(s): return d.datetime.fromisoformat(s).timestamp()
def pct(values, p): # nearest rank
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]
trails = {}
for line in open(sys.argv[1]):
    task, trail = line.split(" ", 1)
    trails[int(task)] = sorted(json.loads(trail), key=lambda a: at(a["startedAt"]))
# The seeding: each task's first run.
first = [t[0] for t in trails.values() if t]
ok = sum(a["status"] == "succeeded" for a in first)
ends = [at(a["endedAt"]) for a in first if a.get("endedAt")]
print(f"tasks: seeding            {len(first)} first runs (full sends), {ok} succeeded, "
      f"from the first task's creation to the last end {max(ends) - seeding_started:.0f} s")
# The scheduled cycles: every later run, by the time of the schedule it belongs to.
slots = {warmup + k * period: k for k in range(cycles + 1)}
by_slot = collections.defaultdict(list)
for task, trail in trails.items():
    for a in trail[1:]:
        slot = int(at(a["startedAt"]) // period * period)
        if slot in slots:
            by_slot[slot].append((task, a))
steady_late, steady = [], collections.Counter()
errors = collections.Counter()
for slot, k in sorted(slots.items()):
    runs = by_slot[slot]
    status = collections.Counter(a["status"] for _, a in runs)
    real = [a for _, a in runs if a["status"] not in ("skipped",)]
    late = [at(a["startedAt"]) - slot for a in real]
    missing = tasks - len({task for task, _ in runs})
    span = (max(at(a["endedAt"] or a["startedAt"]) for a in real) - min(at(a["startedAt"]) for a in real)) if real else 0
    label = "warm-up" if k == 0 else f"cycle {k}"
    print(f"tasks: {label:<9}         {len(real)} runs, {status['succeeded']} succeeded, {status['failed']} failed, "
          f"{status['skipped']} skipped, {missing} missing; lateness min {min(late) if late else 0:.1f} s, median {statistics.median(late) if late else 0:.1f} s, "
          f"p95 {pct(late, 95) if late else 0:.1f} s, max {max(late) if late else 0:.1f} s; "
          f"first start to last end {span:.1f} s")
    if k > 0:
        steady_late += late
        steady.update(status)
        steady["missing"] += missing
        errors.update(a["error"] for _, a in runs if a["status"] == "failed")
print(f"tasks: steady state       {cycles} cycles, {len(steady_late)} runs: lateness median "
      f"{statistics.median(steady_late) if steady_late else 0:.1f} s, p95 {pct(steady_late, 95) if steady_late else 0:.1f} s, "
      f"max {max(steady_late) if steady_late else 0:.1f} s (goal: max < 60 s)")
print(f"tasks: failures           {steady['failed']} failed, {steady['skipped']} skipped, {steady['missing']} missing "
      f"of {tasks * cycles} runs (goal: none)")
for error, count in errors.most_common(5):
    print(f"tasks:   {count} x {error}")
PY

if [ -s "$work/idle" ]; then
  echo "tasks: idle CPU (source)  $(sort -g "$work/idle" | awk '{v[NR] = $1} END {printf "median %.2f%%, max %.2f%% of a core over %d stretches", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[NR], NR}') (goal < 2%)"
else
  echo "tasks: idle CPU (source)  not measured: no cycle left an idle stretch"
fi
if [ -s "$work/pages" ]; then
  awk '{t[$1] = t[$1] " " $2; s[$1] = s[$1] " " $3; if (!($1 in seen)) {seen[$1] = 1; order[++n] = $1}}
    END {for (i = 1; i <= n; i++) print order[i], t[order[i]], "|", s[order[i]]}' "$work/pages" |
    while read -r page rest; do
      total=$(echo "${rest%|*}" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
      server=$(echo "${rest#*|}" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
      printf 'tasks: page %-42s median %6.1f ms (server %6.1f ms, the rest TLS and the loopback)\n' "$page" "$total" "$server"
    done
else
  echo "tasks: pages              not timed: the last cycle's runs did not end before the next one"
fi
if grep -q 'WorkerCount = Math.Max(4, Environment.ProcessorCount \* 2);' Rockstor.Web/Hosting/WebComposition.cs; then
  workers=$(($(nproc) * 2 > 4 ? $(nproc) * 2 : 4))
  echo "tasks: Hangfire workers   $workers (Math.Max(4, 2 x $(nproc) processors) in Rockstor.Web/Hosting/WebComposition.cs): at most $workers runs at once"
else
  echo "tasks: Hangfire workers   $(grep -o 'WorkerCount = .*;' Rockstor.Web/Hosting/WebComposition.cs) (Rockstor.Web/Hosting/WebComposition.cs, $(nproc) processors)"
fi
