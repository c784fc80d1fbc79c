#!/usr/bin/env bash
# Runs torch4j's benchmarks and writes REPORT.md with plots.
#
#   perf/run.sh                      everything, headline settings (2 forks), into perf/results/
#   perf/run.sh --only perop,python  a subset (groups: perop paired tutorial phases fit matmul exceptions python startup jit
#                                    contention workloads memory djl)
#   djl: DJL 0.36's peers, in their own JVMs (LibTorch 2.7.1 never meets torch4j's 2.10); runs only
#        when perf/djl/target/djl-benchmarks.jar exists (mvn -Pdjl -pl perf/djl package) and never in --smoke
#   perf/run.sh --smoke              CI smoke: every benchmark once at its smallest size, 1 fork,
#                                    tiny iterations, into perf/target/smoke/ (about a minute)
#   options: --out DIR  --no-build  --quick (1 fork, shorter iterations)  --jmh "EXTRA JMH ARGS"
#   env:     PERF_MEMORY_ITERATIONS=N  iterations of the memory loops (default 200000, 20000 with --quick)
#
# Settings fit a 2-core machine: one benchmark at a time, each in its own forked JVM; LibTorch uses
# its default intra-op threads (2 here). The Python part needs Debian's real PyTorch (/usr/bin/python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PERF="$ROOT/perf"
JAR="$PERF/target/benchmarks.jar"
PY=/usr/bin/python3
ALL_GROUPS="perop,paired,tutorial,phases,fit,matmul,exceptions,python,startup,jit,contention,workloads,memory,djl"
DJL_JAR="$PERF/djl/target/djl-benchmarks.jar"
SCRIPT_MODEL="$ROOT/samples/parity/models/step12_cnn.pt"

groups="$ALL_GROUPS"
out=""
build=1
mode=full
extra=""
cmdline="perf/run.sh $*"

while [ $# -gt 0 ]; do
    case "$1" in
        --only) groups="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --smoke) mode=smoke; shift ;;
        --quick) mode=quick; shift ;;
        --jmh) extra="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ -z "$out" ]; then
    if [ "$mode" = smoke ]; then out="$PERF/target/smoke"; else out="$PERF/results"; fi
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

has() { case ",$groups," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

if [ "$build" = 1 ]; then
    echo "== building perf (reactor build, nothing installed into ~/.m2)" >&2
    (cd "$ROOT" && mvn -B -q -ntp -o -pl perf -am package -DskipTests 2>/dev/null \
        || mvn -B -q -ntp -pl perf -am package -DskipTests)
fi
if [ "$build" = 1 ] && [ "$mode" != smoke ] && has djl && [ -d "$HOME/.m2/repository/ai/djl/pytorch/pytorch-native-cpu" ]; then
    # only from the local Maven cache: run.sh never downloads DJL
    echo "== building perf/djl offline (-Pdjl)" >&2
    (cd "$ROOT" && mvn -B -q -ntp -o -Pdjl -pl perf/djl package -DskipTests 2>/dev/null) || echo "run.sh: offline build of perf/djl failed" >&2
fi
[ -f "$JAR" ] || { echo "run.sh: $JAR is missing (build with: mvn -pl perf -am package -DskipTests)" >&2; exit 1; }

case "$mode" in
    full)  common=(-foe true) ;;
    quick) common=(-foe true -f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
    smoke) common=(-foe true -wi 1 -w 100ms -i 1 -r 100ms) ;;
esac
# shellcheck disable=SC2206
[ -n "$extra" ] && common+=($extra)

start=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
    echo "command:    $cmdline"
    echo "started:    $start"
    echo "commit:     $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD -- perf java-api bindings ':!perf/results' 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "mode:       $mode (groups: $groups)"
    echo "JMH:        java -jar perf/target/benchmarks.jar <group regex> ${common[*]} -rf json"
    if [ "$mode" = full ]; then
        echo "            per-class settings from the annotations: 2 forks; warm-up 2-3 x 1 s, measurement 3-5 x 1 s"
    fi
} > "$out/run.txt"

