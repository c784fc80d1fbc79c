package org.torch4j.perf.fit;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The facade, written as step 2 of the tutorial (polynomial_tensor.py) writes it: float32
 * tensors, one LibTorch op per expression, loss read with {@code item()}, a scope per iteration.
 * {@code facade} runs with LibTorch's default intra-op threads (2 on a 2-core machine);
 * {@code facade1t} with one thread, as the pure-Java backends.
 */
final class FacadeFit implements FitBackend {
    private final Tensor x;
    private final Tensor y;
    private final Tensor a;
    private final Tensor b;
    private final Tensor c;
    private final Tensor d;
    private final double lr;
    private final String name;
    /** LibTorch's intra-op thread count before any backend changed it. */
    private static final int DEFAULT_THREADS = Torch.getNumThreads();

    FacadeFit(int n, int threads) {
        Torch.setNumThreads(threads > 0 ? threads : DEFAULT_THREADS);
        name = threads == 1 ? "facade1t" : "facade";
        x = Torch.linspace(-Math.PI, Math.PI, n);
        y = x.sin();
        a = Torch.scalar(START[0]);
        b = Torch.scalar(START[1]);
        c = Torch.scalar(START[2]);
        d = Torch.scalar(START[3]);
        lr = FitBackend.learningRate(n);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double iterate() {
        try (Scope iteration = Scope.open()) {
            Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
            double loss = yPred.sub(y).pow(2).sum().item();
            Tensor gradYPred = yPred.sub(y).mul(2.0);
            Tensor gradA = gradYPred.sum();
            Tensor gradB = gradYPred.mul(x).sum();
            Tensor gradC = gradYPred.mul(x.pow(2)).sum();
            Tensor gradD = gradYPred.mul(x.pow(3)).sum();
            a.sub_(gradA.mul(lr));
            b.sub_(gradB.mul(lr));
            c.sub_(gradC.mul(lr));
            d.sub_(gradD.mul(lr));
            return loss;
        }
    }

    @Override
    public double[] weights() {
        return new double[] {a.item(), b.item(), c.item(), d.item()};
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {x, y, a, b, c, d}) {
            t.close();
        }
    }
}
