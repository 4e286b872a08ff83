# Sourced by the benchmarks and scripts/demo.sh: two appliances on this machine (separate data
# directories, mount roots and ports), set up ("admin" / $password), paired, with the Replication
# service on and a pool "$pool_name" of $pool_gib GiB on an image file each. They listen on $listen
# (127.0.0.1 unless set) and reach each other on the loopback. Sets $work, $a, $b, $share (the path of
# share "data" on the source) and $destination_pool; gives api, finished, new_task, forget_task and elapsed; removes
# everything (processes, mounts, loop devices, files) on exit.
pool_name="${pool_name:-bench}"
password="${password:-bench-password}"
listen="${listen:-127.0.0.1}"
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) ends the benchmark too, rather than looping on it
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh

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
# Ctrl-C or a kill while waiting: leave through the EXIT trap (the appliances ignore SIGINT, as
# background jobs of a script do, so the clean-up must stop them).
trap 'exit 130' INT
trap 'exit 143' TERM

now() { date +%s.%N; }
json='content-type: application/json'

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -o "$work/app" --nologo -v quiet

start() { # name port replication-port
  mkdir -p "$work/$1"
  (
    cd "$work/app"
    Rockstor__DataDirectory="$work/$1/data" Rockstor__MountRoot="$work/$1/mnt" Rockstor__ReplicationPort=$3 \
      Logging__LogLevel__Default=Warning exec dotnet Rockstor.Web.dll --urls "https://$listen:$2" >"$work/$1.log" 2>&1
  ) &
  pids+=($!)
  for _ in $(seq 1 60); do curl -sk "https://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return; sleep 1; done
  echo "the appliance $1 did not start: $(cat "$work/$1.log")" >&2
  exit 1
}

setup() { # port hostname -> prints a bearer token
  local url="https://127.0.0.1:$1"
  curl -skf -X POST -H "$json" -d "{\"username\":\"admin\",\"password\":\"$password\",\"hostname\":\"$2\"}" "$url/api/setup" >/dev/null
  curl -skf -X POST -H "$json" -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$url/api/auth/token" | jq -r .accessToken
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

# Pairing sends the destination's admin password only to the certificate named: read it from the
# destination itself (here, on this machine, there is nobody in between to fool us).
fingerprint=$(api b GET /api/appliance | jq -r .certificateFingerprint)
api a POST /api/appliances "{\"host\":\"127.0.0.1\",\"mgmtPort\":18444,\"username\":\"admin\",\"password\":\"$password\",\"fingerprint\":\"$fingerprint\"}" >/dev/null
api a PUT /api/services/replication '{"enabled":true}' >/dev/null
api b PUT /api/services/replication '{"enabled":true}' >/dev/null
api a POST /api/pools "{\"name\":\"$pool_name\",\"imageSizeGiB\":$pool_gib}" >/dev/null
api b POST /api/pools "{\"name\":\"$pool_name\",\"imageSizeGiB\":$pool_gib}" >/dev/null
share=$(api a POST /api/shares "{\"pool\":\"$pool_name\",\"name\":\"data\"}" | jq -r .path)
destination_pool="$work/destination/mnt/$pool_name"

finished() { # task count [poll seconds] -> waits until the trail has that many finished attempts; prints the newest
  while true; do
    local trail
    trail=$(api a GET "/api/replication/tasks/$1/trail?take=500")
    if [ "$(echo "$trail" | jq '[.[] | select(.status != "running" and .status != "pending")] | length')" -ge "$2" ]; then
      echo "$trail" | jq -c '.[0]'
      return
    fi
    sleep "${3:-0.05}"
  done
}
new_task() { # compression -> creates a task of share "data" (run at once: a full send into an empty replica); prints its id
  api a POST /api/replication/tasks "{\"share\":\"data\",\"targetPool\":\"$pool_name\",\"frequencyMinutes\":1440,\"keep\":3,\"compression\":\"$1\"}" | jq -r .id
}
forget_task() { # task -> deletes it and its snapshots on both sides, so the next task sends in full again
  local replica name
  api a DELETE "/api/replication/tasks/$1?deleteSnapshots=true" >/dev/null
  replica=$(api b GET /api/replication/receives | jq -r '.[0].replicaShare')
  for name in $(api b GET "/api/snapshots?share=$replica&take=500" | jq -r '.items[].name'); do
    api b DELETE "/api/shares/$replica/snapshots/$name" >/dev/null
  done
}
elapsed() { # attempt json -> seconds from startedAt to endedAt, to the millisecond
  python3 -c 'import sys, json, datetime as d
a = json.loads(sys.argv[1]); f = d.datetime.fromisoformat
print((f(a["endedAt"]) - f(a["startedAt"])).total_seconds())' "$1"
}
