#!/usr/bin/env bash
# Builds the appliance's Debian package with Debian's own tools: dist/rockstor_<version>_amd64.deb, the
# appliance self-contained (the .NET runtime inside: Debian ships none), its unit, its settings in
# /etc/rockstor (written once, never replaced) and its data directory made at install.
#   ./scripts/package.sh                    # the version of Directory.Build.props
#   VERSION=0.2.0 ./scripts/package.sh
#   COMPRESSION=none ./scripts/package.sh   # faster to build and install (the tests); xz by default
#   OUT=/some/dir ./scripts/package.sh      # where the package goes (dist/ by default)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)}"
out="${OUT:-dist}"
stage=$(mktemp -d /tmp/rockstor-package-XXXXXX)
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT

dotnet publish Rockstor.Web/Rockstor.Web.csproj -c Release -r linux-x64 --self-contained true \
  -p:Version="$version" -o "$stage/opt/rockstor" --nologo -v quiet
install -m 0755 packaging/deb/rockstor-service packaging/deb/rockstor-update "$stage/opt/rockstor/"
install -D -m 0644 packaging/deb/rockstor.service "$stage/lib/systemd/system/rockstor.service"
# The settings are the admin's: postinst writes this default once, and no package version owns the file,
# so neither an update nor a rollback (a package dpkg-repack made) ever replaces it (ADR-038).
install -m 0644 packaging/deb/rockstor.env "$stage/opt/rockstor/rockstor.env.default"
install -D -m 0644 README.md "$stage/usr/share/doc/rockstor/README.md"
# The changelog the Updates page shows for a version on offer: the file's, with an entry for this version
# on top when the file has none (CHANGES: its lines).
{
  if ! head -n 1 packaging/deb/changelog | grep -qF "($version)"; then
    printf 'rockstor (%s) stable; urgency=medium\n\n' "$version"
    if [ -n "${CHANGES:-}" ]; then printf '%s\n' "$CHANGES" | sed 's/^/  * /'; else echo "  * Version $version."; fi
    printf '\n -- Rockstor.NET developers <rockstor@localhost>  %s\n\n' "$(date -R)"
  fi
  cat packaging/deb/changelog
} | gzip -9n > "$stage/changelog.gz"
install -D -m 0644 "$stage/changelog.gz" "$stage/usr/share/doc/rockstor/changelog.gz"
rm "$stage/changelog.gz"
install -d "$stage/DEBIAN"
for script in config postinst prerm postrm; do install -m 0755 "packaging/deb/$script" "$stage/DEBIAN/$script"; done
install -m 0644 packaging/deb/templates "$stage/DEBIAN/templates"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" packaging/deb/control.in > "$stage/DEBIAN/control"

mkdir -p "$out"
case "${COMPRESSION:-xz}" in
  none) compression=(-Znone) ;;
  *) compression=(-Zxz) ;;
esac
dpkg-deb --root-owner-group "${compression[@]}" --build "$stage" "$out/rockstor_${version}_amd64.deb" >/dev/null
echo "$out/rockstor_${version}_amd64.deb"
