#!/usr/bin/env bash
# Brings up the appliance on this Debian machine (as root) the way a NAS runs it: installs what it needs
# from Debian, builds the Debian package from this checkout, installs it, and starts its service (with
# systemd where it runs; elsewhere rockstor-service runs it as the unit would). Prints its address.
#   sudo ./scripts/install.sh
#   PORT=9443 sudo -E ./scripts/install.sh     # another HTTPS port, for a first install
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "The appliance manages disks, mounts and btrfs: install it as root (sudo $0)." >&2
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

echo "Building the package..."
package=$(./scripts/package.sh | tail -n 1)
if [ -n "${PORT:-}" ] && [ ! -e /etc/rockstor/rockstor.env ]; then
  install -d -m 0755 /etc/rockstor
  sed "s/:8443$/:${PORT}/" packaging/deb/rockstor.env > /etc/rockstor/rockstor.env
  chmod 0640 /etc/rockstor/rockstor.env
fi
echo "Installing $package..."
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$package" 2>&1 | grep -E '^E:' || true
/opt/rockstor/rockstor-service start

port=$(sed -n 's/^ROCKSTOR_URLS=.*:\([0-9]*\).*/\1/p' /etc/rockstor/rockstor.env | head -n 1)
address=$(hostname -I 2>/dev/null | awk '{print $1}')
for _ in $(seq 1 60); do
  curl -ksf "https://127.0.0.1:${port}/healthz" >/dev/null 2>&1 && break
  sleep 1
done
echo
echo "Rockstor runs on https://${address:-localhost}:${port}/ (and https://localhost:${port}/)."
echo "The certificate is self-signed: accept it in the browser, then set up the admin account."
echo "Settings: /etc/rockstor/rockstor.env; data: /var/lib/rockstor; log: journalctl -u rockstor, or /var/log/rockstor.log without systemd."
