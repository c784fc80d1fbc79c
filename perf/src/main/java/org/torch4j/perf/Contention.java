package org.torch4j.perf;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.autograd.Grad;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.bindings.Threads;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.Linear;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;

/**
 * Threads under contention: matmul (64, 256, 1024), the step-3 iteration and an MLP training
 * epoch, each with 0 and 1 background CPU hogs (a separate process that busy-spins one core),
 * for the default thread policy, for the default intra-op count with a one-thread OpenBLAS pool, and
 * for {@code Torch.setNumThreads(1)} (which since issue 13 also sizes OpenBLAS's pool). Policies alternate within each round, in one JVM, so each ratio is
 * taken side by side; the load average is recorded before and after.
 *
 * <p>Usage: {@code Contention OUT.json [ROUNDS [BLOCK_MS]]}
 */
public final class Contention {
    private static final int[] MATMUL_SIZES = {64, 256, 1024};

    private Contention() {
    }

    /** One workload: {@code run()} does one unit of work (an op, an iteration, an epoch). */
    interface Work {
        void run();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long blockNs = (args.length > 2 ? Long.parseLong(args[2]) : 200) * 1_000_000L;
        int defaultThreads = Torch.getNumThreads();
        int defaultBlas = Threads.blas();
        Map<String, Work> work = workloads();
        // {intra-op threads, OpenBLAS threads}: torch4j's default as loaded, default intra-op with one OpenBLAS
        // thread (the same since OpenBLAS starts with one thread; ContentionPolicies compares more), all 1
        int[][] policies = {{defaultThreads, defaultBlas}, {defaultThreads, 1}, {1, 1}};
        String[] policyNames = {"default", "blas1", "oneThread"};
        JsonObject root = new JsonObject();
        root.addProperty("defaultThreads", defaultThreads);
        root.addProperty("defaultBlasThreads", defaultBlas);
        root.addProperty("processors", Runtime.getRuntime().availableProcessors());
        root.addProperty("rounds", rounds);
        root.addProperty("blockMs", blockNs / 1_000_000);
        root.addProperty("loadAvgStart", loadAvg());
        JsonArray results = new JsonArray();
        for (int hogs = 0; hogs <= 1; hogs++) {
            List<Process> hogProcs = startHogs(hogs);
            try {
                // name -> policy index -> per-round medians (ms per unit)
                Map<String, List<List<Double>>> samples = new LinkedHashMap<>();
                for (String name : work.keySet()) {
                    samples.put(name, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                }
                for (int r = -1; r < rounds; r++) { // round -1 warms up
                    for (int pi = 0; pi < policies.length; pi++) {
                        int p = (r & 1) == 0 ? pi : policies.length - 1 - pi; // ABC CBA order
                        Torch.setNumThreads(policies[p][0]);
                        Threads.setBlas(policies[p][1]);
                        for (Map.Entry<String, Work> e : work.entrySet()) {
                            double ms = block(e.getValue(), blockNs);
                            if (r >= 0) {
                                samples.get(e.getKey()).get(p).add(ms);
                            }
                        }
                    }
                }
                for (Map.Entry<String, List<List<Double>>> e : samples.entrySet()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("workload", e.getKey());
                    o.addProperty("hogs", hogs);
                    double def = median(e.getValue().get(0));
                    double blas1 = median(e.getValue().get(1));
                    double one = median(e.getValue().get(2));
                    o.addProperty("defaultMs", def);
                    o.addProperty("blas1Ms", blas1);
                    o.addProperty("oneThreadMs", one);
                    o.addProperty("ratio", def / one);
                    o.addProperty("blas1Ratio", blas1 / one);
                    for (int p = 0; p < policies.length; p++) {
                        o.add(policyNames[p] + "Rounds", new Gson().toJsonTree(e.getValue().get(p)));
                    }
                    results.add(o);
                    System.out.printf("contention: hogs=%d %-12s default(%d) %.3f ms  OpenBLAS 1 %.3f ms  1 thread %.3f ms  ratios %.2f %.2f%n",
                            hogs, e.getKey(), defaultThreads, def, blas1, one, def / one, blas1 / one);
                }
            } finally {
                for (Process p : hogProcs) {
                    p.destroyForcibly().waitFor();
                }
                Torch.setNumThreads(defaultThreads);
            }
        }
        root.add("results", results);
        root.addProperty("loadAvgEnd", loadAvg());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(root), StandardCharsets.UTF_8);
        System.out.println("contention: wrote " + out);
    }

    static Map<String, Work> workloads() {
        Map<String, Work> w = new LinkedHashMap<>();
        Torch.manualSeed(0);
        for (int n : MATMUL_SIZES) {
            Tensor a = Torch.randn(n, n);
            Tensor b = Torch.randn(n, n);
            w.put("matmul " + n, () -> {
                try (Scope s = Scope.open()) {
                    a.matmul(b);
                }
            });
        }
        w.put("step 3", step3());
        w.put("MLP epoch", mlpEpoch());
        return w;
    }

    /** The step-3 iteration (polynomial fit, 2000 points), as in {@code tutorial.Step3Iteration}. */
    private static Work step3() {
        double lr = 1e-6;
        Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000);
        Tensor y = x.sin();
        Tensor[] p = {Torch.randn().requiresGrad(true), Torch.randn().requiresGrad(true),
            Torch.randn().requiresGrad(true), Torch.randn().requiresGrad(true)};
        return () -> {
            try (Scope iteration = Scope.open()) {
                Tensor yPred = p[0].add(p[1].mul(x)).add(p[2].mul(x.pow(2))).add(p[3].mul(x.pow(3)));
                yPred.sub(y).pow(2).sum().backward();
                try (var noGrad = Grad.noGrad()) {
                    for (Tensor t : p) {
                        t.sub_(t.grad().mul(lr));
                        t.setGrad(null);
                    }
                }
            }
        };
    }

    /** One epoch of an MLP classifier: 2048 samples, 64 features, 256-256 hidden, 10 classes, batch 64, SGD. */
    private static Work mlpEpoch() {
        int samples = 2048;
        int batch = 64;
        Tensor xs = Torch.randn(samples, 64);
        long[] labels = new long[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % 10;
        }
        Tensor ys = Torch.tensor(labels, samples);
        Sequential model = new Sequential(new Linear(64, 256), new ReLU(), new Linear(256, 256), new ReLU(), new Linear(256, 10));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.01).withMomentum(0.9));
        return () -> {
            for (int i = 0; i < samples; i += batch) {
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    lossFn.forward(model.forward(xs.narrow(0, i, batch)), ys.narrow(0, i, batch)).backward();
                    opt.step();
                }
            }
        };
    }

    /** Runs {@code w} for about {@code blockNs} (at least 3 times) and returns the median ms per unit. */
    static double block(Work w, long blockNs) {
        List<Double> t = new ArrayList<>();
        long end = System.nanoTime() + blockNs;
        while (t.size() < 3 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            w.run();
            t.add((System.nanoTime() - t0) / 1e6);
            if (t.size() >= 10_000) {
                break;
            }
        }
        return median(t);
    }

    static List<Process> startHogs(int n) throws IOException {
        List<Process> hogs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a separate process busy-spinning one core, as another user's job would
            hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true).start());
        }
        return hogs;
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
