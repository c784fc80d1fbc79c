#!/usr/bin/env bash
# The race suite of issue 14 (org.torch4j.race), every race in its own forked JVM, N times:
# close-vs-use on Tensor, Scope, Module, Optimizer and ScriptModule, scope close while another thread uses its
# tensors, concurrent backward (plain and through a custom Function), the Cleaner under GC pressure
# at -Xmx64m, concurrent closes. Prints a pass count per race; RaceTest runs one pass in mvn verify.
#
# Usage: bash ci/races.sh [N] [race...] [--no-build]     (N defaults to 20)
# Exit status: 0 every run of every race passed, 1 a run failed (crash, hang, wrong result, leak), 2 build error.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for a in "$@"; do
    if [ "$a" = --no-build ]; then build=0; else args+=("$a"); fi
done
[ ${#args[@]} -eq 0 ] && args=(20)
if [ "$build" = 1 ]; then
    mvn -B -ntp -q -o -pl java-api -am process-test-classes || exit 2
fi
CP="java-api/target/test-classes:java-api/target/classes:$(cat java-api/target/test-classpath.txt)"
exec java -cp "$CP" org.torch4j.race.RaceRunner "${args[@]}"
