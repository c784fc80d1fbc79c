package org.torch4j.perf.fit;

import org.torch4j.samples.numpy.NumpyOps;

/**
 * The numpy port (step 1): float64 arrays, one pass per numpy expression with temporaries, and
 * numpy's pairwise sum — what {@code Step1NumpyWarmup} runs, scaled to N points.
 */
final class DoubleLoops implements FitBackend {
    private final double[] x;
    private final double[] x2;
    private final double[] x3;
    private final double[] y;
    private final double[] yPred;
    private final double[] tmp;
    private final double[] gradYPred;
    private final double lr;
    private double a = START[0];
    private double b = START[1];
    private double c = START[2];
    private double d = START[3];

    DoubleLoops(int n) {
        x = FitBackend.linspace(n);
        x2 = new double[n];
        x3 = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(x[i]);
            x2[i] = x[i] * x[i];
            x3[i] = x[i] * x[i] * x[i];
        }
        yPred = new double[n];
        tmp = new double[n];
        gradYPred = new double[n];
        lr = FitBackend.learningRate(n);
    }

    @Override
    public String name() {
        return "doubleLoops";
    }

    @Override
    public double iterate() {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            yPred[i] = a + b * x[i] + c * x2[i] + d * x3[i];
        }
        for (int i = 0; i < n; i++) {
            double diff = yPred[i] - y[i];
            tmp[i] = diff * diff;
        }
        double loss = NumpyOps.sum(tmp);
        for (int i = 0; i < n; i++) {
            gradYPred[i] = 2.0 * (yPred[i] - y[i]);
        }
        double gradA = NumpyOps.sum(gradYPred);
        double gradB = NumpyOps.sum(times(gradYPred, x, tmp));
        double gradC = NumpyOps.sum(times(gradYPred, x2, tmp));
        double gradD = NumpyOps.sum(times(gradYPred, x3, tmp));
        a -= lr * gradA;
        b -= lr * gradB;
        c -= lr * gradC;
        d -= lr * gradD;
        return loss;
    }

    private static double[] times(double[] u, double[] v, double[] out) {
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * v[i];
        }
        return out;
    }

    @Override
    public double[] weights() {
        return new double[] {a, b, c, d};
    }
}
