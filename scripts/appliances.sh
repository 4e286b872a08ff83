# Sourced by the benchmarks and scripts/two-appliances.sh: any number of appliances on this machine, each
# with its own data directory ($work/NAME/data), mount root ($work/NAME/mnt), ports and log
# ($work/NAME.log). It publishes the appliance once into $work/app and gives:
#   start_appliances NAME...        starts them side by side (ports from $first_port and
#                                   $first_replication_port up, 18543 and 18202 unless set), sets each up
#                                   ("admin" / $password) and turns its Replication service on
#   start NAME PORT REPLICATION-PORT  starts one on the ports given (no setup)
#   setup PORT HOSTNAME             sets one up; prints a bearer token
#   api_to NAME METHOD PATH [BODY]  calls an appliance's API as its admin
#   pair SOURCE DESTINATION         pairs SOURCE with DESTINATION (the certificate read from DESTINATION)
#   make_pool NAME GIB              a pool "$pool_name" of GIB GiB on an image file; prints its mount
#   make_share NAME SHARE           a share on that pool; prints its path
#   appliance_id NAME               the appliance's id (a task's targetApplianceId, a replica's sender)
#   finished_on NAME TASK COUNT [POLL]      waits for COUNT finished attempts; prints the newest
#   forget_task_on SOURCE DESTINATION TASK  deletes a task and its snapshots on both sides
#   elapsed ATTEMPT, now
# $url[NAME], $token[NAME], $port_of[NAME] and $pid_of[NAME] are kept; $pids holds every appliance's
# process (the appliance itself: dotnet execs in place) in the order they were started. Everything
# (processes, mounts, loop devices, files) is removed on exit. They listen on $listen (127.0.0.1 unless
# set) and reach each other on the loopback.
pool_name="${pool_name:-bench}"
password="${password:-bench-password}"
listen="${listen:-127.0.0.1}"
first_port="${first_port:-18543}"
first_replication_port="${first_replication_port:-18202}"
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) ends the benchmark too, rather than looping on it
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh

work=$(mktemp -d /tmp/rockstor-bench-XXXXXX)
pids=()
declare -A url token port_of pid_of
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

launch() { # name port replication-port -> starts the process, does not wait for it
  local p
  for p in "$2" "$3"; do # another benchmark's appliance on the port would answer for this one
    if [ -n "$(ss -Hltn "sport = :$p")" ]; then
      echo "port $p is taken (another benchmark running?); choose other ports (first_port, first_replication_port)" >&2
      exit 1
    fi
  done
  mkdir -p "$work/$1"
  (
    cd "$work/app"
    # Warnings only, and the sender's line per run (what the compressor cost), which benchmarks read.
    exec env Rockstor__DataDirectory="$work/$1/data" Rockstor__MountRoot="$work/$1/mnt" Rockstor__ReplicationPort="$3" \
      Logging__LogLevel__Default=Warning Logging__LogLevel__Rockstor.Infrastructure.Replication.ReplicationClient=Information \
      dotnet Rockstor.Web.dll --urls "https://$listen:$2" >"$work/$1.log" 2>&1
  ) &
  pids+=($!)
  pid_of[$1]=$!
  port_of[$1]=$2
  url[$1]="https://127.0.0.1:$2"
}

started() { # name -> waits until it answers
  for _ in $(seq 1 120); do
    curl -sk "${url[$1]}/healthz" >/dev/null 2>&1 && return
    kill -0 "${pid_of[$1]}" 2>/dev/null || break
    sleep 1
  done
  echo "the appliance $1 did not start: $(cat "$work/$1.log")" >&2
  exit 1
}

start() { # name port replication-port
  launch "$@"
  started "$1"
}

setup() { # port hostname -> prints a bearer token
  local url="https://127.0.0.1:$1"
  curl -skf -X POST -H "$json" -d "{\"username\":\"admin\",\"password\":\"$password\",\"hostname\":\"$2\"}" "$url/api/setup" >/dev/null
  curl -skf -X POST -H "$json" -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$url/api/auth/token" | jq -r .accessToken
}

