#!/usr/bin/env bash
# The README's test command: installs what the tests need, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-test-deps.sh
# the generated op surface must be what codegen/generate.py writes from the checked-in spec
bash ci/generate.sh --check
mvn -B -ntp verify "$@"
# perf: every benchmark once at tiny settings (the benchmarks jar must run; numbers are not checked)
bash perf/run.sh --smoke --no-build
