package org.torch4j.samples.ddp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.parallel.DistributedDataParallel;
import org.torch4j.optim.SGD;
import org.torch4j.utils.data.DistributedSampler;

/**
 * The MLP classifier trained data-parallel: {@code bash ci/ddp-run.sh --nproc 2 org.torch4j.samples.ddp.DdpClassifier}.
 * 96 points of 3 Gaussian blobs (seed 0), an MLP 2-16-3, CrossEntropyLoss, SGD(lr 0.5), full-batch
 * steps: each rank trains on its DistributedSampler share (reshuffled every step with setEpoch),
 * DistributedDataParallel averages the gradients. Each rank prints its local loss; rank 0 then
 * trains the same model single-process on the whole batch and prints the verdict: the parameters
 * must agree within 1e-5 relative. Exit code 1 if they do not. Args: [steps] [timeoutSeconds].
 */
public final class DdpClassifier {
    static final int N = 96;

    private DdpClassifier() {
    }

    static Module mlp() {
        Torch.manualSeed(42);
        return new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 3));
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Duration timeout = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Dist.initProcessGroup("gloo", timeout);
        int rank = Dist.getRank();
        int ws = Dist.getWorldSize();
        if (N % ws != 0) {
            throw new IllegalArgumentException("the sample's 96 points must split evenly: use --nproc 1, 2, 3, 4, 6 or 8");
        }
        Torch.manualSeed(0);
        Tensor labels = Torch.randint(3, new long[] {N}, org.torch4j.DType.INT64);
        Tensor centers = Torch.tensor(new float[] {-2, 0, 2, 0, 0, 2.5f}, 3, 2);
        Tensor x = centers.indexSelect(0, labels).add(Torch.randn(N, 2).mul(0.8));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();

        Module model = mlp();
        DistributedDataParallel ddp = new DistributedDataParallel(model);
        SGD opt = new SGD(ddp.parameters(), 0.5);
        DistributedSampler sampler = new DistributedSampler(N, ws, rank, true, 0, false);
        long t0 = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            try (Scope s = Scope.open()) {
                sampler.setEpoch(step);
                List<Long> idx = new ArrayList<>();
                sampler.forEach(i -> idx.add((long) i));
                Tensor ix = Torch.tensor(idx.stream().mapToLong(Long::longValue).toArray(), idx.size());
                opt.zeroGrad();
                Tensor loss = lossFn.forward(ddp.forward(x.indexSelect(0, ix)), labels.indexSelect(0, ix));
                ddp.backward(loss);
                opt.step();
                if (step % 5 == 0 || step == steps - 1) {
                    System.out.printf("step %3d  local loss %.6f%n", step, loss.item());
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / steps;
        System.out.printf("DDP step time %.2f ms (world size %d)%n", ms, ws);
        int code = 0;
        if (rank == 0) {
            Module ref = mlp();
            SGD refOpt = new SGD(ref.parameters(), 0.5);
            long t1 = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                try (Scope s = Scope.open()) {
                    refOpt.zeroGrad();
                    Tensor loss = lossFn.forward(ref.forward(x), labels);
                    loss.backward();
                    refOpt.step();
                    if (step == steps - 1) {
                        System.out.printf("single-process full batch: final loss %.6f%n", loss.item());
                    }
                }
            }
            System.out.printf("single-process step time %.2f ms%n", (System.nanoTime() - t1) / 1e6 / steps);
            double worst = 0;
            List<Tensor> a = model.parameters();
            List<Tensor> b = ref.parameters();
            for (int i = 0; i < a.size(); i++) {
                float[] p = a.get(i).detach().toFloatArray();
                float[] q = b.get(i).detach().toFloatArray();
                for (int k = 0; k < p.length; k++) {
                    worst = Math.max(worst, Math.abs(p[k] - q[k]) / Math.max(Math.abs(q[k]), 1e-3));
                }
            }
            boolean ok = worst <= 1e-5;
            System.out.printf("VERDICT %s: DDP parameters vs single-process full batch, max relative difference %.3g (limit 1e-5)%n",
                    ok ? "PASS" : "FAIL", worst);
            code = ok ? 0 : 1;
        }
        Dist.barrier();
        Dist.destroyProcessGroup();
        System.exit(code);
    }
}
