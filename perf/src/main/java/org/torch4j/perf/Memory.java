package org.torch4j.perf;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.Torch;
import org.torch4j.perf.tutorial.Step3Iteration;

/**
 * Memory over a long loop: ITERATIONS step-3 iterations through the facade (a Scope per
 * iteration), sampling the RSS, the JVM heap in use and {@link Torch#liveTensorCount()} ten times
 * along the way; a flat line is what a leak-free loop looks like. DJL's peer is {@code DjlMemory}
 * (same JSON shape, in its own JVM).
 *
 * <p>Usage: {@code Memory OUT.json [ITERATIONS]} (default 200000)
 */
public final class Memory {
    private Memory() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        JsonObject root = new JsonObject();
        root.addProperty("iterations", n);
        root.addProperty("loadAvgStart", loadAvg());
        Step3Iteration b = new Step3Iteration();
        b.setUp();
        JsonArray samples = new JsonArray();
        long t0 = System.nanoTime();
        for (int i = 0; i <= n; i++) {
            if (i % Math.max(1, n / 10) == 0) {
                samples.add(sample(i));
            }
            if (i < n) {
                b.facade();
            }
        }
        double usPerIt = (System.nanoTime() - t0) / 1e3 / Math.max(1, n);
        b.tearDown();
        JsonObject v = new JsonObject();
        v.addProperty("library", "torch4j");
        v.addProperty("variant", "step 3, facade");
        v.addProperty("usPerIteration", usPerIt);
        v.add("samples", samples);
        JsonArray results = new JsonArray();
        results.add(v);
        root.add("results", results);
        root.addProperty("loadAvgEnd", loadAvg());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(root), StandardCharsets.UTF_8);
        System.out.printf("memory: %.1f us/iteration, last %s%n", usPerIt, samples.get(samples.size() - 1));
    }

    private static JsonObject sample(int iteration) {
        Runtime rt = Runtime.getRuntime();
        JsonObject s = new JsonObject();
        s.addProperty("iteration", iteration);
        s.addProperty("rssMiB", rssKb() / 1024.0);
        s.addProperty("heapMiB", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        s.addProperty("live", Torch.liveTensorCount());
        return s;
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String loadAvg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
