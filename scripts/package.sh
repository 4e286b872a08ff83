#!/usr/bin/env bash
# Builds the appliance's Debian package with Debian's own tools: dist/rockstor_<version>_amd64.deb, the
# appliance self-contained (the .NET runtime inside: Debian ships none), its unit, its settings in
# /etc/rockstor (kept on upgrade) and its data directory made at install.
#   ./scripts/package.sh            # the version of Directory.Build.props
#   VERSION=0.2.0 ./scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version="${VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)}"
stage=$(mktemp -d /tmp/rockstor-package-XXXXXX)
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -r linux-x64 --self-contained true \
  -p:Version="$version" -o "$stage/opt/rockstor" --nologo -v quiet
install -D -m 0644 packaging/deb/rockstor.service "$stage/lib/systemd/system/rockstor.service"
install -D -m 0640 packaging/deb/rockstor.env "$stage/etc/rockstor/rockstor.env"
install -D -m 0644 README.md "$stage/usr/share/doc/rockstor/README.md"
install -d "$stage/DEBIAN"
for script in postinst prerm postrm; do install -m 0755 "packaging/deb/$script" "$stage/DEBIAN/$script"; done
echo /etc/rockstor/rockstor.env > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" packaging/deb/control.in > "$stage/DEBIAN/control"

mkdir -p dist
dpkg-deb --root-owner-group -Zxz --build "$stage" "dist/rockstor_${version}_amd64.deb" >/dev/null
echo "dist/rockstor_${version}_amd64.deb"
