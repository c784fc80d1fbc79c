#!/usr/bin/env bash
# All-reduce latency/bandwidth, torch4j (gloo via c10d) and Python 1.13 torch.distributed (gloo) side by
# side, 2 and 3 ranks, 1 KB .. 64 MB (float32 SUM, median of up to 200 timed calls after a barrier).
# Writes perf/results/allreduce.tsv: impl world bytes median_us algbw_MBps, and perf/results/ddpstep.tsv:
# DDP step time (org.torch4j.perf.DdpStepBench) single-process vs 2 and 3 ranks. The report section
# and plot are generated from both by org.torch4j.perf.report.Report (AllReduceSection).
# Args: [minBytes maxBytes [ddpSteps]]; PERF_RESULTS=dir writes there instead of perf/results.
set -euo pipefail
cd "$(dirname "$0")/.."
LO=${1:-1024}; HI=${2:-67108864}; STEPS=${3:-60}
RES=${PERF_RESULTS:-perf/results}; mkdir -p "$RES"
OUT=$RES/allreduce.tsv
[ "${DDP_RUN_SKIP_BUILD:-0}" = 1 ] || bash ci/ddp-run.sh --nproc 1 --master-port 0 org.torch4j.perf.AllReduceBench 4 4 >/dev/null 2>&1 || true  # build once
{
  echo -e "impl\tworld\tbytes\tmedian_us\talgbw_MBps"
  for W in 2 3; do
    DDP_RUN_SKIP_BUILD=1 bash ci/ddp-run.sh --nproc "$W" --master-port 0 org.torch4j.perf.AllReduceBench "$LO" "$HI" \
      | grep '^\[rank0\]: torch4j ' | sed 's/^\[rank0\]: //' | tr ' ' '\t'
    /usr/bin/python3 perf/python/allreduce_bench.py "$W" "$LO" "$HI" 2>/dev/null | grep '^python ' | tr ' ' '\t'
  done
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
DDP=$RES/ddpstep.tsv
{
  echo -e "impl\tworld\tmedian_ms\tp10_ms\tp90_ms"
  for W in 1 2 3; do
    DDP_RUN_SKIP_BUILD=1 bash ci/ddp-run.sh --nproc "$W" --master-port 0 org.torch4j.perf.DdpStepBench "$STEPS" \
      | grep '^\[rank0\]: ddpstep ' | sed 's/^\[rank0\]: //' | tr ' ' '\t'
  done
} > "$DDP.tmp"
mv "$DDP.tmp" "$DDP"
cat "$DDP"
