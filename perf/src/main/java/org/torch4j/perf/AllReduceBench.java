package org.torch4j.perf;

import java.time.Duration;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.ReduceOp;

/**
 * All-reduce (SUM, float32, gloo) latency and bandwidth by message size, one rank of it: start with
 * {@code bash ci/ddp-run.sh --nproc N org.torch4j.perf.AllReduceBench [minBytes maxBytes]}
 * (perf/allreduce.sh runs it next to perf/python/allreduce_bench.py, Python 1.13's torch.distributed).
 * Rank 0 prints {@code impl world bytes median_us algbw_MBps}; algbw = bytes / median time.
 * The cross-rank shape check is off (as PyTorch's default), so one collective per call is timed.
 */
public final class AllReduceBench {
    private AllReduceBench() {
    }

    public static void main(String[] args) {
        long min = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        long max = args.length > 1 ? Long.parseLong(args[1]) : 64L << 20;
        Dist.initProcessGroup("gloo", Duration.ofSeconds(120));
        Dist.setShapeChecks(false);
        int ws = Dist.getWorldSize();
        for (long bytes = min; bytes <= max; bytes *= 4) {
            Tensor t = Torch.ones(DType.FLOAT32, bytes / 4);
            int iters = (int) Math.max(5, Math.min(200, (32L << 20) / bytes));
            for (int i = 0; i < 3; i++) {
                Dist.allReduce(t, ReduceOp.SUM);
            }
            double[] us = new double[iters];
            for (int i = 0; i < iters; i++) {
                Dist.barrier();
                long t0 = System.nanoTime();
                Dist.allReduce(t, ReduceOp.SUM);
                us[i] = (System.nanoTime() - t0) / 1e3;
            }
            java.util.Arrays.sort(us);
            double med = us[iters / 2];
            if (Dist.getRank() == 0) {
                System.out.printf("torch4j %d %d %.1f %.1f%n", ws, bytes, med, bytes / med);
            }
            t.close();
        }
        Dist.destroyProcessGroup();
    }
}
