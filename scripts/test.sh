#!/usr/bin/env bash
# Runs every test (as root: the tests make loop devices, btrfs pools and mounts, and remove them).
#   sudo ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "The tests make loop devices and mounts: run them as root (sudo $0)." >&2
  exit 1
fi
# shellcheck source=scripts/prerequisites.sh
ROCKSTOR_NEEDS_BROWSER=1 . scripts/prerequisites.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet build Rockstor.sln -c Release --nologo -v quiet -warnaserror 2>&1 | tee "$log" || status=$?
if [ "$status" -eq 0 ]; then
  # One test assembly after another: the replication tests make and delete network links, and
  # Chromium (the browser tests) aborts its requests whenever the machine's network changes.
  dotnet test Rockstor.sln -c Release --no-build --nologo -m:1 2>&1 | tee "$log" || status=$?
fi

# One closing line for the whole suite, summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
