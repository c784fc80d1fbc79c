package org.torch4j.perf;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Facade vs raw presets per op, measured <em>interleaved</em>: short blocks of each variant
 * alternate in one JVM, so a noisy neighbour slows all variants of a round alike and the per-round
 * ratio stays meaningful where separate JMH forks (minutes apart) can drift by ±30 %. Complements
 * {@link PerOp}; the report shows both.
 *
 * <p>Usage: {@code Paired OUT.json [ROUNDS] [SIZES] [CASES]} (defaults 101, {@code 1,2000,2000000},
 * {@code add,mul,pow,sum,step2,step3,matmul1024,matmul2048}); {@code -Dpaired.blockNs} sets the block length (5 ms).
 */
public final class Paired {
    private Paired() {
    }

    interface Variant {
        Object run();
    }

    /** One comparison: a facade variant and the raw variants it is held against. */
    record Case(String op, int size, String[] names, Variant[] variants, Runnable cleanup) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 101;
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "1,2000,2000000").split(",")).mapToInt(Integer::parseInt).toArray();
        String[] ops = (args.length > 3 ? args[3] : "add,mul,pow,sum,step2,step3,matmul1024,matmul2048").split(",");
        long blockNs = Long.getLong("paired.blockNs", 5_000_000L);
        RawPresets.load();
        List<Map<String, Object>> results = new ArrayList<>();
        for (String op : ops) {
            if (op.startsWith("step")) {
                results.add(measure(tutorialCase(op), rounds, blockNs));
                continue;
            }
            if (op.startsWith("matmul")) {
                // 50-500 ms per op: fewer rounds, one op per block
                results.add(measure(matmulCase(Integer.parseInt(op.substring(6))), Math.max(3, rounds / 5), blockNs));
                continue;
            }
            for (int size : sizes) {
                results.add(measure(opCase(op, size), rounds, blockNs));
            }
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rounds", rounds);
        doc.put("blockNs", blockNs);
        doc.put("results", results);
        Files.writeString(out, gson.toJson(doc), StandardCharsets.UTF_8);
    }

    private static Case opCase(String op, int size) {
        Torch.manualSeed(0);
        Tensor fx = Torch.rand(size);
        Tensor fy = Torch.rand(size);
        org.bytedeco.pytorch.Tensor rx = new org.bytedeco.pytorch.Tensor(fx.unwrap());
        org.bytedeco.pytorch.Tensor ry = new org.bytedeco.pytorch.Tensor(fy.unwrap());
        Scalar two = RawPresets.scalar(2.0);
        Scalar three = RawPresets.scalar(3L);
        Variant facade = switch (op) {
            case "add" -> () -> { try (Scope s = Scope.open()) { return fx.add(fy); } };
            case "mul" -> () -> { try (Scope s = Scope.open()) { return fx.mul(2.0); } };
            case "pow" -> () -> { try (Scope s = Scope.open()) { return fx.pow(3); } };
            case "sum" -> () -> { try (Scope s = Scope.open()) { return fx.sum(); } };
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        Variant rawScope = switch (op) {
            case "add" -> () -> { try (PointerScope s = new PointerScope()) { return rx.add(ry); } };
            case "mul" -> () -> { try (PointerScope s = new PointerScope()) { return rx.mul(two); } };
            case "pow" -> () -> { try (PointerScope s = new PointerScope()) { return rx.pow(three); } };
            default -> () -> { try (PointerScope s = new PointerScope()) { return rx.sum(); } };
        };
        Variant rawClose = switch (op) {
            case "add" -> () -> { var r = rx.add(ry); r.close(); return r; };
            case "mul" -> () -> { var r = rx.mul(two); r.close(); return r; };
            case "pow" -> () -> { var r = rx.pow(three); r.close(); return r; };
            default -> () -> { var r = rx.sum(); r.close(); return r; };
        };
        return new Case(op, size, new String[] {"facade", "rawScope", "rawClose"}, new Variant[] {facade, rawScope, rawClose},
                () -> {
                    rx.close();
                    ry.close();
                    fx.close();
                    fy.close();
                });
    }

    private static Case tutorialCase(String step) {
        switch (step) {
            case "step2": {
                var b = new org.torch4j.perf.tutorial.Step2Iteration();
                b.setUp();
                return new Case(step, 2000, new String[] {"facade", "raw"}, new Variant[] {b::facade, b::raw}, b::tearDown);
            }
            case "step3": {
                var b = new org.torch4j.perf.tutorial.Step3Iteration();
                b.setUp();
                return new Case(step, 2000, new String[] {"facade", "raw"}, new Variant[] {b::facade, b::raw}, b::tearDown);
            }
            default:
                throw new IllegalArgumentException("unknown case " + step);
        }
    }

    private static Case matmulCase(int n) {
        Torch.manualSeed(0);
        Tensor fa = Torch.rand(n, n);
        Tensor fb = Torch.rand(n, n);
        org.bytedeco.pytorch.Tensor ra = fa.unwrap().clone();
        org.bytedeco.pytorch.Tensor rb = fb.unwrap().clone();
        Variant facade = () -> {
            try (Scope s = Scope.open()) {
                return fa.matmul(fb);
            }
        };
        Variant raw = () -> {
            try (PointerScope s = new PointerScope()) {
                return ra.matmul(rb);
            }
        };
        return new Case("matmul", n, new String[] {"facade", "raw"}, new Variant[] {facade, raw}, () -> {
            ra.close();
            rb.close();
            fa.close();
            fb.close();
        });
    }

    private static Map<String, Object> measure(Case c, int rounds, long blockNs) {
        Variant[] vs = c.variants();
        int k = vs.length;
        int block = calibrate(vs[0], blockNs);
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (Variant v : vs) {
                time(v, block);
            }
        }
        double[][] per = new double[k][rounds];
        double[][] ratio = new double[k][rounds];
        for (int r = 0; r < rounds; r++) {
            // rotate the order so no variant always runs right after another
            for (int j = 0; j < k; j++) {
                int v = (j + r) % k;
                per[v][r] = time(vs[v], block) / (double) block;
            }
            for (int v = 1; v < k; v++) {
                ratio[v][r] = per[0][r] / per[v][r];
            }
        }
        c.cleanup().run();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("op", c.op());
        row.put("size", c.size());
        row.put("block", block);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "paired %-5s size=%-7d", c.op(), c.size()));
        for (int v = 0; v < k; v++) {
            row.put(c.names()[v] + "Ns", median(per[v]));
            line.append(String.format(Locale.ROOT, " %s %.0f ns", c.names()[v], median(per[v])));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int v = 1; v < k; v++) {
            double m = median(ratio[v]);
            row.put("facadeOver_" + c.names()[v], m);
            row.put("facadeOver_" + c.names()[v] + "_q1", quantile(ratio[v], 0.25));
            row.put("facadeOver_" + c.names()[v] + "_q3", quantile(ratio[v], 0.75));
            line.append(String.format(Locale.ROOT, "  facade/%s %.3f (IQR %.3f-%.3f)", c.names()[v], m,
                    quantile(ratio[v], 0.25), quantile(ratio[v], 0.75)));
            // "raw best": the raw variant that is faster overall
            if (median(per[v]) < best) {
                best = median(per[v]);
                row.put("rawBest", c.names()[v]);
                row.put("facadeOverRawBest", m);
            }
        }
        System.out.println(line);
        return row;
    }

    private static int calibrate(Variant v, long targetNs) {
        int n = 1;
        while (true) {
            long t = time(v, n);
            if (t > targetNs / 4 || n > 1 << 24) {
                return (int) Math.max(1, n * (double) targetNs / Math.max(t, 1));
            }
            n *= 2;
        }
    }

    static Object sink;

    private static long time(Variant v, int n) {
        long t0 = System.nanoTime();
        Object last = null;
        for (int i = 0; i < n; i++) {
            last = v.run();
        }
        long t = System.nanoTime() - t0;
        sink = last;
        return t;
    }

    static double median(double[] a) {
        return quantile(a, 0.5);
    }

    static double quantile(double[] a, double q) {
        double[] s = a.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

}
