#!/usr/bin/env bash
# Try replication on one machine: two appliances side by side (separate data directories, mount roots
# and ports), already set up and paired, the Replication service on, a pool "tank" on an image file
# each and a share "data" on the first. Prints their addresses and the login; Ctrl-C stops both and
# removes everything they made (processes, mounts, loop devices, files). As root, on Debian:
#   sudo ./scripts/demo.sh
#   LISTEN=0.0.0.0 sudo -E ./scripts/demo.sh     (to open them from another machine)
set -euo pipefail
pool_name=tank
pool_gib="${POOL_GIB:-8}"
password="${PASSWORD:-try-rockstor}"
listen="${LISTEN:-127.0.0.1}"
if [ "$(id -u)" -ne 0 ]; then
  echo "The appliances make loop devices and mounts: run this as root (sudo $0)." >&2
  exit 1
fi
echo "Building and starting two appliances..."
# shellcheck source=scripts/two-appliances.sh
. "$(dirname "$0")/two-appliances.sh"
seen=$([ "$listen" = 0.0.0.0 ] && hostname -I | awk '{print $1}' || echo "$listen")
cat <<TXT

Two appliances are running, set up and paired with each other:
  source       https://$seen:18443/
  destination  https://$seen:18444/
Log in to either as admin / $password (accept the self-signed certificate).

Each has the Replication service on and a $pool_gib GiB pool "tank". The source has a share "data"; put
files in it ($share), then on the source: Storage -> Replication -> Send -> "Add replication task"
(target: destination, pool: tank) and open its trail. On the destination, Storage -> Replication ->
Receive shows what arrived. The README's "Replicating a share" says more.

Ctrl-C stops both and removes everything they made.
TXT
wait
