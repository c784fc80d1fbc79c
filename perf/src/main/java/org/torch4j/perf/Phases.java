package org.torch4j.perf;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * Where one step-3 iteration spends its time: forward + loss, {@code backward()}, update + grad
 * reset, timed with {@code System.nanoTime()} around each phase, for the facade and the raw
 * presets, with 1 and 2 LibTorch threads. perf/python/bench.py times the same phases in Python
 * ({@code bench: "phases"}), so the report can say which phase differs from Python.
 *
 * <p>Usage: {@code Phases OUT.json [ITERATIONS]} (default 20000 timed after as many warm-up).
 */
public final class Phases {
    private Phases() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        RawPresets.load();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            torch.set_num_threads(threads);
            for (String variant : new String[] {"facade", "raw"}) {
                double[] t = variant.equals("facade") ? facade(iterations) : raw(iterations);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", variant);
                row.put("threads", threads);
                row.put("forwardUs", t[0]);
                row.put("backwardUs", t[1]);
                row.put("updateUs", t[2]);
                row.put("totalUs", t[0] + t[1] + t[2]);
                rows.add(row);
                System.out.println(String.format(Locale.ROOT, "phases %-6s threads=%d forward %.1f us backward %.1f us update %.1f us total %.1f us",
                        variant, threads, t[0], t[1], t[2], t[0] + t[1] + t[2]));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("iterations", iterations);
        doc.put("results", rows);
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(doc), StandardCharsets.UTF_8);
    }

    private static double[] facade(int iterations) {
        Torch.manualSeed(0);
        try (Scope main = Scope.open()) {
            Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000);
            Tensor y = x.sin();
            Tensor[] w = new Tensor[4];
            for (int i = 0; i < 4; i++) {
                w[i] = Torch.randn().requiresGrad(true);
            }
            long[] acc = new long[3];
            for (int it = 0; it < 2 * iterations; it++) {
                try (Scope iteration = Scope.open()) {
                    long t0 = System.nanoTime();
                    Tensor yPred = w[0].add(w[1].mul(x)).add(w[2].mul(x.pow(2))).add(w[3].mul(x.pow(3)));
                    Tensor loss = yPred.sub(y).pow(2).sum();
                    long t1 = System.nanoTime();
                    loss.backward();
                    long t2 = System.nanoTime();
                    try (var g = Grad.noGrad()) {
                        for (Tensor p : w) {
                            p.sub_(p.grad().mul(1e-6));
                        }
                        for (Tensor p : w) {
                            p.setGrad(null);
                        }
                    }
                    long t3 = System.nanoTime();
                    if (it >= iterations) {
                        acc[0] += t1 - t0;
                        acc[1] += t2 - t1;
                        acc[2] += t3 - t2;
                    }
                }
            }
            return new double[] {acc[0] / 1e3 / iterations, acc[1] / 1e3 / iterations, acc[2] / 1e3 / iterations};
        }
    }

    private static double[] raw(int iterations) {
        torch.manual_seed(0);
        Scalar two = RawPresets.scalar(2L);
        Scalar three = RawPresets.scalar(3L);
        Scalar lr = RawPresets.scalar(1e-6);
        try (PointerScope main = new PointerScope()) {
            org.bytedeco.pytorch.Tensor x = torch.linspace(RawPresets.scalar(-Math.PI), RawPresets.scalar(Math.PI), 2000);
            org.bytedeco.pytorch.Tensor y = x.sin();
            org.bytedeco.pytorch.Tensor[] w = new org.bytedeco.pytorch.Tensor[4];
            for (int i = 0; i < 4; i++) {
                w[i] = torch.randn(new long[0]);
                w[i].requires_grad_(true);
            }
            long[] acc = new long[3];
            for (int it = 0; it < 2 * iterations; it++) {
                try (PointerScope iteration = new PointerScope()) {
                    long t0 = System.nanoTime();
                    org.bytedeco.pytorch.Tensor yPred = w[0].add(w[1].mul(x)).add(w[2].mul(x.pow(two))).add(w[3].mul(x.pow(three)));
                    org.bytedeco.pytorch.Tensor loss = yPred.sub(y).pow(two).sum();
                    long t1 = System.nanoTime();
                    loss.backward();
                    long t2 = System.nanoTime();
                    try (NoGradGuard g = new NoGradGuard()) {
                        for (org.bytedeco.pytorch.Tensor p : w) {
                            p.sub_(p.grad().mul(lr));
                        }
                        for (org.bytedeco.pytorch.Tensor p : w) {
                            p.mutable_grad().reset();
                        }
                    }
                    long t3 = System.nanoTime();
                    if (it >= iterations) {
                        acc[0] += t1 - t0;
                        acc[1] += t2 - t1;
                        acc[2] += t3 - t2;
                    }
                }
            }
            return new double[] {acc[0] / 1e3 / iterations, acc[1] / 1e3 / iterations, acc[2] / 1e3 / iterations};
        }
    }
}
