package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.samples.numpy.NumpyOps.linspace;
import static org.torch4j.samples.numpy.NumpyOps.sum;

import java.io.PrintStream;
import org.torch4j.samples.random.NumpyLegacyRandom;

/**
 * Port of polynomial_numpy.py: plain float64 arrays, no LibTorch. Uses a port of numpy's legacy
 * generator and numpy's pairwise sum, so it prints numpy's own numbers for any seed.
 */
public final class Step1NumpyWarmup implements Sample {
    @Override
    public int step() {
        return 1;
    }

    @Override
    public String upstream() {
        return "polynomial_numpy.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        NumpyLegacyRandom np = new NumpyLegacyRandom(args.seed());
        // Create random input and output data
        double[] x = linspace(-Math.PI, Math.PI, 2000);
        int n = x.length;
        double[] y = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = StrictMath.sin(x[i]);
            x2[i] = x[i] * x[i];              // numpy's x ** 2 is a square
            x3[i] = StrictMath.pow(x[i], 3);  // numpy's x ** 3 calls pow
        }

        // Randomly initialize weights
        double a = np.randn();
        double b = np.randn();
        double c = np.randn();
        double d = np.randn();

        double learningRate = 1e-6;
        double[] yPred = new double[n];
        double[] tmp = new double[n];
        double[] gradYPred = new double[n];
        int iterations = args.iterationsFor(this);
        for (int t = 0; t < iterations; t++) {
            // Forward pass: compute predicted y = a + b x + c x^2 + d x^3
            for (int i = 0; i < n; i++) {
                yPred[i] = a + b * x[i] + c * x2[i] + d * x3[i];
            }

            // Compute and print loss: np.square(y_pred - y).sum()
            for (int i = 0; i < n; i++) {
                double diff = yPred[i] - y[i];
                tmp[i] = diff * diff;
            }
            double loss = sum(tmp);
            if (t % 100 == 99) {
                out.println(t + " " + repr(loss));
            }

            // Backprop to compute gradients of a, b, c, d with respect to loss
            for (int i = 0; i < n; i++) {
                gradYPred[i] = 2.0 * (yPred[i] - y[i]);
            }
            double gradA = sum(gradYPred);
            double gradB = sum(times(gradYPred, x, tmp));
            double gradC = sum(times(gradYPred, x2, tmp));
            double gradD = sum(times(gradYPred, x3, tmp));

            // Update weights
            a -= learningRate * gradA;
            b -= learningRate * gradB;
            c -= learningRate * gradC;
            d -= learningRate * gradD;
        }
        out.println("Result: y = " + repr(a) + " + " + repr(b) + " x + " + repr(c) + " x^2 + " + repr(d) + " x^3");
    }

    private static double[] times(double[] u, double[] v, double[] out) {
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * v[i];
        }
        return out;
    }
}
