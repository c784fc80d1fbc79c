package org.torch4j.perf.report;

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
 * Times JVM start to first op, each run a fresh JVM on the benchmarks jar:
 * {@code warm} (JavaCPP's extraction cache already filled) for the facade and the raw presets,
 * {@code cold} (an empty {@code -Dorg.bytedeco.javacpp.cachedir}, so about 445 MB are extracted
 * first) for the facade only — the raw presets' own loader crashes on a cold cache when Debian's
 * libtorch is installed (see the presets findings).
 *
 * <p>Usage: {@code Startup OUT.json WARM_RUNS COLD_RUNS}
 */
public final class Startup {
    private Startup() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int warm = Integer.parseInt(args[1]);
        int cold = Integer.parseInt(args[2]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Map<String, List<JsonObject>> runs = new LinkedHashMap<>();
        // one unmeasured run fills the OS page cache and JavaCPP's cache
        probe(java, cp, "facade", null);
        for (int i = 0; i < warm; i++) {
            runs.computeIfAbsent("warm facade", k -> new ArrayList<>()).add(probe(java, cp, "facade", null));
            runs.computeIfAbsent("warm raw", k -> new ArrayList<>()).add(probe(java, cp, "raw", null));
        }
        for (int i = 0; i < cold; i++) {
            Path dir = Files.createTempDirectory("torch4j-cold-cache");
            try {
                runs.computeIfAbsent("cold facade", k -> new ArrayList<>()).add(probe(java, cp, "facade", dir));
            } finally {
                deleteTree(dir);
            }
        }
        JsonObject root = new JsonObject();
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        for (Map.Entry<String, List<JsonObject>> e : runs.entrySet()) {
            root.add(e.getKey(), gson.toJsonTree(e.getValue()));
        }
        Files.writeString(out, gson.toJson(root), StandardCharsets.UTF_8);
        System.out.println("startup: wrote " + out);
    }

    private static JsonObject probe(String java, String cp, String mode, Path cacheDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp));
        if (cacheDir != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        cmd.add("org.torch4j.perf.StartupProbe");
        cmd.add(mode);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
            throw new IllegalStateException("startup probe " + mode + " failed (exit " + rc + "):\n" + all);
        }
        JsonObject o = new Gson().fromJson(json, JsonObject.class);
        o.addProperty("processWallMs", wallMs);
        System.out.println("startup: " + (cacheDir == null ? "warm " : "cold ") + o);
        return o;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