{
    echo "cpu:        $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores visible, $(lscpu | sed -n 's/^Hypervisor vendor: *//p' | sed 's/^./virtualised: &/'))"
    echo "flags:      $(grep -o -w -E 'avx2|avx512f|fma' /proc/cpuinfo | sort -u | tr '\n' ' ')"
    echo "memory:     $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
    echo "os:         $(uname -sr), $(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "java:       $(java -version 2>&1 | sed -n 2p)"
    echo "libtorch:   2.10.0 via org.bytedeco:pytorch:2.10.0-1.5.13 (linux-x86_64, CPU), JavaCPP 1.5.13"
    if "$PY" -c 'import torch' 2>/dev/null; then
        echo "python:     $("$PY" -c 'import sys, torch; print("Python", sys.version.split()[0], "PyTorch", torch.__version__, "(Debian python3-torch)")')"
    fi
    echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) at start ($start)"
} > "$out/machine.txt"

# load average at each group's start, for the report (runs on a shared machine drift)
mark() { echo "$(date -u +%H:%M:%S) $1 $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loadavg.txt"; }
rm -f "$out/loadavg.txt"

jmh() { # name regex [extra args...]  (JMH_JAR=... picks another benchmarks jar)
    mark "$1"
    local name="$1" regex="$2"; shift 2
    echo "== JMH $name" >&2
    rm -f "$out/jmh-$name.json"   # a failed run must not leave the previous run's results behind
    java -jar "${JMH_JAR:-$JAR}" "$regex" "${common[@]}" "$@" -rf json -rff "$out/jmh-$name.json" | tee "$out/jmh-$name.log" | grep -E '^(Benchmark|[A-Za-z0-9]+\.|# Run complete)' >&2 || true
    grep -q 'Benchmark had encountered error' "$out/jmh-$name.log" && { echo "run.sh: JMH $name failed (see $out/jmh-$name.log)" >&2; exit 1; }
    [ -s "$out/jmh-$name.json" ] || { echo "run.sh: JMH $name wrote no results (see $out/jmh-$name.log)" >&2; exit 1; }
}

# TorchScript models for the jit group, written by real PyTorch (the same script the jit tests run)
JIT_MODELS="$PERF/target/jit-models"
jit_models() {
    if [ ! -f "$JIT_MODELS/cnn.pt" ]; then
        mkdir -p "$JIT_MODELS"
        "$PY" "$ROOT/java-api/src/test/python/make_jit_models.py" "$JIT_MODELS" >&2
    fi
}
jit_exclude=()
if has jit && "$PY" -c 'import torch' 2>/dev/null; then
    jit_models
else
    jit_exclude=(-e 'org\.torch4j\.perf\.Jit\.')
fi

