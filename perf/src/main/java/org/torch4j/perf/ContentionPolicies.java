package org.torch4j.perf;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.torch4j.Torch;
import org.torch4j.bindings.Threads;

/**
 * Thread policies under contention, each in its own JVM: the wait policies (libgomp's
 * {@code OMP_WAIT_POLICY}, OpenBLAS's {@code OPENBLAS_THREAD_TIMEOUT}) are read once when the
 * libraries load, so unlike {@link Contention} (thread counts, switched inside one JVM) every policy
 * here runs in a fresh child JVM. Rounds alternate the policies' children in ABC…CBA order with 0
 * and then 1 background CPU hog (a separate busy-spinning process), so every ratio compares
 * policies measured side by side on the same (shared) machine. Each child warms every workload up,
 * then reports the median time per unit over one block; a cell is the median over rounds.
 *
 * <p>Usage: {@code ContentionPolicies OUT.json [ROUNDS [BLOCK_MS]]}; also writes OUT with
 * {@code .md} for the report ({@code Report} appends it to section 5c).
 */
public final class ContentionPolicies {
    /**
     * One policy: how its child JVM is started and sized. {@code intraOp}: 0 leaves LibTorch's
     * default; {@code blas}: 0 leaves torch4j's load-time default, -1 gives OpenBLAS the intra-op count.
     */
    private record Policy(String key, String label, Map<String, String> env, String jvmArg, int intraOp, int blas) {
    }

    /** Variables a policy controls: removed from each child's inherited environment first. */
    private static final String[] MANAGED = {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT",
        "GOTO_THREAD_TIMEOUT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS"};
    private static final String NO_DEFAULTS = "-D" + Threads.ENV_DEFAULTS_PROPERTY + "=false";

    private static final List<Policy> POLICIES = List.of(
            new Policy("spin", "libraries' own wait defaults (spinning), OpenBLAS = intra-op count (torch4j before issue 13)",
                    Map.of(), NO_DEFAULTS, 0, -1),
            new Policy("ompPassive", "OMP_WAIT_POLICY=PASSIVE only (OpenBLAS spins), OpenBLAS = intra-op count",
                    Map.of("OMP_WAIT_POLICY", "PASSIVE"), NO_DEFAULTS, 0, -1),
            new Policy("sleepBlasN", "torch4j's wait defaults (PASSIVE + OPENBLAS_THREAD_TIMEOUT=4), OpenBLAS = intra-op count",
                    Map.of(), null, 0, -1),
            new Policy("default", "torch4j default: its wait defaults, intra-op default, OpenBLAS 1 thread", Map.of(), null, 0, 0),
            new Policy("oneThread", "Torch.setNumThreads(1)", Map.of(), null, 1, 0));

