#!/usr/bin/env bash
# The README's main job: builds torch4j and runs every tutorial step, each followed by its parity
# verdict against the outputs recorded from real PyTorch. Extra arguments go to the runner
# (e.g. --seed 42, --step 3, --info). Exits non-zero if a verdict fails.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package
exec java -cp "samples/target/classes:$(cat samples/target/runtime-classpath.txt)" \
  org.torch4j.samples.Runner --info "$@"
