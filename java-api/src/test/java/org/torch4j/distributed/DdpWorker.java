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
 * parameter alone (1 byte cap), a few (100 bytes) and all together (25 MB; once with the backward on
 * another thread), via plain loss.backward() and ddp.backward; noSync: a backward under noSync leaves
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

        // bucket sizes: every parameter alone, a few together, all together; plain loss.backward() (the hooks
        // alone), ddp.backward(loss), and a backward on another thread than the one that made the group
        double[] caps = {1e-6, 1e-4, 25, 25};
        List<float[]> runs = new ArrayList<>();
        for (int run = 0; run < caps.length; run++) {
            double capMb = caps[run];
            Module m = model(100 + rank);
            DistributedDataParallel ddp = new DistributedDataParallel(m, null, capMb, false, true);
            SGD opt = new SGD(ddp.parameters(), 0.1);
            long liveAfterFirst = 0;
            for (int step = 0; step < STEPS; step++) {
                if (step == 1) {
                    liveAfterFirst = Torch.liveTensorCount(); // after one step: gradients and optimizer state exist
                }
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    Tensor loss = mse.forward(ddp.forward(xs), ys);
                    if (run == 1) {
                        ddp.backward(loss);
                    } else if (run == 3) {
                        onOtherThread(loss);
                    } else {
                        loss.backward();
                    }
                    opt.step();
                    System.out.println("bucket_cap_mb=" + capMb + " step " + step + " local loss " + loss.item());
                }
            }
            long liveGrowth = Torch.liveTensorCount() - liveAfterFirst;
            System.out.println((liveGrowth == 0 ? "OK" : "FAIL") + " live tensors flat over DDP steps (cap " + capMb + "): "
                    + liveGrowth);
            DistWorkerMainFailures.count(liveGrowth == 0);
            boolean counted = ddp.reductionCount() == STEPS;
            System.out.println((counted ? "OK" : "FAIL") + " one reduction per backward (cap " + capMb + ", "
                    + ddp.bucketCount() + " buckets, " + ddp.reductionCount() + " reductions)");
            DistWorkerMainFailures.count(counted);
            if (run == 0) {
                // 4 parameters, one bucket each: the last layer's two buckets start before the first layer's gradients exist
                boolean early = ddp.bucketCount() == 4 && ddp.lastEarlyLaunches() >= 2;
                System.out.println((early ? "OK" : "FAIL") + " buckets launched during backward: " + ddp.lastEarlyLaunches()
                        + " of " + ddp.bucketCount());
                DistWorkerMainFailures.count(early);
            }
            runs.add(flat(m));
            ddp.close();
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
            double rel = relDiff(runs.get(2), ref);
            System.out.println((rel <= 1e-5 ? "OK" : "FAIL") + " ddp equals single-process full batch: max rel diff " + rel);
            DistWorkerMainFailures.count(rel <= 1e-5);
        }
        // gloo's ring all-reduce sums an element in an order that depends on its offset in the bucket, so
        // different bucket sizes may differ in the last ulp on 3 ranks; the same size must agree exactly
        double rb = 0;
        for (int run = 1; run < runs.size(); run++) {
            rb = Math.max(rb, relDiff(runs.get(run), runs.get(0)));
        }
        boolean sameCapExact = java.util.Arrays.equals(runs.get(2), runs.get(3));
        boolean indep = rb <= 1e-6 && sameCapExact;
        System.out.println((indep ? "OK" : "FAIL") + " bucket size independent: caps " + java.util.Arrays.toString(caps)
                + " max rel diff " + rb + ", same cap on another thread identical: " + sameCapExact);
        DistWorkerMainFailures.count(indep);
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
            mse.forward(ddp.forward(xa), ya).backward(); // plain backward: the hooks must not reduce
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
        ddp.close();

        unusedParameters(xs, ys, rank, ws);
        closeRace(xs, ys, rank, ws);

        // a hook whose collective fails (the group is gone) makes backward throw a TorchException, not crash
        DistributedDataParallel late = new DistributedDataParallel(model(3), null, 25, false, true);
        Tensor lateLoss = mse.forward(late.forward(xs), ys);
        Dist.destroyProcessGroup();
        String err = "";
        try {
            lateLoss.backward();
        } catch (org.torch4j.TorchException e) {
            err = e.getMessage();
        }
        boolean clear = err.contains("allReduce") && err.contains("not been initialized");
        System.out.println((clear ? "OK" : "FAIL") + " hook after destroyProcessGroup is a TorchException: " + err);
        DistWorkerMainFailures.count(clear);
        late.close();
    }

    /**
     * close() while another thread trains: each rank on a group of its own (so closing cannot stall a
     * peer); the trainer may only see IllegalStateException (closed module) or TorchException; a graph
     * built before close back-propagates after it without reducing.
     */
    static void closeRace(Tensor xs, Tensor ys, int rank, int ws) {
        ProcessGroup mine = null;
        for (int r = 0; r < ws; r++) {
            ProcessGroup g = Dist.newGroup(r); // collective: every rank makes every solo group
            if (r == rank) {
                mine = g;
            }
        }
        MSELoss mse = new MSELoss();
        java.util.concurrent.atomic.AtomicReference<Throwable> unexpected = new java.util.concurrent.atomic.AtomicReference<>();
        int trained = 0;
        for (int trial = 0; trial < 6; trial++) {
            DistributedDataParallel ddp = new DistributedDataParallel(model(9), mine, 1e-6, false, true);
            java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
            Thread t = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    try (Scope s = Scope.open()) {
                        mse.forward(ddp.forward(xs), ys).backward();
                        steps.incrementAndGet();
                    } catch (IllegalStateException | org.torch4j.TorchException expected) {
                        return;
                    } catch (Throwable e) {
                        unexpected.compareAndSet(null, e);
                        return;
                    }
                }
            }, "trainer");
            t.start();
            try {
                Thread.sleep(5 + 15L * trial);
                ddp.close();
                t.join(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            trained += steps.get();
        }
        DistributedDataParallel ddp = new DistributedDataParallel(model(9), mine, 1e-6, false, true);
        Tensor loss = mse.forward(ddp.forward(xs), ys);
        long before = ddp.reductionCount();
        ddp.close();
        try {
            loss.backward();
        } catch (Throwable e) {
            unexpected.compareAndSet(null, e);
        }
        boolean ok = unexpected.get() == null && ddp.reductionCount() == before;
        System.out.println((ok ? "OK" : "FAIL") + " close while backward runs (" + trained + " steps in 6 races)"
                + (unexpected.get() == null ? "" : ": " + unexpected.get()));
        DistWorkerMainFailures.count(ok);
    }

    /** Runs loss.backward() on a fresh thread (the autograd hooks then run there, not on the group's thread). */
    static void onOtherThread(Tensor loss) {
        Throwable[] err = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                loss.backward();
            } catch (Throwable e) {
                err[0] = e;
            }
        }, "backward-elsewhere");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (err[0] != null) {
            throw new IllegalStateException("backward on another thread failed", err[0]);
        }
    }

    /** Two heads: "a" used everywhere, "b" only on ranks > 0, "c" nowhere. */
    static final class Heads extends Module {
        final Linear trunk = registerModule("trunk", new Linear(4, 5));
        final Linear a = registerModule("a", new Linear(5, 3));
        final Linear b = registerModule("b", new Linear(5, 3));
        final Linear c = registerModule("c", new Linear(5, 3));
        boolean useB;

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = trunk.forward(x).tanh();
            Tensor out = a.forward(h);
            return useB ? out.add(b.forward(h)) : out;
        }
    }

    /**
     * findUnusedParameters: every gradient equals the all-reduce AVG of the local gradients with zeros
     * for a locally unused parameter; the parameters unused on every rank keep no gradient. Without
     * it, ddp.backward names the parameters that got none.
     */
    static void unusedParameters(Tensor xs, Tensor ys, int rank, int ws) {
        MSELoss mse = new MSELoss();
        Torch.manualSeed(5);
        Heads m = new Heads();
        m.useB = rank > 0;
        Torch.manualSeed(5);
        Heads local = new Heads();
        local.useB = rank > 0;
        DistributedDataParallel ddp = new DistributedDataParallel(m, null, 1e-6, true, true);
        for (int step = 0; step < 2; step++) { // twice: the second round starts from clean state
            m.zeroGrad(true);
            local.zeroGrad(true);
            mse.forward(ddp.forward(xs), ys).backward();
            mse.forward(local.forward(xs), ys).backward();
        }
        boolean ok = true;
        StringBuilder why = new StringBuilder();
        for (String name : List.of("trunk.weight", "trunk.bias", "a.weight", "a.bias", "b.weight", "b.bias")) {
            Tensor lg = local.namedParameters().get(name).grad();
            Tensor want = lg == null ? Torch.zerosLike(local.namedParameters().get(name)) : lg.clone();
            Dist.allReduce(want, ReduceOp.AVG);
            Tensor got = m.namedParameters().get(name).grad();
            double d = got == null ? Double.POSITIVE_INFINITY : relDiff(got.toFloatArray(), want.toFloatArray());
            if (!(d <= 1e-5)) {
                ok = false;
                why.append(' ').append(name).append(" rel ").append(d);
            }
        }
        boolean cNone = m.c.weight().grad() == null && m.c.bias().grad() == null;
        System.out.println((ok && cNone ? "OK" : "FAIL") + " findUnusedParameters averages with zeros, unused everywhere stays None"
                + why + (cNone ? "" : " (c has a gradient)"));
        DistWorkerMainFailures.count(ok && cNone);
        ddp.close();

        Torch.manualSeed(5);
        Heads strict = new Heads();
        DistributedDataParallel sd = new DistributedDataParallel(strict, null, 25, false, true);
        String msg = "";
        try {
            sd.backward(mse.forward(sd.forward(xs), ys));
        } catch (org.torch4j.TorchException e) {
            msg = e.getMessage();
        }
        boolean named = msg.contains("b.weight") && msg.contains("c.bias") && msg.contains("findUnusedParameters=true");
        System.out.println((named ? "OK" : "FAIL") + " unused parameter without findUnusedParameters is named: " + msg);
        DistWorkerMainFailures.count(named);
        sd.close();
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
