package org.torch4j.perf.fit;

/**
 * float[] data and float weights (as float32 tensors), one fused scalar pass per iteration; the
 * five reductions accumulate in double (a float accumulator over 2M terms would drift).
 */
final class FloatLoops implements FitBackend {
    private final float[] x;
    private final float[] y;
    private final double lr;
    private float a = (float) START[0];
    private float b = (float) START[1];
    private float c = (float) START[2];
    private float d = (float) START[3];

    FloatLoops(int n) {
        double[] xd = FitBackend.linspace(n);
        x = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) xd[i];
            y[i] = (float) Math.sin(x[i]);
        }
        lr = FitBackend.learningRate(n);
    }

    @Override
    public String name() {
        return "floatLoops";
    }

    @Override
    public double iterate() {
        float a = this.a;
        float b = this.b;
        float c = this.c;
        float d = this.d;
        double loss = 0;
        double ga = 0;
        double gb = 0;
        double gc = 0;
        double gd = 0;
        for (int i = 0; i < x.length; i++) {
            float xi = x[i];
            float x2 = xi * xi;
            float x3 = x2 * xi;
            float diff = a + b * xi + c * x2 + d * x3 - y[i];
            float g = 2f * diff;
            loss += diff * diff;
            ga += g;
            gb += g * xi;
            gc += g * x2;
            gd += g * x3;
        }
        this.a = (float) (a - lr * ga);
        this.b = (float) (b - lr * gb);
        this.c = (float) (c - lr * gc);
        this.d = (float) (d - lr * gd);
        return loss;
    }

    @Override
    public double[] weights() {
        return new double[] {a, b, c, d};
    }
}
