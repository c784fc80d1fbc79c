package org.torch4j.perf.djl;

import ai.djl.ndarray.NDManager;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DJL's peer of {@code org.torch4j.perf.Memory}: ITERATIONS step-3 iterations (both ways of
 * {@link DjlStep3}), sampling the RSS, the JVM heap in use and the arrays DJL still tracks (the
 * benchmark manager's tree) ten times along the way: a flat line is what a leak-free loop looks like.
 *
 * <p>Usage: {@code DjlMemory OUT.json [ITERATIONS]} (default 200000)
 */
public final class DjlMemory {
    private DjlMemory() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        JsonObject root = new JsonObject();
        root.addProperty("iterations", n);
        root.addProperty("loadAvgStart", Djl.loadAvg());
        JsonArray variants = new JsonArray();
        for (String variant : new String[] {"idiomatic", "tuned"}) {
            DjlStep3 b = new DjlStep3();
            b.setUp();
            JsonArray samples = new JsonArray();
            long t0 = System.nanoTime();
            for (int i = 0; i <= n; i++) {
                if (i % Math.max(1, n / 10) == 0) {
                    samples.add(sample(i, b.manager));
                }
                if (i < n) {
                    if (variant.equals("idiomatic")) {
                        b.idiomatic();
                    } else {
                        b.tuned();
                    }
                }
            }
            double usPerIt = (System.nanoTime() - t0) / 1e3 / Math.max(1, n);
            b.tearDown();
            JsonObject v = new JsonObject();
            v.addProperty("library", "djl");
            v.addProperty("variant", "step 3, " + variant);
            v.addProperty("usPerIteration", usPerIt);
            v.add("samples", samples);
            variants.add(v);
            System.out.printf("djl memory %s: %.1f us/iteration, last %s%n", variant, usPerIt, samples.get(samples.size() - 1));
        }
        root.add("results", variants);
        root.addProperty("loadAvgEnd", Djl.loadAvg());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(root), StandardCharsets.UTF_8);
    }

    private static JsonObject sample(int iteration, NDManager manager) {
        Runtime rt = Runtime.getRuntime();
        JsonObject s = new JsonObject();
        s.addProperty("iteration", iteration);
        s.addProperty("rssMiB", Djl.rssKb() / 1024.0);
        s.addProperty("heapMiB", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        s.addProperty("live", manager.getManagedArrays().size());
        return s;
    }
}