if [ "$mode" = smoke ]; then
    # every benchmark once at its smallest size in one JVM (-f 0: LibTorch loads once), then one
    # forked benchmark to check the fork settings (the Vector API module flag)
    if has perop || has tutorial || has fit || has matmul || has exceptions; then
        echo "== JMH smoke" >&2
        java -Xss4m --add-modules=jdk.incubator.vector -jar "$JAR" 'org\.torch4j\.perf\.' "${common[@]}" -f 0 \
            -p size=1 -p op=add -p points=2000 -p n=64 -p model="$JIT_MODELS/cnn.pt" -p workload=mlp -p threads=1 -p scriptModel="$SCRIPT_MODEL" "${jit_exclude[@]}" -rf json -rff "$out/jmh-smoke.json" > "$out/jmh-smoke.log" 2>&1 \
            || { tail -40 "$out/jmh-smoke.log" >&2; echo "run.sh: JMH smoke failed (see $out/jmh-smoke.log)" >&2; exit 1; }
        java -jar "$JAR" 'org\.torch4j\.perf\.PureJavaFit\.' "${common[@]}" -f 1 -p points=2000 -p backend=vectorFloat \
            -rf json -rff "$out/jmh-smoke-fork.json" > "$out/jmh-smoke-fork.log" 2>&1 \
            || { tail -40 "$out/jmh-smoke-fork.log" >&2; echo "run.sh: JMH forked smoke failed (see $out/jmh-smoke-fork.log)" >&2; exit 1; }
        grep -c 'ns/op\|us/op\|ms/op' "$out/jmh-smoke.log" | sed 's/^/   benchmark result lines: /' >&2
    fi
    if has paired; then
        echo "== paired (smoke)" >&2
        java -Xss4m -Dpaired.blockNs=1000000 -cp "$JAR" org.torch4j.perf.Paired "$out/paired.json" 3 1 add,step3
    fi
    if has phases; then
        echo "== step-3 phases (smoke)" >&2
        java -Xss4m -cp "$JAR" org.torch4j.perf.Phases "$out/phases.json" 200
    fi
    if has python && "$PY" -c 'import torch' 2>/dev/null; then
        echo "== Python (smoke)" >&2
        "$PY" "$PERF/python/bench.py" --out "$out/python.json" --sizes 1 --ops add --warmup 0.05 --round 0.05 --repeats 2 --phases 200
    fi
    if has jit && [ ${#jit_exclude[@]} -eq 0 ]; then
        echo "== Python torch.jit.load (smoke)" >&2
        "$PY" "$PERF/python/jit_bench.py" "$JIT_MODELS/cnn.pt" "$out/python-jit.json" --round 0.05 --repeats 2 --warmup 0.1 > /dev/null
    fi
    if has contention; then
        echo "== contention (smoke)" >&2
        java -Xss4m -cp "$JAR" org.torch4j.perf.Contention "$out/contention.json" 1 20
        java -Xss4m -cp "$JAR" org.torch4j.perf.ContentionPolicies "$out/contention-policies.json" 1 20
    fi
    if has startup; then
        echo "== start-up (smoke)" >&2
        java -cp "$JAR" org.torch4j.perf.report.Startup "$out/startup.json" 1 0
    fi
    if has workloads && "$PY" -c 'import torch' 2>/dev/null; then
        echo "== Python workloads (smoke)" >&2
        "$PY" "$PERF/python/workloads.py" --out "$out/python-workloads.json" --workloads mlp --threads 1 --warmup 0.05 --round 0.05 --repeats 1 --model "$SCRIPT_MODEL" 2>/dev/null
    fi
    if has memory; then
        echo "== memory (smoke)" >&2
        java -Xss4m -cp "$JAR" org.torch4j.perf.Memory "$out/memory.json" 200
    fi
    if has djl && [ "$groups" != "$ALL_GROUPS" ]; then echo "run.sh: --smoke never runs the djl group (DJL stays out of CI)" >&2; fi
else
    has perop && jmh perop 'org\.torch4j\.perf\.PerOp\.'
    if has paired; then
        echo "== paired facade/raw (interleaved)" >&2
        if [ "$mode" = quick ]; then
            java -Xss4m -cp "$JAR" org.torch4j.perf.Paired "$out/paired.json" 41
        else
            java -Xss4m -cp "$JAR" org.torch4j.perf.Paired "$out/paired.json" 101
        fi
    fi
    has tutorial && jmh tutorial 'org\.torch4j\.perf\.tutorial\.'
    if has phases; then
        echo "== step-3 phases" >&2
        java -Xss4m -cp "$JAR" org.torch4j.perf.Phases "$out/phases.json"
    fi
    has fit && jmh fit 'org\.torch4j\.perf\.PureJavaFit\.'
    has matmul && jmh matmul 'org\.torch4j\.perf\.Matmul\.'
    has exceptions && jmh exceptions 'org\.torch4j\.perf\.Exceptions\.'
    if has jit; then
        if [ ${#jit_exclude[@]} -eq 0 ]; then
            # the Java and the Python side back to back, so both see the same machine state
            jmh jit 'org\.torch4j\.perf\.Jit\.' -p model="$JIT_MODELS/cnn.pt"
            echo "== Python torch.jit.load" >&2
            if [ "$mode" = quick ]; then
                "$PY" "$PERF/python/jit_bench.py" "$JIT_MODELS/cnn.pt" "$out/python-jit.json" --round 0.5 --repeats 5 --warmup 1 > /dev/null
            else
                "$PY" "$PERF/python/jit_bench.py" "$JIT_MODELS/cnn.pt" "$out/python-jit.json" > /dev/null
            fi
        else
            echo "run.sh: $PY has no torch: skipping the TorchScript benchmark (it needs PyTorch to write cnn.pt)" >&2
        fi
    fi
    if has python; then
        if "$PY" -c 'import torch' 2>/dev/null; then
            echo "== Python PyTorch" >&2
            if ! has phases; then phases_arg=(--phases 0); else phases_arg=(); fi
            if [ "$mode" = quick ]; then
                "$PY" "$PERF/python/bench.py" --out "$out/python.json" --warmup 0.5 --round 0.3 --repeats 5 "${phases_arg[@]}"
            else
                "$PY" "$PERF/python/bench.py" --out "$out/python.json" "${phases_arg[@]}"
            fi
        else
            echo "run.sh: $PY has no torch: skipping the Python comparison (sudo apt-get install python3-torch)" >&2
        fi
    fi
    if has startup; then
        echo "== start-up" >&2
        if [ "$mode" = quick ]; then
            java -cp "$JAR" org.torch4j.perf.report.Startup "$out/startup.json" 3 1
        else
            java -cp "$JAR" org.torch4j.perf.report.Startup "$out/startup.json" 7 2
        fi
    fi
fi

if [ "$mode" != smoke ] && has workloads; then
    jmh workloads 'org\.torch4j\.perf\.workloads\.' -p scriptModel="$SCRIPT_MODEL"
    if "$PY" -c 'import torch' 2>/dev/null; then
        echo "== Python workloads" >&2
        mark python-workloads
        if [ "$mode" = quick ]; then
            "$PY" "$PERF/python/workloads.py" --out "$out/python-workloads.json" --model "$SCRIPT_MODEL" --warmup 0.5 --round 0.5 --repeats 3
        else
            "$PY" "$PERF/python/workloads.py" --out "$out/python-workloads.json" --model "$SCRIPT_MODEL"
        fi
    else
        echo "run.sh: $PY has no torch: skipping the Python workloads" >&2
    fi
fi
if [ "$mode" != smoke ] && has memory; then
    echo "== memory over a long loop" >&2
    mark memory
    if [ "$mode" = quick ]; then iters=20000; else iters=200000; fi
    java -Xss4m -cp "$JAR" org.torch4j.perf.Memory "$out/memory.json" "${PERF_MEMORY_ITERATIONS:-$iters}"
fi
if [ "$mode" != smoke ] && has djl; then
    if [ ! -f "$DJL_JAR" ]; then
        echo "run.sh: skipping djl: $DJL_JAR is missing (build it with: mvn -Pdjl -pl perf/djl package -DskipTests; the default build never downloads DJL)" >&2
    else
        # every DJL run in its own JVM on the DJL jar alone: LibTorch 2.7.1 (DJL) and 2.10 (torch4j) never share a process
        export DJL_OFFLINE=true
        JMH_JAR="$DJL_JAR" jmh djl 'org\.torch4j\.perf\.djl\.' -p scriptModel="$SCRIPT_MODEL" -jvmArgsAppend -Dai.djl.offline=true
        echo "== torch4j vs DJL, interleaved (two long-lived JVMs)" >&2
        mark interleaved
        if [ "$mode" = quick ]; then rounds=11; else rounds=41; fi
        java -cp "$JAR" org.torch4j.perf.report.Interleaved "$out/interleaved.json" "$DJL_JAR" "$rounds"
        echo "== DJL start-up, memory, gaps" >&2
        mark djl-startup
        if [ "$mode" = quick ]; then
            java -cp "$DJL_JAR" org.torch4j.perf.djl.DjlStartup "$out/djl-startup.json" 3 1
            mark djl-memory
            java -cp "$DJL_JAR" org.torch4j.perf.djl.DjlMemory "$out/djl-memory.json" "${PERF_MEMORY_ITERATIONS:-20000}"
        else
            java -cp "$DJL_JAR" org.torch4j.perf.djl.DjlStartup "$out/djl-startup.json" 5 2
            mark djl-memory
            java -cp "$DJL_JAR" org.torch4j.perf.djl.DjlMemory "$out/djl-memory.json" "${PERF_MEMORY_ITERATIONS:-20000}"0
        fi
        java -cp "$DJL_JAR" org.torch4j.perf.djl.DjlGaps "$out/djl-gaps.json"
    fi
fi

if [ "$mode" != smoke ] && has contention; then
    echo "== contention (0 and 1 CPU hogs: thread counts in one JVM, then wait policies one JVM each)" >&2
    if [ "$mode" = quick ]; then
        java -Xss4m -cp "$JAR" org.torch4j.perf.Contention "$out/contention.json" 3 150
        java -Xss4m -cp "$JAR" org.torch4j.perf.ContentionPolicies "$out/contention-policies.json" 2 150
    else
        java -Xss4m -cp "$JAR" org.torch4j.perf.Contention "$out/contention.json" 7 300
        java -Xss4m -cp "$JAR" org.torch4j.perf.ContentionPolicies "$out/contention-policies.json" 3 300
    fi
fi

echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg) at end ($(date -u +%Y-%m-%dT%H:%M:%SZ))" >> "$out/machine.txt"
echo "finished:   $(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$out/run.txt"
java -cp "$JAR" org.torch4j.perf.report.Report "$out"
echo "== report: $out/REPORT.md" >&2
