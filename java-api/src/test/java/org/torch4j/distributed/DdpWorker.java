package org.torch4j.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Tanh;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;
import org.torch4j.utils.data.DistributedSampler;

/**
 * DistributedTest's DDP scenario (one rank). Checks, printing OK/FAIL lines:
 * equivalence: DDP on the DistributedSampler shards (each rank's model initialised from a different
 * seed: the construction broadcast must make them rank 0's) vs rank 0's single-process training
 * on the full batch, parameters within 1e-5 relative after 5 SGD steps, for a bucket of every
 * parameter alone (1 byte cap) and of all together (25 MB); noSync: a backward under noSync leaves
 * local gradients, the next averages the accumulated sum (vs an all-reduce AVG of local sums, within
 * 1e-5 relative: gloo's AVG divides the sum, DDP sums gradients already divided, ulps apart on 3 ranks).
 */
final class DdpWorker {
    static final int N = 12;
    static final int STEPS = 5;

    private DdpWorker() {
    }

    static Module model(long seed) {
        Torch.manualSeed(seed);
        return new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 3));
    }

    static void run(Duration timeout) {
        Dist.initProcessGroup("gloo", timeout);
        int rank = Dist.getRank();
        int ws = Dist.getWorldSize();
        Torch.manualSeed(1234);
        Tensor x = Torch.randn(N, 4);
        Tensor y = Torch.randn(N, 3);
        List<Long> mine = new ArrayList<>();
        for (int i : new DistributedSampler(N, ws, rank, false, 0, false)) {
            mine.add((long) i);
        }
        Tensor idx = Torch.tensor(mine.stream().mapToLong(Long::longValue).toArray(), mine.size());
        Tensor xs = x.indexSelect(0, idx);
        Tensor ys = y.indexSelect(0, idx);
        MSELoss mse = new MSELoss();

        List<float[]> runs = new ArrayList<>();
        for (double capMb : new double[] {1e-6, 25}) {
            Module m = model(100 + rank);
            DistributedDataParallel ddp = new DistributedDataParallel(m, null, capMb, false, true);
            SGD opt = new SGD(ddp.parameters(), 0.1);
            for (int step = 0; step < STEPS; step++) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    Tensor loss = mse.forward(ddp.forward(xs), ys);
                    ddp.backward(loss);
                    opt.step();
                    System.out.println("bucket_cap_mb=" + capMb + " step " + step + " local loss " + loss.item());
                }
            }
            runs.add(flat(m));
        }
        float[] ref = null;
        if (rank == 0) {
            Module m = model(100);
            SGD opt = new SGD(m.parameters(), 0.1);
            for (int step = 0; step < STEPS; step++) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    Tensor loss = mse.forward(m.forward(x), y);
                    loss.backward();
                    opt.step();
                }
            }
            ref = flat(m);
            double rel = relDiff(runs.get(1), ref);
            System.out.println((rel <= 1e-5 ? "OK" : "FAIL") + " ddp equals single-process full batch: max rel diff " + rel);
            DistWorkerMainFailures.count(rel <= 1e-5);
        }
        double rb = relDiff(runs.get(0), runs.get(1));
        System.out.println((rb <= 1e-6 ? "OK" : "FAIL") + " bucket size independent: max rel diff " + rb);
        DistWorkerMainFailures.count(rb <= 1e-6);
        // every rank ends with the same parameters
        Tensor p = Torch.tensor(runs.get(1), runs.get(1).length);
        Tensor p0 = p.clone();
        Dist.broadcast(p0, 0);
        boolean same = java.util.Arrays.equals(p.toFloatArray(), p0.toFloatArray());
        System.out.println((same ? "OK" : "FAIL") + " replicas identical");
        DistWorkerMainFailures.count(same);

        // noSync: micro-batch A under noSync (local only), then micro-batch B synchronised
        Module m = model(7);
        DistributedDataParallel ddp = new DistributedDataParallel(m, null, 25, false, true);
        Module local = model(7); // same init as rank 0's after the broadcast: seed 7 everywhere
        int half = mine.size() / 2;
        Tensor xa = xs.narrow(0, 0, half), ya = ys.narrow(0, 0, half);
        Tensor xb = xs.narrow(0, half, mine.size() - half), yb = ys.narrow(0, half, mine.size() - half);
        try (DistributedDataParallel.NoSync ns = ddp.noSync()) {
            ddp.backward(mse.forward(ddp.forward(xa), ya));
        }
        mse.forward(local.forward(xa), ya).backward();
        float[] afterA = grads(m);
        boolean localOnly = java.util.Arrays.equals(afterA, grads(local));
        System.out.println((localOnly ? "OK" : "FAIL") + " noSync leaves local gradients");
        DistWorkerMainFailures.count(localOnly);
        ddp.backward(mse.forward(ddp.forward(xb), yb));
        mse.forward(local.forward(xb), yb).backward();
        float[] sums = grads(local);
        Tensor want = Torch.tensor(sums, sums.length);
        Dist.allReduce(want, ReduceOp.AVG);
        double rn = relDiff(grads(m), want.toFloatArray());
        System.out.println((rn <= 1e-5 ? "OK" : "FAIL") + " noSync accumulation then averaged: max rel diff " + rn);
        DistWorkerMainFailures.count(rn <= 1e-5); // AVG of sums vs sum of g/ws: ulps apart
        Dist.destroyProcessGroup();
    }

    static float[] flat(Module m) {
        List<Float> out = new ArrayList<>();
        for (Tensor t : m.parameters()) {
            for (float f : t.detach().toFloatArray()) {
                out.add(f);
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    static float[] grads(Module m) {
        List<Float> out = new ArrayList<>();
        for (Tensor t : m.parameters()) {
            for (float f : t.grad().toFloatArray()) {
                out.add(f);
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** max |a-b| / max(|b|, 1e-3) over the elements. */
    static double relDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
        }
        return m;
    }
}
