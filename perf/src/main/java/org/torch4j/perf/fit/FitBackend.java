package org.torch4j.perf.fit;

/**
 * One backend of the steps-1/2 fit: {@code y ≈ a + b x + c x² + d x³} on {@code N} points of
 * {@code sin} over [-π, π], plain gradient descent. {@link #iterate()} is one tutorial
 * iteration: forward, loss, the four gradients, the update.
 */
public interface FitBackend extends AutoCloseable {
    /** Weights every backend starts from: the first four values of {@code torch.manual_seed(0); torch.randn(())}. */
    double[] START = {-1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383};

    /** Learning rate scaled with N so the fit behaves as the tutorial's (1e-6 at N = 2000) at every size. */
    static double learningRate(int n) {
        return 1e-6 * 2000.0 / n;
    }

    /** x_i = -π + 2π i / (N - 1), computed in double (as numpy's and LibTorch's linspace). */
    static double[] linspace(int n) {
        double[] x = new double[n];
        double step = 2 * Math.PI / (n - 1);
        for (int i = 0; i < n; i++) {
            x[i] = -Math.PI + i * step;
        }
        x[n - 1] = Math.PI;
        return x;
    }

    String name();

    /** One iteration; returns the loss of its forward pass (before the update). */
    double iterate();

    /** Current a, b, c, d. */
    double[] weights();

    @Override
    default void close() {
    }

    /** Creates the backend called {@code name} for {@code n} points. */
    static FitBackend create(String name, int n) {
        return switch (name) {
            case "doubleLoops" -> new DoubleLoops(n);
            case "floatLoops" -> new FloatLoops(n);
            case "vectorFloat" -> new VectorFloat(n);
            case "vectorDouble" -> new VectorDouble(n);
            case "facade" -> new FacadeFit(n, 0);
            case "facade1t" -> new FacadeFit(n, 1);
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }

    /** Every backend name, in the order the report shows them. */
    String[] ALL = {"doubleLoops", "floatLoops", "vectorDouble", "vectorFloat", "facade1t", "facade"};
}
