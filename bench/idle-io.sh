#!/usr/bin/env bash
# Idle I/O of one appliance: how many bytes it writes to disk per hour while nobody uses it.
# Runs as root. The appliance is set up, has an image pool, a share and a snapshot, and the Replication
# service on; its log (default levels) goes to a file, so log writes count too. With SAMBA=1 (the
# default) the share is offered over SMB and the Samba service is on (port 18445), and what Samba's
# own processes wrote while idle is printed beside the appliance's (they are separate processes).
#   sudo ./bench/idle-io.sh                 # 5 minutes idle
#   IDLE_SECONDS=600 SAMBA=0 sudo ./bench/idle-io.sh
set -euo pipefail
cd "$(dirname "$0")/.."
idle="${IDLE_SECONDS:-300}"
samba="${SAMBA:-1}"
warmup="${WARMUP_SECONDS:-30}"
goal=$((64 * 1024))

work=$(mktemp -d /tmp/rockstor-bench-XXXXXX)
port=18443
replication=18002
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  for m in $(findmnt -rn -o TARGET | grep "^$work/" | sort -r); do umount "$m" || umount -l "$m"; done
  for l in $(losetup -j "$work/data/pools/idle.img" -O NAME -n 2>/dev/null); do losetup -d "$l"; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -o "$work/app" --nologo -v quiet
(
  cd "$work/app"
  Rockstor__DataDirectory="$work/data" Rockstor__MountRoot="$work/mnt" Rockstor__ReplicationPort=$replication Rockstor__SmbPort=18445 \
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
if [ "$samba" = 1 ]; then
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/shares/docs/smb" >/dev/null
  curl -skf -X PUT -H "$auth" -H "$json" -d '{"enabled":true}' "$url/api/services/samba" >/dev/null
fi

# Bytes written so far by Samba's processes (those running with the appliance's configuration).
samba_written() {
  local total=0 p
  for p in $(pgrep -f -- "--configfile=$work/data/samba/smb.conf" || true); do
    total=$((total + $(awk '/^write_bytes/ {print $2}' "/proc/$p/io" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

sleep "$warmup"
sync
before=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")
samba_before=$(samba_written)
echo "Appliance $pid idle for ${idle}s (after ${warmup}s warm-up)..."
sleep "$idle"
sync
after=$(awk '/^write_bytes/ {print $2}' "/proc/$pid/io")
samba_after=$(samba_written)

written=$((after - before))
per_hour=$((written * 3600 / idle))
echo "idle-io: the appliance wrote ${before} bytes while being set up (the counter works)"
echo "idle-io: wrote ${written} bytes in ${idle} s = ${per_hour} bytes/hour (goal: under ${goal} bytes/hour)"
if [ "$per_hour" -lt "$goal" ]; then echo "idle-io: within the goal"; else echo "idle-io: OVER the goal"; fi
if [ "$samba" = 1 ]; then
  echo "idle-io: Samba's processes ($(pgrep -c -f -- "--configfile=$work/data/samba/smb.conf" || true) running) wrote $((samba_after - samba_before)) bytes = $(((samba_after - samba_before) * 3600 / idle)) bytes/hour"
fi
