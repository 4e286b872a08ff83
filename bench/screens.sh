#!/usr/bin/env bash
# How fast the Snapshots, Send and trail screens answer with a large store, in Debian's Chromium:
# 10,000 snapshots over 200 shares, a replication task per share with 100 trail rows each. Prints
# each screen's time from "open" to its rows being on the page (first, median and max of REPEAT).
# Runs as root (loop devices, mounts):
#   sudo ./bench/screens.sh
#   SNAPSHOTS=20000 TASKS=400 TRAIL_ROWS=500 REPEAT=11 sudo ./bench/screens.sh
# Everything it makes (two appliance processes, their image files, mounts and loop devices under
# /tmp/rockstor-test-*) is removed when it ends, on Ctrl-C too.
set -euo pipefail
cd "$(dirname "$0")/.."
ROCKSTOR_NEEDS_BROWSER=1
# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh
dotnet build Rockstor.sln -c Release --nologo -v quiet
exec dotnet bench/Rockstor.Bench.Screens/bin/Release/net10.0/Rockstor.Bench.Screens.dll
