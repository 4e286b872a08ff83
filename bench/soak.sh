#!/usr/bin/env bash
# A soak of replication: RUNS (default 200) incremental runs with random changes between them (new,
# grown, overwritten, truncated, sparse, reflinked, renamed and deleted files, folders, links, modes), the
# task's compression and resumable transfer switched at random, and the replica checked against the
# share after every run. Prints the runs, the failures, the replicas that differed, the largest snapshot
# count seen on each side (the task keeps KEEP, default 5) and the run times. Runs as root:
#   sudo ./bench/soak.sh
#   RUNS=50 SEED=7 sudo ./bench/soak.sh
set -euo pipefail
runs="${RUNS:-200}"
seed="${SEED:-1}"
keep="${KEEP:-5}"
pool_gib=4
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/../scripts/two-appliances.sh"
tree=bench/soak-tree.py

echo "Writing the share's first data..."
head -c $((64 * 1024 * 1024)) /dev/urandom >"$share/large.bin"
mkdir -p "$share/small"
head -c $((500 * 4096)) /dev/urandom | split -b 4096 -a 4 - "$share/small/f"
sync

task=$(api a POST /api/replication/tasks "{\"share\":\"data\",\"targetPool\":\"bench\",\"frequencyMinutes\":1440,\"keep\":$keep}" | jq -r .id)
first=$(finished "$task" 1 0.2)
[ "$(echo "$first" | jq -r .status)" = succeeded ] || { echo "the first run failed: $first" >&2; exit 1; }

source_id=$(api a GET /api/appliance | jq -r .id)
replica_share="${source_id}_data"
failures=0
differed=0
max_source=0
max_destination=0
times=()
for run in $(seq 1 "$runs"); do
  python3 "$tree" change "$share" $((seed * 100000 + run))
  sync
  modes=(off on auto)
  api a PUT "/api/replication/tasks/$task" \
    "{\"compression\":\"${modes[$((RANDOM % 3))]}\",\"resumable\":$([ $((RANDOM % 2)) = 0 ] && echo true || echo false)}" >/dev/null
  api a POST "/api/replication/tasks/$task/run" >/dev/null
  attempt=$(finished "$task" $((run + 1)))
  if [ "$(echo "$attempt" | jq -r .status)" != succeeded ]; then
    failures=$((failures + 1))
    echo "run $run failed: $(echo "$attempt" | jq -r .error)"
    continue
  fi
  times+=("$(elapsed "$attempt")")
  replica="$destination_pool/.snapshots/$replica_share/$(echo "$attempt" | jq -r .snapshot)"
  if [ "$(python3 "$tree" digest "$share")" != "$(python3 "$tree" digest "$replica")" ]; then
    differed=$((differed + 1))
    echo "run $run: the replica $(basename "$replica") differs from the share"
  fi
  on_source=$(api a GET "/api/snapshots?share=data&take=1" | jq .total)
  on_destination=$(api b GET "/api/snapshots?share=$replica_share&take=1" | jq .total)
  [ "$on_source" -gt "$max_source" ] && max_source=$on_source
  [ "$on_destination" -gt "$max_destination" ] && max_destination=$on_destination
  [ $((run % 20)) = 0 ] && echo "$run runs: $failures failed, $differed differed"
done

stats=$(printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR] = $1; s += $1} END {if (NR) printf "mean %.2f s, median %.2f s, max %.2f s", s / NR, t[int((NR + 1) / 2)], t[NR]}')
echo "soak: runs $runs, failures $failures, replicas that differed $differed"
echo "soak: largest snapshot count seen: source $max_source, destination $max_destination (keep $keep)"
echo "soak: run times $stats"
[ "$failures" = 0 ] && [ "$differed" = 0 ]
