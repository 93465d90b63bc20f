#!/usr/bin/env bash
# Install and start what the test suite needs, idempotently. Each part lives in its own script.
set -euo pipefail
cd "$(dirname "$0")"
for s in services.d/*.sh; do
  [ -e "$s" ] || continue
  bash "$s"
done
