#!/usr/bin/env bash
# Copies the browser tests' screenshots into docs/images under the names the README and the guides use.
# Run the browser tests first (./scripts/test.sh, or dotnet test tests/Rockstor.EndToEnd -c Release).
#   ./scripts/refresh-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
from=tests/Rockstor.EndToEnd/bin/Release/net10.0/screenshots
# test's name -> the docs' name
pictures=(
  tutorial-pair-fingerprint:guide-pair-fingerprint
  tutorial-bad-share-name:guide-bad-share-name
  tutorial-create-user:guide-create-user
  tutorial-smb-export:guide-smb-export
  tutorial-add-task:guide-add-task
  tutorial-send-trail-running:guide-send-trail-running
  tutorial-send-trail:guide-send-trail
  tutorial-send:guide-send
  tutorial-receive-trail:guide-receive-trail
  tutorial-snapshots:guide-snapshots
  tutorial-protection:guide-protection
  tutorial-schedule:guide-schedule
  tutorial-snapshots-schedule:guide-snapshots-schedule
  tutorial-restore:recovery-restore
  snapshots-delete-confirm:guide-snapshots-delete
  pool-replaced:guide-pool-replaced
  keyboard-focus:guide-keyboard-focus
  alerts:alerts
)
missing=0
for pair in "${pictures[@]}"; do
  if [ -f "$from/${pair%%:*}.png" ]; then
    cp "$from/${pair%%:*}.png" "docs/images/${pair##*:}.png"
  else
    echo "missing: $from/${pair%%:*}.png (did the browser tests run?)" >&2
    missing=1
  fi
done
exit $missing
