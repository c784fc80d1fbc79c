#!/usr/bin/env bash
# torchrun for torch4j: builds (offline, no install) and starts N JVMs of a main class with the
# env:// variables set, output prefixed with [rankN]:, the first failure stopping the rest.
#   bash ci/ddp-run.sh --nproc 2 org.torch4j.samples.ddp.DdpClassifier
#   bash ci/ddp-run.sh --nproc 3 org.torch4j.samples.ddp.DdpClassifier 30
# Options (before the main class): --nproc N, --nnodes M, --node-rank K, --master-addr A,
# --master-port P (0 = free port, one node), --jvm-arg X, --failure-grace S. Multi-machine: run it on
# every node with the same --nnodes/--nproc/--master-addr/--master-port and --node-rank 0..M-1
# (see org.torch4j.distributed.run.Launcher). DDP_RUN_SKIP_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DDP_RUN_SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -ntp -o -q -pl samples,perf -am compile dependency:build-classpath \
        -Dmdep.outputFile=target/ddp-classpath.txt -Dmdep.includeScope=runtime >&2
fi
CP="samples/target/classes:perf/target/classes:$(cat samples/target/ddp-classpath.txt):$(cat perf/target/ddp-classpath.txt)"
exec java -cp "$CP" org.torch4j.distributed.run.Launcher "$@"
