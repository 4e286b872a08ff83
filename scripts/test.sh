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

# One test project's run, its lines prefixed with a name when another runs beside it.
run() {
  local name=$1
  shift
  dotnet test "$@" -c Release --no-build --nologo 2>&1 | sed -u "s|^|${name:+[$name] }|" | tee -a "$log"
}

if [ "$status" -eq 0 ]; then
  : > "$log"
  run "" tests/Rockstor.Domain.Tests || status=$?
  run "" tests/Rockstor.Infrastructure.Tests || status=$?
  # The appliance tests in two processes side by side, each running its tests one at a time (which is what
  # makes xUnit's timeouts hold): replication and configuration in one, everything else in the other.
  # Nothing one makes is another's: sandboxes, accounts and namespaces carry their process id, each test
  # network takes a subnet no other has, and a test that looks at what the whole machine holds (a pool to
  # import) picks its own out.
  replication='FullyQualifiedName~Rockstor.Web.Tests.Replication.|FullyQualifiedName~Rockstor.Web.Tests.Configuration.'
  rest='FullyQualifiedName!~Rockstor.Web.Tests.Replication.&FullyQualifiedName!~Rockstor.Web.Tests.Configuration.'
  # Each side in a process group of its own, so that stopping this script stops them and their appliances.
  set -m
  run "web 1/2" tests/Rockstor.Web.Tests --filter "$replication" & first=$!
  run "web 2/2" tests/Rockstor.Web.Tests --filter "$rest" & second=$!
  set +m
  trap 'kill -TERM -- "-$first" "-$second" 2>/dev/null; wait; exit 130' INT TERM
  wait "$first" || status=$?
  wait "$second" || status=$?
  trap - INT TERM
  # Alone, after the rest: Chromium aborts its requests whenever the machine's network changes, and the
  # appliance tests make and delete network links.
  run "" tests/Rockstor.EndToEnd || status=$?
fi

# One closing line for the whole suite, summed over the test runs.
awk '/(Passed|Failed)!  -/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
echo "in $((SECONDS / 60)) min $((SECONDS % 60)) s, prerequisites and build included"
exit "$status"
