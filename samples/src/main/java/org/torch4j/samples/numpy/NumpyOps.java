package org.torch4j.samples.numpy;

/**
 * The few numpy float64 routines step 1 needs, computed the way numpy 1.24 computes them so the
 * port reproduces numpy's numbers: {@code linspace} (i*step + start, last element = stop) and
 * {@code sum} (numpy's pairwise summation: 8 interleaved accumulators for blocks up to 128
 * elements, recursive halving above).
 */
public final class NumpyOps {
    private static final int PW_BLOCKSIZE = 128;

    private NumpyOps() {
    }

    /** {@code np.linspace(start, stop, num)} with endpoint=True. */
    public static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        int div = num - 1;
        double delta = stop - start;
        double step = div > 0 ? delta / div : Double.NaN;
        for (int i = 0; i < num; i++) {
            y[i] = (div > 0 && step != 0 ? i * step : i / (double) Math.max(div, 1) * delta) + start;
        }
        if (num > 1) {
            y[num - 1] = stop;
        }
        return y;
    }

    /** {@code a.sum()} for a contiguous float64 array, as numpy's {@code pairwise_sum}. */
    public static double sum(double[] a) {
        return pairwiseSum(a, 0, a.length);
    }

    private static double pairwiseSum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= PW_BLOCKSIZE) {
            double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
        }
    }
}
