package org.torch4j.perf;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * float32 {@code C = A B} for n×n matrices: facade ({@code a.matmul(b)}, scope per op; with
 * LibTorch's default threads and, as {@code facade1t}, with one), raw presets (PointerScope per op), EJML ({@code CommonOps_FDRM.mult}, one thread) and a plain
 * Java i-k-j loop (one thread). The report turns ms/op into GFLOP/s = 2n³ / time.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss4m"})
public class Matmul {
    @Param({"64", "256", "1024", "2048"})
    public int n;

    @Param({"facade", "raw", "facade1t", "ejml", "ikj"})
    public String impl;

    private int implId;
    private Tensor fa;
    private Tensor fb;
    private org.bytedeco.pytorch.Tensor ra;
    private org.bytedeco.pytorch.Tensor rb;
    private FMatrixRMaj ea;
    private FMatrixRMaj eb;
    private FMatrixRMaj ec;
    private float[] ja;
    private float[] jb;
    private float[] jc;

    @Setup(Level.Trial)
    public void setUp() {
        RawPresets.load();
        if (impl.equals("facade1t")) {
            Torch.setNumThreads(1);
        }
        implId = switch (impl) {
            case "facade", "facade1t" -> 0;
            case "raw" -> 1;
            case "ejml" -> 2;
            case "ikj" -> 3;
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        Random r = new Random(42);
        ja = new float[n * n];
        jb = new float[n * n];
        jc = new float[n * n];
        for (int i = 0; i < ja.length; i++) {
            ja[i] = r.nextFloat() - 0.5f;
            jb[i] = r.nextFloat() - 0.5f;
        }
        fa = Torch.tensor(ja, n, n);
        fb = Torch.tensor(jb, n, n);
        ra = fa.unwrap().clone();
        rb = fb.unwrap().clone();
        ea = new FMatrixRMaj(n, n, true, ja);
        eb = new FMatrixRMaj(n, n, true, jb);
        ec = new FMatrixRMaj(n, n);
        check();
    }

    /** All four must agree (up to float rounding) before anything is timed. */
    private void check() {
        float[] ref;
        try (Scope s = Scope.open()) {
            ref = fa.matmul(fb).toFloatArray();
        }
        int saved = implId;
        for (int k = 0; k < 4; k++) {
            implId = k;
            float[] got;
            try (Scope s = Scope.open(); PointerScope ps = new PointerScope()) {
                Object o = run();
                if (o instanceof Tensor t) {
                    got = t.toFloatArray();
                } else if (o instanceof org.bytedeco.pytorch.Tensor t) {
                    got = Tensor.wrap(t).toFloatArray();
                } else if (o instanceof FMatrixRMaj m) {
                    got = m.data.clone();
                } else {
                    got = ((float[]) o).clone();
                }
            }
            for (int i = 0; i < ref.length; i += Math.max(1, ref.length / 997)) {
                if (Math.abs(got[i] - ref[i]) > 1e-3f * (1 + Math.abs(ref[i])) * Math.sqrt(n)) {
                    throw new IllegalStateException("matmul " + k + " differs at " + i + ": " + got[i] + " vs " + ref[i]);
                }
            }
        }
        implId = saved;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ra.close();
        rb.close();
        fa.close();
        fb.close();
    }

    private Object run() {
        switch (implId) {
            case 0:
                return fa.matmul(fb);
            case 1:
                return ra.matmul(rb);
            case 2:
                CommonOps_FDRM.mult(ea, eb, ec);
                return ec;
            default:
                ikj(ja, jb, jc, n);
                return jc;
        }
    }

    @Benchmark
    public Object multiply() {
        switch (implId) {
            case 0:
                try (Scope s = Scope.open()) {
                    return fa.matmul(fb);
                }
            case 1:
                try (PointerScope s = new PointerScope()) {
                    return ra.matmul(rb);
                }
            case 2:
                CommonOps_FDRM.mult(ea, eb, ec);
                return ec;
            default:
                ikj(ja, jb, jc, n);
                return jc;
        }
    }

    /** c = a b, row-major, i-k-j order so the inner loop streams rows of b and c (auto-vectorised). */
    static void ikj(float[] a, float[] b, float[] c, int n) {
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < n; i++) {
            int ci = i * n;
            for (int k = 0; k < n; k++) {
                float aik = a[ci + k];
                int bk = k * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }
}
