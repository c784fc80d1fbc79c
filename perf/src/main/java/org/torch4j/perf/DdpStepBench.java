package org.torch4j.perf;

import java.time.Duration;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;

/**
 * One training step (zero_grad, forward, backward, SGD step) of an MLP 256-512-512-10 (about 400k
 * parameters, 1.6 MB of gradients) on a global batch of 192 rows: with {@code ci/ddp-run.sh --nproc 1}
 * single-process on the whole batch (no DDP), with {@code --nproc N > 1} DistributedDataParallel
 * with 192/N rows per rank (gradients all-reduced during backward, default 25 MB buckets). Rank 0
 * prints {@code ddpstep world median_ms p10_ms p90_ms} over the timed steps (after warm-up).
 * Every process uses one intra-op thread (torchrun's OMP_NUM_THREADS=1). Args: [steps]
 */
public final class DdpStepBench {
    static final int GLOBAL_BATCH = 192;

    private DdpStepBench() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Dist.initProcessGroup("gloo", Duration.ofSeconds(120));
        Dist.setShapeChecks(false);
        Torch.setNumThreads(1); // one intra-op thread per process, as torchrun sets OMP_NUM_THREADS=1 (and the ranks share cores)
        int ws = Dist.getWorldSize();
        Torch.manualSeed(0);
        Module model = new Sequential(new Linear(256, 512), new ReLU(), new Linear(512, 512), new ReLU(), new Linear(512, 10));
        Module net = ws == 1 ? model : new DistributedDataParallel(model);
        SGD opt = new SGD(net.parameters(), 0.01);
        MSELoss mse = new MSELoss();
        int rows = GLOBAL_BATCH / ws;
        Torch.manualSeed(1 + Dist.getRank());
        Tensor x = Torch.randn(rows, 256);
        Tensor y = Torch.randn(rows, 10);
        int warm = Math.max(3, steps / 10);
        double[] ms = new double[steps];
        for (int i = 0; i < warm + steps; i++) {
            long t0 = System.nanoTime();
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                mse.forward(net.forward(x), y).backward();
                opt.step();
            }
            if (i >= warm) {
                ms[i - warm] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        if (Dist.getRank() == 0) {
            System.out.printf(java.util.Locale.ROOT, "ddpstep %d %.3f %.3f %.3f%n", ws, ms[steps / 2], ms[steps / 10],
                    ms[steps * 9 / 10]);
        }
        Dist.destroyProcessGroup();
    }
}
