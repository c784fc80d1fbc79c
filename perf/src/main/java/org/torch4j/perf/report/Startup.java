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
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times JVM start to first op, each run a fresh JVM on the benchmarks jar. The warm cases
 * (JavaCPP's extraction cache already filled) run interleaved in every round, so they see the same
 * machine load:
 * <ul>
 *   <li>{@code warm facade}: torch4j as a user gets it;</li>
 *   <li>{@code warm facade, AppCDS}: the same with a dynamic AppCDS archive
 *       ({@code -XX:SharedArchiveFile}, written by one unmeasured {@code -XX:ArchiveClassesAtExit} run
 *       with the same class path), the JVM option README's start-up section documents;</li>
 *   <li>{@code warm facade, loader as before}: {@code -Dtorch4j.loader.skipUnusedPreloads=false
 *       -Dtorch4j.loader.preloadClasses=false}, the loader before issue 13's start-up work;</li>
 *   <li>{@code warm raw}: {@code Loader.load(torch.class)} on the raw presets, JavaCPP's defaults.</li>
 * </ul>
 * {@code cold facade}: an empty {@code -Dorg.bytedeco.javacpp.cachedir}, so about 445 MB are extracted
 * first; facade only — the raw presets' own loader crashes on a cold cache when Debian's libtorch
 * is installed (see the presets findings).
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
        // one unmeasured run fills the OS page cache and JavaCPP's cache; a second writes the AppCDS archive
        probe(java, cp, "facade", null, List.of());
        Path cdsDir = Files.createTempDirectory("torch4j-cds");
        Path archive = cdsDir.resolve("torch4j.jsa");
        probe(java, cp, "facade", null, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off"));
        Map<String, List<String>> warmCases = new LinkedHashMap<>();
        warmCases.put("warm facade", List.of());
        if (Files.isRegularFile(archive)) {
            warmCases.put("warm facade, AppCDS", List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"));
        }
        warmCases.put("warm facade, loader as before", List.of("-Dtorch4j.loader.skipUnusedPreloads=false",
                "-Dtorch4j.loader.preloadClasses=false"));
        warmCases.put("warm raw", List.of());
        for (String c : warmCases.keySet()) {
            runs.put(c, new ArrayList<>());
        }
        try {
            for (int i = 0; i < warm; i++) {
                List<String> order = new ArrayList<>(warmCases.keySet());
                if (i % 2 == 1) {
                    Collections.reverse(order); // ABBA: no case always runs right after another
                }
                for (String c : order) {
                    runs.get(c).add(probe(java, cp, c.endsWith("raw") ? "raw" : "facade", null, warmCases.get(c)));
                }
            }
        } finally {
            deleteTree(cdsDir);
        }
        for (int i = 0; i < cold; i++) {
            Path dir = Files.createTempDirectory("torch4j-cold-cache");
            try {
                runs.computeIfAbsent("cold facade", k -> new ArrayList<>()).add(probe(java, cp, "facade", dir, List.of()));
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

    private static JsonObject probe(String java, String cp, String mode, Path cacheDir, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", cp));
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
        System.out.println("startup: " + (cacheDir == null ? "warm " : "cold ") + String.join(" ", jvmArgs) + " " + o);
        return o;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
