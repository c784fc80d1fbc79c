package org.torch4j.perf.djl;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * DJL's peer of {@code org.torch4j.perf.report.Startup}: JVM start to first op in fresh JVMs,
 * {@code warm djl} (DJL's cache already holds the extracted LibTorch) and {@code cold djl} (an
 * empty {@code DJL_CACHE_DIR}/{@code ENGINE_CACHE_DIR}, so LibTorch is extracted from the native
 * jar first; the OS page cache stays warm).
 *
 * <p>Usage: {@code DjlStartup OUT.json WARM_RUNS COLD_RUNS}
 */
public final class DjlStartup {
    private DjlStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int warm = Integer.parseInt(args[1]);
        int cold = Integer.parseInt(args[2]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Map<String, List<JsonObject>> runs = new LinkedHashMap<>();
        probe(java, cp, null); // fills DJL's cache and the OS page cache
        for (int i = 0; i < warm; i++) {
            runs.computeIfAbsent("warm djl", k -> new ArrayList<>()).add(probe(java, cp, null));
        }
        for (int i = 0; i < cold; i++) {
            Path dir = Files.createTempDirectory("djl-cold-cache");
            try {
                runs.computeIfAbsent("cold djl", k -> new ArrayList<>()).add(probe(java, cp, dir));
            } finally {
                deleteTree(dir);
            }
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        JsonObject root = new JsonObject();
        for (Map.Entry<String, List<JsonObject>> e : runs.entrySet()) {
            root.add(e.getKey(), gson.toJsonTree(e.getValue()));
        }
        Files.writeString(out, gson.toJson(root), StandardCharsets.UTF_8);
        System.out.println("djl startup: wrote " + out);
    }

    private static JsonObject probe(String java, String cp, Path cacheDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", cp, DjlStartupProbe.class.getName()).redirectErrorStream(true);
        if (cacheDir != null) {
            pb.environment().put("DJL_CACHE_DIR", cacheDir.toString());
            pb.environment().put("ENGINE_CACHE_DIR", cacheDir.toString());
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        String json = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("{\"mode\"")) {
                    json = line;
                }
            }
        }
        int rc = p.waitFor();
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        if (rc != 0 || json == null) {
            throw new IllegalStateException("DJL start-up probe failed (exit " + rc + "):\n" + all);
        }
        JsonObject o = new Gson().fromJson(json, JsonObject.class);
        o.addProperty("processWallMs", wallMs);
        System.out.println("djl startup: " + (cacheDir == null ? "warm " : "cold ") + o);
        return o;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
