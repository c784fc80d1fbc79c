package org.torch4j.nn;

import java.io.IOException;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.Adam;

/**
 * A small Transformer-encoder training loop (TransformerEncoder of 2 layers with a causal mask and
 * a key padding mask, dropout, a Linear head, MSELoss, Adam), a Scope per iteration, run in a
 * forked JVM by {@link TransformerMemoryTest}; every 10th iteration runs in eval mode. Prints
 * {@code key=value} lines the test parses.
 */
public final class TransformerLoopMain {
    private TransformerLoopMain() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = Integer.parseInt(args[0]);
        Torch.setNumThreads(1);
        Torch.manualSeed(0);
        TransformerEncoder encoder;
        try (TransformerEncoderLayer layer = new TransformerEncoderLayer(16, 4,
                TransformerOptions.DEFAULT.withDimFeedforward(32).withBatchFirst(true))) {
            encoder = new TransformerEncoder(layer, 2, new LayerNorm(16));
        }
        Linear head = new Linear(16, 1);
        MSELoss lossFn = new MSELoss();
        java.util.List<Tensor> params = new java.util.ArrayList<>(encoder.parameters());
        params.addAll(head.parameters());
        Adam opt = new Adam(params, 1e-3);
        boolean[] pad = new boolean[4 * 6];
        pad[5] = pad[11] = pad[10] = true;
        long baseLive = -1;
        int warmup = Math.max(1, iterations / 10);
        long rssAfterWarmup = 0;
        double loss = Double.NaN;
        long t0 = System.nanoTime();
        for (int t = 0; t < iterations; t++) {
            if (t == warmup) {
                rssAfterWarmup = CnnLoopMain.rssKb();
                baseLive = Torch.liveTensorCount();
            }
            try (Scope s = Scope.open()) {
                Tensor x = Torch.randn(4, 6, 16);
                Tensor y = x.sum(new long[] {2}, true).tanh();
                Tensor mask = Transformer.generateSquareSubsequentMask(6);
                Tensor kpm = Torch.tensor(pad, 4, 6);
                if (t % 10 == 9) {
                    encoder.eval();
                    loss = lossFn.forward(head.forward(encoder.forward(x, mask, kpm)), y).item();
                    encoder.train();
                } else {
                    opt.zeroGrad();
                    Tensor l = lossFn.forward(head.forward(encoder.forward(x, mask, kpm)), y);
                    l.backward();
                    opt.step();
                }
            }
        }
        double usPerIteration = (System.nanoTime() - t0) / 1e3 / iterations;
        System.out.println("baseLive=" + baseLive);
        System.out.println("endLive=" + Torch.liveTensorCount());
        System.out.println("rssAfterWarmupKb=" + rssAfterWarmup);
        System.out.println("rssEndKb=" + CnnLoopMain.rssKb());
        System.out.println("usPerIteration=" + usPerIteration);
        System.out.println("loss=" + loss);
        opt.close();
        lossFn.close();
        head.close();
        encoder.close();
        System.out.println("closedLive=" + Torch.liveTensorCount());
    }
}
