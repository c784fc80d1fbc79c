#!/usr/bin/env bash
# The fuzz of issue 14 outside Maven's test phase: seeded random sequences of public calls in forked
# JVMs, reporting crashes, hangs, exception types outside the documented set and live-count leaks,
# each with the seed to replay.
#
# Usage: bash ci/fuzz.sh               the short run (1000 sequences; the same as FuzzTest in mvn verify)
#        bash ci/fuzz.sh --long        20,000 sequences, then 20,000 at -Xmx64m with a 1 MB safety-net
#                                      threshold (-Dfuzz.longSmallHeapSequences=N to change the second)
#        bash ci/fuzz.sh --seed N      replays sequence N alone (same as -Dfuzz.seed=N -Dfuzz.sequences=1)
#        bash ci/fuzz.sh --no-build    skips the Maven build (test classes already compiled)
# Any -Dfuzz.* option is passed on: fuzz.seed, fuzz.sequences, fuzz.steps (40), fuzz.batch (2500 per
# JVM at most), fuzz.jobs (2 JVMs at once), fuzz.timeoutSeconds (60 per sequence), fuzz.jvmArgs.
# Exit status: 0 nothing found, 1 findings (listed in the summary), 2 build error.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
mode=--short
props=()
while [ $# -gt 0 ]; do
    case "$1" in
        --long) mode=--long ;;
        --short) mode=--short ;;
        --no-build) build=0 ;;
        --seed) props+=("-Dfuzz.seed=$2" "-Dfuzz.sequences=1"); mode=--replay; shift ;;
        -D*) props+=("$1") ;;
        *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [ "$build" = 1 ]; then
    mvn -B -ntp -q -o -pl java-api -am process-test-classes || exit 2
fi
CP="java-api/target/test-classes:java-api/target/classes:$(cat java-api/target/test-classpath.txt)"
exec java "${props[@]}" -cp "$CP" org.torch4j.fuzz.FuzzRunner "$mode"