    private ContentionPolicies() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]) * 1_000_000L);
            return;
        }
        Path out = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long blockMs = args.length > 2 ? Long.parseLong(args[2]) : 300;
        JsonObject root = new JsonObject();
        root.addProperty("processors", Runtime.getRuntime().availableProcessors());
        root.addProperty("rounds", rounds);
        root.addProperty("blockMs", blockMs);
        root.addProperty("loadAvgStart", Contention.loadAvg());
        JsonArray policies = new JsonArray();
        for (Policy p : POLICIES) {
            JsonObject o = new JsonObject();
            o.addProperty("key", p.key());
            o.addProperty("label", p.label());
            policies.add(o);
        }
        root.add("policies", policies);
        JsonArray results = new JsonArray();
        for (int hogs = 0; hogs <= 1; hogs++) {
            List<Process> hogProcs = Contention.startHogs(hogs);
            // policy -> workload -> per-round medians (ms per unit)
            Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
            Map<String, JsonObject> seen = new LinkedHashMap<>();
            try {
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < POLICIES.size(); i++) {
                        Policy p = POLICIES.get((r & 1) == 0 ? i : POLICIES.size() - 1 - i); // ABC CBA order
                        JsonObject res = runChild(p, blockMs);
                        seen.put(p.key(), res);
                        for (Map.Entry<String, com.google.gson.JsonElement> e : res.getAsJsonObject("ms").entrySet()) {
                            samples.computeIfAbsent(p.key(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().getAsDouble());
                        }
                        System.out.printf(Locale.ROOT, "contention-policies: hogs=%d round %d %-12s %s%n", hogs, r, p.key(), res.get("ms"));
                    }
                }
            } finally {
                for (Process p : hogProcs) {
                    p.destroyForcibly().waitFor();
                }
            }
            for (String workload : samples.get(POLICIES.get(0).key()).keySet()) {
                JsonObject o = new JsonObject();
                o.addProperty("workload", workload);
                o.addProperty("hogs", hogs);
                for (Policy p : POLICIES) {
                    List<Double> v = samples.get(p.key()).get(workload);
                    o.addProperty(p.key() + "Ms", Contention.median(v));
                    o.add(p.key() + "Rounds", new Gson().toJsonTree(v));
                }
                results.add(o);
            }
            JsonObject children = new JsonObject();
            seen.forEach((k, v) -> {
                JsonObject c = v.deepCopy();
                c.remove("ms");
                children.add(k, c);
            });
            root.add("children" + hogs, children);
        }
        root.add("results", results);
        root.addProperty("loadAvgEnd", Contention.loadAvg());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(root), StandardCharsets.UTF_8);
        Path md = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        Files.writeString(md, markdown(root), StandardCharsets.UTF_8);
        System.out.print(markdown(root));
        System.out.println("contention-policies: wrote " + out + " and " + md);
    }

    /** Starts one child JVM for {@code p} and returns its result line. */
    private static JsonObject runChild(Policy p, long blockMs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss4m"));
        if (p.jvmArg() != null) {
            cmd.add(p.jvmArg());
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ContentionPolicies.class.getName(), "--child",
                Integer.toString(p.intraOp()), Integer.toString(p.blas()), Long.toString(blockMs)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        for (String v : MANAGED) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(p.env());
        Process proc = pb.start();
        String result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
            }
        }
        int rc = proc.waitFor();
        if (rc != 0 || result == null) {
            throw new IllegalStateException("contention-policies: child for " + p.key() + " exited " + rc + " without a result");
        }
        return JsonParser.parseString(result).getAsJsonObject();
    }

    /** In the child JVM: size the pools, warm every workload up, measure each for one block. */
    private static void child(int intraOp, int blas, long blockNs) {
        if (intraOp > 0) {
            Torch.setNumThreads(intraOp);
        }
        if (blas != 0) {
            Threads.setBlas(blas > 0 ? blas : Torch.getNumThreads());
        }
        Map<String, Contention.Work> work = Contention.workloads();
        for (Contention.Work w : work.values()) {
            long end = System.nanoTime() + blockNs / 2;
            do {
                w.run();
            } while (System.nanoTime() < end);
        }
        JsonObject ms = new JsonObject();
        for (Map.Entry<String, Contention.Work> e : work.entrySet()) {
            ms.addProperty(e.getKey(), Contention.block(e.getValue(), blockNs));
        }
        JsonObject res = new JsonObject();
        res.addProperty("intraOp", Torch.getNumThreads());
        res.addProperty("blas", Threads.blas());
        res.add("envDefaults", new Gson().toJsonTree(Threads.envDefaults()));
        res.add("ms", ms);
        System.out.println("RESULT " + new Gson().toJson(res));
    }

    /** The report section: one table of times and one of ratios to one thread, and the two targets for the default. */
    static String markdown(JsonObject root) {
        StringBuilder md = new StringBuilder();
        md.append("### Wait policies, each in its own JVM (`ContentionPolicies`)\n\n");
        md.append("libgomp and OpenBLAS read their wait settings once, when loaded, so each policy runs in a fresh child JVM; ")
                .append("children alternate ABC…CBA within each of ").append(root.get("rounds").getAsInt())
                .append(" rounds, with 0 and then 1 background CPU hog. Each child warms up, then times ")
                .append(root.get("blockMs").getAsInt()).append(" ms blocks; a cell is the median over rounds. ")
                .append(root.get("processors").getAsInt()).append(" processors; load average at start `")
                .append(root.get("loadAvgStart").getAsString()).append("`, at end `")
                .append(root.get("loadAvgEnd").getAsString())
                .append("`: the machine is shared, so only the side-by-side ratios mean anything.\n\n");
        List<String[]> pol = new ArrayList<>();
        for (var e : root.getAsJsonArray("policies")) {
            pol.add(new String[] {e.getAsJsonObject().get("key").getAsString(), e.getAsJsonObject().get("label").getAsString()});
        }
        md.append("Policies: ");
        for (int i = 0; i < pol.size(); i++) {
            md.append(i == 0 ? "" : "; ").append("**").append(pol.get(i)[0]).append("** = ").append(pol.get(i)[1]);
        }
        md.append(".\n\n| workload | hogs |");
        for (String[] p : pol) {
            md.append(' ').append(p[0]).append(" |");
        }
        for (String[] p : pol) {
            if (!p[0].equals("oneThread")) {
                md.append(' ').append(p[0]).append(" / 1 thread |");
            }
        }
        md.append("\n|---|---:|");
        md.append("---:|".repeat(pol.size() * 2 - 1)).append('\n');
        double worstHog = 0;
        String worstAt = "";
        List<String> kept = new ArrayList<>();
        for (var e : root.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            String w = o.get("workload").getAsString();
            int hogs = o.get("hogs").getAsInt();
            md.append("| ").append(w).append(" | ").append(hogs).append(" |");
            double one = o.get("oneThreadMs").getAsDouble();
            for (String[] p : pol) {
                md.append(' ').append(ms(o.get(p[0] + "Ms").getAsDouble())).append(" |");
            }
            for (String[] p : pol) {
                if (!p[0].equals("oneThread")) {
                    md.append(String.format(Locale.ROOT, " %.2f× |", o.get(p[0] + "Ms").getAsDouble() / one));
                }
            }
            md.append('\n');
            double def = o.get("defaultMs").getAsDouble();
            if (hogs == 1 && def / one > worstHog) {
                worstHog = def / one;
                worstAt = w;
            }
            if (hogs == 0 && w.startsWith("matmul") && !w.equals("matmul 64")) {
                double spin = o.get("spinMs").getAsDouble();
                kept.add(String.format(Locale.ROOT, "%s %.0f%% of the spinning default's speed (speed-up over 1 thread %.2f×, spinning %.2f×)",
                        w, 100 * spin / def, one / def, one / spin));
            }
        }
        md.append("\nTargets for the **default** policy: with 1 hog, never slower than 1.5× one thread: worst ")
                .append(String.format(Locale.ROOT, "%.2f× (%s)", worstHog, worstAt)).append(worstHog <= 1.5 ? " — met" : " — not met")
                .append("; without a hog, keeps ≥ 90% of its parallel matmul speed: ").append(String.join("; ", kept)).append(".\n\n");
        return md.toString();
    }

    private static String ms(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.2f s", v / 1000)
                : v >= 1 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.1f µs", v * 1000);
    }
}
