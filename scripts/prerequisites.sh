# Sourced by install.sh, run-appliance.sh and test.sh: installs what the appliance needs from Debian when missing.
need=()
command -v btrfs >/dev/null 2>&1 || need+=(btrfs-progs)
command -v losetup >/dev/null 2>&1 || need+=(util-linux)
command -v wipefs >/dev/null 2>&1 || need+=(util-linux)
command -v mkfs.ext4 >/dev/null 2>&1 || need+=(e2fsprogs)
command -v chattr >/dev/null 2>&1 || need+=(e2fsprogs)
command -v jq >/dev/null 2>&1 || need+=(jq)
# Users and groups are the machine's (useradd, gpasswd, chpasswd: Debian's passwd package).
command -v useradd >/dev/null 2>&1 || need+=(passwd)
command -v gpasswd >/dev/null 2>&1 || need+=(passwd)
# Shares over SMB: the appliance runs Debian's smbd and samba-dcerpcd itself (with its own configuration).
[ -x /usr/sbin/smbd ] || need+=(samba)
command -v testparm >/dev/null 2>&1 || need+=(samba-common-bin)
# Shares over SFTP: the appliance runs Debian's sshd itself (with its own configuration, host key and port),
# and makes its host key with ssh-keygen.
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
# Shares over NFS: the appliance runs Debian's NFS-Ganesha itself, with its VFS backend (ADR-030).
[ -x /usr/bin/ganesha.nfsd ] || need+=(nfs-ganesha)
ls /usr/lib/x86_64-linux-gnu/ganesha/libfsalvfs.so >/dev/null 2>&1 || need+=(nfs-ganesha-vfs)
# Disks' health: smartctl in JSON mode (issue 21).
command -v smartctl >/dev/null 2>&1 || need+=(smartmontools)
# The package (issue 22): built with dpkg-deb; an update keeps the running version with dpkg-repack and asks
# the new one for its health with curl; the tests make their apt repository with dpkg-scanpackages.
command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
command -v dpkg-repack >/dev/null 2>&1 || need+=(dpkg-repack)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v dpkg-scanpackages >/dev/null 2>&1 && need+=(dpkg-dev)
# ... and check the package's unit with systemd-analyze (systemd need not run).
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v systemd-analyze >/dev/null 2>&1 && need+=(systemd)
# The tests reach the shares with Debian's SMB client.
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v smbclient >/dev/null 2>&1 && need+=(smbclient)
# ... with libnfs's user-space NFS client, and rpcbind for NFSv3 ...
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v nfs-cp >/dev/null 2>&1 && need+=(libnfs-utils)
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v rpcbind >/dev/null 2>&1 && need+=(rpcbind)
# ... and with Debian's sftp and ssh, typing passwords through sshpass.
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v sftp >/dev/null 2>&1 && need+=(openssh-client)
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v sshpass >/dev/null 2>&1 && need+=(sshpass)
# The browser tests drive Debian's Chromium (never a downloaded browser); only the test script asks for it.
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! [ -x /usr/bin/chromium ] && need+=(chromium)
# They check every screen with axe-core, which npm installs (below).
[ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ] && ! command -v npm >/dev/null 2>&1 && need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is needed (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi
# axe-core at the version tests/Rockstor.EndToEnd/package-lock.json pins (npm checks its integrity hash).
if [ "${ROCKSTOR_NEEDS_BROWSER:-}" = 1 ]; then
  axe=tests/Rockstor.EndToEnd
  if [ "$(jq -r '.packages["node_modules/axe-core"].version' "$axe/package-lock.json")" != \
       "$(jq -r .version "$axe/node_modules/axe-core/package.json" 2>/dev/null)" ]; then
    echo "Installing axe-core for the browser tests..."
    npm ci --prefix "$axe" --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi
modprobe btrfs 2>/dev/null || true
modprobe loop 2>/dev/null || true
