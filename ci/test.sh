#!/usr/bin/env bash
# The README's test command: installs what the tests need, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-test-deps.sh
mvn -B -ntp verify "$@"
