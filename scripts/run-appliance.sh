#!/usr/bin/env bash
# Runs one Rockstor appliance on this machine (as root): installs btrfs-progs when missing, builds the
# appliance and starts it on HTTPS with its own self-signed certificate.
#   sudo ./scripts/run-appliance.sh                 # https://<this machine>:8443
#   PORT=9443 ROCKSTOR_DATA=/srv/rockstor ROCKSTOR_MOUNTS=/mnt3 sudo -E ./scripts/run-appliance.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "The appliance manages disks, mounts and btrfs: run it as root (sudo $0)." >&2
  exit 1
fi
# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh

# The appliance runs its own Samba on port 445 (docs/decisions/ADR-023): Debian's own smbd service,
# which the samba package starts where systemd runs, would hold that port.
if [ -d /run/systemd/system ] && systemctl is-active --quiet smbd 2>/dev/null; then
  echo "Stopping and disabling Debian's own smbd service: the appliance serves SMB with its own Samba."
  systemctl disable --now smbd nmbd 2>/dev/null || true
fi

port="${PORT:-8443}"
export Rockstor__DataDirectory="${ROCKSTOR_DATA:-${Rockstor__DataDirectory:-/var/lib/rockstor}}"
export Rockstor__MountRoot="${ROCKSTOR_MOUNTS:-${Rockstor__MountRoot:-/mnt2}}"

echo "Building the appliance..."
dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -o .build/appliance --nologo -v quiet
address=$(hostname -I 2>/dev/null | awk '{print $1}')
echo
echo "Rockstor is starting on https://${address:-localhost}:${port}/ (and https://localhost:${port}/)"
echo "Data in ${Rockstor__DataDirectory}, pools mounted under ${Rockstor__MountRoot}."
echo "The certificate is self-signed: accept it in the browser, then set up the admin account."
echo
cd .build/appliance
exec dotnet Rockstor.Web.dll --urls "https://0.0.0.0:${port}"