api_to() { # name method path [body]
  curl -skf -X "$2" -H "Authorization: Bearer ${token[$1]}" -H "$json" ${4:+-d "$4"} "${url[$1]}$3"
}

start_appliances() { # name... -> started side by side, each set up, its Replication service on
  local name
  for name in "$@"; do
    launch "$name" "$first_port" "$first_replication_port"
    first_port=$((first_port + 1))
    first_replication_port=$((first_replication_port + 1))
  done
  for name in "$@"; do
    started "$name"
    token[$name]=$(setup "${port_of[$name]}" "$name")
    api_to "$name" PUT /api/services/replication '{"enabled":true}' >/dev/null
  done
}

# Pairing sends the destination's admin password only to the certificate named: read it from the
# destination itself (here, on this machine, there is nobody in between to fool us).
pair() { # source destination
  local fingerprint
  fingerprint=$(api_to "$2" GET /api/appliance | jq -r .certificateFingerprint)
  api_to "$1" POST /api/appliances \
    "{\"host\":\"127.0.0.1\",\"mgmtPort\":${port_of[$2]},\"username\":\"admin\",\"password\":\"$password\",\"fingerprint\":\"$fingerprint\"}" >/dev/null
}

declare -A appliance_ids
appliance_id() { # name
  [ -n "${appliance_ids[$1]:-}" ] || appliance_ids[$1]=$(api_to "$1" GET /api/appliance | jq -r .id)
  echo "${appliance_ids[$1]}"
}

make_pool() { # name gib -> prints the pool's mount
  api_to "$1" POST /api/pools "{\"name\":\"$pool_name\",\"imageSizeGiB\":$2}" >/dev/null
  echo "$work/$1/mnt/$pool_name"
}

make_share() { # name share -> prints its path
  api_to "$1" POST /api/shares "{\"pool\":\"$pool_name\",\"name\":\"$2\"}" | jq -r .path
}

finished_on() { # name task count [poll seconds] -> waits until the trail has that many finished attempts; prints the newest
  while true; do
    local trail
    trail=$(api_to "$1" GET "/api/replication/tasks/$2/trail?take=500")
    if [ "$(echo "$trail" | jq '[.[] | select(.status != "running" and .status != "pending")] | length')" -ge "$3" ]; then
      echo "$trail" | jq -c '.[0]'
      return
    fi
    sleep "${4:-0.05}"
  done
}

forget_task_on() { # source destination task -> deletes it and its snapshots on both sides, so the next task sends in full again
  local share sender replica name
  share=$(api_to "$1" GET "/api/replication/tasks/$3" | jq -r .share)
  sender=$(appliance_id "$1")
  api_to "$1" DELETE "/api/replication/tasks/$3?deleteSnapshots=true" >/dev/null
  replica=$(api_to "$2" GET /api/replication/receives |
    jq -r --arg s "$sender" --arg share "$share" '[.[] | select(.senderApplianceId == $s and .sourceShare == $share) | .replicaShare] | unique | .[0] // empty')
  # (one record per task that sent the share, all into the same replica share)
  [ -n "$replica" ] || return 0 # nothing arrived
  for name in $(api_to "$2" GET "/api/snapshots?share=$replica&take=500" | jq -r '.items[].name'); do
    api_to "$2" DELETE "/api/shares/$replica/snapshots/$name" >/dev/null
  done
}

elapsed() { # attempt json -> seconds from startedAt to endedAt, to the millisecond
  python3 -c 'import sys, json, datetime as d
a = json.loads(sys.argv[1]); f = d.datetime.fromisoformat
print((f(a["endedAt"]) - f(a["startedAt"])).total_seconds())' "$1"
}

ticks=$(getconf CLK_TCK)
cpu() { # the appliances' CPU seconds so far, with the children they waited for (btrfs send and receive)
  local total=0 p
  for p in "${pids[@]}"; do
    total=$((total + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat")))
  done
  echo "scale=3; $total / $ticks" | bc -l
}
rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }   # a process's resident MiB
peak() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }  # and its peak
