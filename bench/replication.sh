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
cd "$(dirname "$0")/.."
data_gib="${DATA_GIB:-2}"
small_files="${SMALL_FILES:-10000}"
pool_gib=$((data_gib * 2 + 4))

work=$(mktemp -d /tmp/rockstor-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  for m in $(findmnt -rn -o TARGET | grep "^$work/" | sort -r); do umount "$m" || umount -l "$m"; done
  for img in "$work"/*/data/pools/*.img; do
    [ -e "$img" ] || continue
    for l in $(losetup -j "$img" -O NAME -n 2>/dev/null); do losetup -d "$l"; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
json='content-type: application/json'

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -o "$work/app" --nologo -v quiet

start() { # name port replication-port
  mkdir -p "$work/$1"
  (
    cd "$work/app"
    Rockstor__DataDirectory="$work/$1/data" Rockstor__MountRoot="$work/$1/mnt" Rockstor__ReplicationPort=$3 \
      Logging__LogLevel__Default=Warning exec dotnet Rockstor.Web.dll --urls "https://127.0.0.1:$2" >"$work/$1.log" 2>&1
  ) &
  pids+=($!)
  for _ in $(seq 1 60); do curl -sk "https://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return; sleep 1; done
  echo "the appliance $1 did not start: $(cat "$work/$1.log")" >&2
  exit 1
}

setup() { # port hostname -> prints a bearer token
  local url="https://127.0.0.1:$1"
  curl -skf -X POST -H "$json" -d "{\"username\":\"admin\",\"password\":\"bench-password\",\"hostname\":\"$2\"}" "$url/api/setup" >/dev/null
  curl -skf -X POST -H "$json" -d '{"username":"admin","password":"bench-password"}' "$url/api/auth/token" | jq -r .accessToken
}

start source 18443 18002
start destination 18444 18003
a="https://127.0.0.1:18443"
b="https://127.0.0.1:18444"
token_a=$(setup 18443 source)
token_b=$(setup 18444 destination)
api() { # a|b method path [body]
  local url token
  if [ "$1" = a ]; then url=$a token=$token_a; else url=$b token=$token_b; fi
  curl -skf -X "$2" -H "Authorization: Bearer $token" -H "$json" ${4:+-d "$4"} "$url$3"
}

api a POST /api/appliances '{"host":"127.0.0.1","mgmtPort":18444,"username":"admin","password":"bench-password"}' >/dev/null
api a PUT /api/services/replication '{"enabled":true}' >/dev/null
api b PUT /api/services/replication '{"enabled":true}' >/dev/null
api a POST /api/pools "{\"name\":\"bench\",\"imageSizeGiB\":$pool_gib}" >/dev/null
api b POST /api/pools "{\"name\":\"bench\",\"imageSizeGiB\":$pool_gib}" >/dev/null
share=$(api a POST /api/shares '{"pool":"bench","name":"data"}' | jq -r .path)
destination_pool="$work/destination/mnt/bench"

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
finished() { # task count [poll seconds] -> waits until the trail has that many finished attempts; prints the newest
  while true; do
    local trail
    trail=$(api a GET "/api/replication/tasks/$1/trail")
    if [ "$(echo "$trail" | jq '[.[] | select(.status != "running" and .status != "pending")] | length')" -ge "$2" ]; then
      echo "$trail" | jq -c '.[0]'
      return
    fi
    sleep "${3:-0.05}"
  done
}
elapsed() { # attempt json -> seconds from startedAt to endedAt, to the millisecond
  python3 -c 'import sys, json, datetime as d
a = json.loads(sys.argv[1]); f = d.datetime.fromisoformat
print((f(a["endedAt"]) - f(a["startedAt"])).total_seconds())' "$1"
}
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
