package org.torch4j.perf.fit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * JDK Vector API, double lanes ({@code SPECIES_PREFERRED}: 8 on AVX-512), one fused pass with
 * FMAs; each reduction keeps one double accumulator per lane.
 */
final class VectorDouble implements FitBackend {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private final double[] x;
    private final double[] y;
    private final double lr;
    private double a = START[0];
    private double b = START[1];
    private double c = START[2];
    private double d = START[3];

    VectorDouble(int n) {
        double[] xd = FitBackend.linspace(n);
        x = new double[n];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xd[i];
            y[i] = Math.sin(x[i]);
        }
        lr = FitBackend.learningRate(n);
    }

    @Override
    public String name() {
        return "vectorDouble";
    }

    @Override
    public double iterate() {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        DoubleVector vc = DoubleVector.broadcast(S, c);
        DoubleVector vd = DoubleVector.broadcast(S, d);
        DoubleVector loss = DoubleVector.zero(S);
        DoubleVector ga = DoubleVector.zero(S);
        DoubleVector gb = DoubleVector.zero(S);
        DoubleVector gc = DoubleVector.zero(S);
        DoubleVector gd = DoubleVector.zero(S);
        int n = x.length;
        int upper = S.loopBound(n);
        int i = 0;
        for (; i < upper; i += S.length()) {
            DoubleVector xi = DoubleVector.fromArray(S, x, i);
            DoubleVector x2 = xi.mul(xi);
            DoubleVector x3 = x2.mul(xi);
            DoubleVector diff = vd.fma(x3, vc.fma(x2, vb.fma(xi, va))).sub(DoubleVector.fromArray(S, y, i));
            DoubleVector g = diff.add(diff);
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
            double xi = x[i];
            double x2 = xi * xi;
            double x3 = x2 * xi;
            double diff = a + b * xi + c * x2 + d * x3 - y[i];
            double g = 2.0 * diff;
            l += diff * diff;
            sa += g;
            sb += g * xi;
            sc += g * x2;
            sd += g * x3;
        }
        a = (a - lr * sa);
        b = (b - lr * sb);
        c = (c - lr * sc);
        d = (d - lr * sd);
        return l;
    }

    @Override
    public double[] weights() {
        return new double[] {a, b, c, d};
    }
}
