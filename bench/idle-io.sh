#!/usr/bin/env bash
# Idle I/O of one appliance: how many bytes it writes to disk per hour while nobody uses it.
# Runs as root. The appliance is set up, has an image pool, a share and a snapshot, and the Replication
# service on; its log (default levels) goes to a file, so log writes count too. With SERVERS=1 (the
# default) the share is offered over SMB, NFS and SFTP and the three services are on (ports 18445,
# 12049, 18022), and what each server's own processes wrote while idle is printed beside the
# appliance's (they are separate processes). The SFTP export needs a user: one named rkbench-PID is made
# and deleted at the end. The work folder is under /var/lib (sshd refuses a jail under /tmp).
#   sudo ./bench/idle-io.sh                 # 5 minutes idle
#   IDLE_SECONDS=600 SERVERS=0 sudo ./bench/idle-io.sh
set -euo pipefail
cd "$(dirname "$0")/.."
idle="${IDLE_SECONDS:-300}"
servers="${SERVERS:-${SAMBA:-1}}"
user="rkbench-$$"
warmup="${WARMUP_SECONDS:-30}"
goal=$((64 * 1024))

work=$(mktemp -d /var/lib/rockstor-bench-XXXXXX)
port=18443
replication=18002
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  for m in $(findmnt -rn -o TARGET | grep "^$work/" | sort -r); do umount "$m" || umount -l "$m"; done
  for l in $(losetup -j "$work/data/pools/idle.img" -O NAME -n 2>/dev/null); do losetup -d "$l"; done
  rm -rf "$work"
  if id "$user" >/dev/null 2>&1; then userdel "$user" 2>/dev/null || true; fi
  getent group "$user" >/dev/null 2>&1 && groupdel "$user" 2>/dev/null || true
}
trap cleanup EXIT

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -o "$work/app" --nologo -v quiet
(
  cd "$work/app"
  Rockstor__DataDirectory="$work/data" Rockstor__MountRoot="$work/mnt" Rockstor__ReplicationPort=$replication Rockstor__SmbPort=18445 Rockstor__NfsPort=12049 \
    exec dotnet Rockstor.Web.dll --urls "https://127.0.0.1:$port" >"$work/appliance.log" 2>&1
) &
pid=$!
url="https://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -sk "$url/healthz" >/dev/null 2>&1 && break; sleep 1; done
# The dotnet host execs in the subshell, so $pid is the appliance itself.

json='content-type: application/json'
curl -sk -X POST -H "$json" -d '{"username":"admin","password":"bench-password","hostname":"bench"}' "$url/api/setup" >/dev/null
token=$(curl -sk -X POST -H "$json" -d '{"username":"admin","password":"bench-password"}' "$url/api/auth/token" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
auth="Authorization: Bearer $token"
curl -skf -X POST -H "$auth" -H "$json" -d '{"name":"idle","imageSizeGiB":2}' "$url/api/pools" >/dev/null
curl -skf -X POST -H "$auth" -H "$json" -d '{"pool":"idle","name":"docs"}' "$url/api/shares" >/dev/null
curl -skf -X POST -H "$auth" -H "$json" -d '{"name":"first"}' "$url/api/shares/docs/snapshots" >/dev/null
curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/services/replication" >/dev/null
if [ "$servers" = 1 ]; then
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/shares/docs/smb" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/services/samba" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true,"clients":[{"host":"127.0.0.1","access":"rw"}]}' "$url/api/shares/docs/nfs" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/services/nfs" >/dev/null
  curl -skf -X POST -H "$auth" -H "$json" -d "{\"name\":\"$user\",\"password\":\"bench-password-1\"}" "$url/api/users" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d "{\"enabled\":true,\"users\":[\"$user\"]}" "$url/api/shares/docs/sftp" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true,"port":18022}' "$url/api/services/sftp" >/dev/null
  for service in samba nfs sftp; do
    state=$(curl -skf -H "$auth" "$url/api/services/$service" | jq -r .state)
    [ "$state" = running ] || { echo "idle-io: the $service service is $state, not running" >&2; exit 1; }
  done
fi

# Bytes written so far by the processes whose command line holds $1 (a server's configuration file).
written_by() {
  local total=0 p
  for p in $(pgrep -f -- "$1" || true); do
    total=$((total + $(awk '/^write_bytes/ {print $2}' "/proc/$p/io" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
server_configs=("Samba|--configfile=$work/data/samba/smb.conf" "NFS-Ganesha|$work/data/nfs/ganesha.conf" "sshd|$work/data/sftp/sshd_config")
declare -A server_before

sleep "$warmup"
sync
before=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")
for entry in "${server_configs[@]}"; do server_before[${entry%%|*}]=$(written_by "${entry#*|}"); done
echo "Appliance $pid idle for ${idle}s (after ${warmup}s warm-up)..."
sleep "$idle"
sync
after=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")

written=$((after - before))
per_hour=$((written * 3600 / idle))
echo "idle-io: the appliance wrote ${before} bytes while being set up (the counter works)"
echo "idle-io: wrote ${written} bytes in ${idle} s = ${per_hour} bytes/hour (goal: under ${goal} bytes/hour)"
if [ "$per_hour" -lt "$goal" ]; then echo "idle-io: within the goal"; else echo "idle-io: OVER the goal"; fi
if [ "$servers" = 1 ]; then
  for entry in "${server_configs[@]}"; do
    name=${entry%%|*}
    wrote=$(($(written_by "${entry#*|}") - ${server_before[$name]}))
    echo "idle-io: $name ($(pgrep -c -f -- "${entry#*|}" || true) processes) wrote $wrote bytes = $((wrote * 3600 / idle)) bytes/hour"
  done
fi
