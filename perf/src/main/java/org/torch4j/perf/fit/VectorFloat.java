package org.torch4j.perf.fit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * JDK Vector API, float lanes ({@code SPECIES_PREFERRED}: 16 on AVX-512), one fused pass with
 * FMAs; each reduction keeps one float accumulator per lane.
 */
final class VectorFloat implements FitBackend {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private final float[] x;
    private final float[] y;
    private final double lr;
    private float a = (float) START[0];
    private float b = (float) START[1];
    private float c = (float) START[2];
    private float d = (float) START[3];

    VectorFloat(int n) {
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
        return "vectorFloat";
    }

    @Override
    public double iterate() {
        FloatVector va = FloatVector.broadcast(S, a);
        FloatVector vb = FloatVector.broadcast(S, b);
        FloatVector vc = FloatVector.broadcast(S, c);
        FloatVector vd = FloatVector.broadcast(S, d);
        FloatVector loss = FloatVector.zero(S);
        FloatVector ga = FloatVector.zero(S);
        FloatVector gb = FloatVector.zero(S);
        FloatVector gc = FloatVector.zero(S);
        FloatVector gd = FloatVector.zero(S);
        int n = x.length;
        int upper = S.loopBound(n);
        int i = 0;
        for (; i < upper; i += S.length()) {
            FloatVector xi = FloatVector.fromArray(S, x, i);
            FloatVector x2 = xi.mul(xi);
            FloatVector x3 = x2.mul(xi);
            FloatVector diff = vd.fma(x3, vc.fma(x2, vb.fma(xi, va))).sub(FloatVector.fromArray(S, y, i));
            FloatVector g = diff.add(diff);
            loss = diff.fma(diff, loss);
            ga = ga.add(g);
            gb = g.fma(xi, gb);
            gc = g.fma(x2, gc);
            gd = g.fma(x3, gd);
        }
        double l = loss.reduceLanes(VectorOperators.ADD);
        double sa = ga.reduceLanes(VectorOperators.ADD);
        double sb = gb.reduceLanes(VectorOperators.ADD);
        double sc = gc.reduceLanes(VectorOperators.ADD);
        double sd = gd.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float xi = x[i];
            float x2 = xi * xi;
            float x3 = x2 * xi;
            float diff = a + b * xi + c * x2 + d * x3 - y[i];
            float g = 2f * diff;
            l += diff * diff;
            sa += g;
            sb += g * xi;
            sc += g * x2;
            sd += g * x3;
        }
        a = (float) (a - lr * sa);
        b = (float) (b - lr * sb);
        c = (float) (c - lr * sc);
        d = (float) (d - lr * sd);
        return l;
    }

    @Override
    public double[] weights() {
        return new double[] {a, b, c, d};
    }
}
