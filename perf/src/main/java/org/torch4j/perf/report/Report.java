package org.torch4j.perf.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns one run's results into {@code REPORT.md} and PNG plots.
 *
 * <p>Reads from the results directory: every {@code jmh-*.json} (JMH's JSON output),
 * {@code python.json} (perf/python/bench.py), {@code startup.json} ({@link Startup}),
 * {@code machine.txt} and {@code run.txt} (written by perf/run.sh) and, if present,
 * {@code notes.md} (hand-written findings, appended verbatim). Any of them may be missing; the
 * matching section then says so.
 *
 * <p>Usage: {@code Report RESULTS_DIR [REPORT_DIR]} (REPORT_DIR defaults to RESULTS_DIR).
 */
public final class Report {
    private static final String PKG = "org.torch4j.perf.";
    private static final String[] OPS = {"add", "mul", "pow", "sum"};
    private static final Map<String, String> OP_TEXT = Map.of(
            "add", "x.add(y)", "mul", "x.mul(2.0)", "pow", "x.pow(3)", "sum", "x.sum()");
    private static final Map<String, String> BACKEND_TEXT = new LinkedHashMap<>();

    static {
        BACKEND_TEXT.put("doubleLoops", "double[] loops (numpy port)");
        BACKEND_TEXT.put("floatLoops", "float[] loops (fused)");
        BACKEND_TEXT.put("vectorDouble", "Vector API double (fused)");
        BACKEND_TEXT.put("vectorFloat", "Vector API float (fused)");
        BACKEND_TEXT.put("facade1t", "torch4j facade, 1 thread");
        BACKEND_TEXT.put("facade", "torch4j facade, default threads");
    }

    /** One JMH result row. */
    record Jmh(String benchmark, Map<String, String> params, double score, double error, String unit, int forks,
               int iterations, String jdk) {
        String method() {
            return benchmark.startsWith(PKG) ? benchmark.substring(PKG.length()) : benchmark;
        }

        /** Score in nanoseconds (AverageTime units only). */
        double ns() {
            return score * nsPer(unit);
        }

        double errNs() {
            return Double.isNaN(error) ? 0 : error * nsPer(unit);
        }
    }

    private final Path in;
    private final Path out;
    private final List<Jmh> jmh = new ArrayList<>();
    private final List<String> jmhFiles = new ArrayList<>();
    private JsonObject python;
    private JsonObject startup;
    private JsonObject pythonJit;
    private JsonObject paired;
    private JsonObject phases;
    private JsonObject contention;
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> targets = new ArrayList<>();

    private Report(Path in, Path out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 1) {
            System.err.println("usage: Report RESULTS_DIR [REPORT_DIR]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = args.length > 1 ? Path.of(args[1]) : in;
        Files.createDirectories(out);
        Report r = new Report(in, out);
        r.load();
        r.write();
        System.out.println("report: wrote " + out.resolve("REPORT.md"));
    }

    // ------------------------------------------------------------------ input

    private void load() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(in, "jmh-*.json")) {
            List<Path> files = new ArrayList<>();
            ds.forEach(files::add);
            files.sort(null);
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8).trim();
                if (text.isEmpty()) {
                    continue;
                }
                jmhFiles.add(f.getFileName().toString());
                for (JsonElement e : JsonParser.parseString(text).getAsJsonArray()) {
                    JsonObject o = e.getAsJsonObject();
                    Map<String, String> params = new TreeMap<>();
                    if (o.has("params")) {
                        for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                            params.put(p.getKey(), p.getValue().getAsString());
                        }
                    }
                    JsonObject pm = o.getAsJsonObject("primaryMetric");
                    double err = pm.get("scoreError").isJsonPrimitive() && pm.get("scoreError").getAsJsonPrimitive().isNumber()
                            ? pm.get("scoreError").getAsDouble() : Double.NaN;
                    jmh.add(new Jmh(o.get("benchmark").getAsString(), params, pm.get("score").getAsDouble(), err,
                            pm.get("scoreUnit").getAsString(), o.get("forks").getAsInt(),
                            o.get("measurementIterations").getAsInt(), o.get("jdkVersion").getAsString()));
                }
            }
        }
        Path py = in.resolve("python.json");
        if (Files.isRegularFile(py)) {
            python = JsonParser.parseString(Files.readString(py, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path pp = in.resolve("paired.json");
        if (Files.isRegularFile(pp)) {
            paired = JsonParser.parseString(Files.readString(pp, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path ph = in.resolve("phases.json");
        if (Files.isRegularFile(ph)) {
            phases = JsonParser.parseString(Files.readString(ph, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path pj = in.resolve("python-jit.json");
        if (Files.isRegularFile(pj)) {
            pythonJit = JsonParser.parseString(Files.readString(pj, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path ct = in.resolve("contention.json");
        if (Files.isRegularFile(ct)) {
            contention = JsonParser.parseString(Files.readString(ct, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        Path st = in.resolve("startup.json");
        if (Files.isRegularFile(st)) {
            startup = JsonParser.parseString(Files.readString(st, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private Jmh find(String method, String... kv) {
        outer:
        for (Jmh j : jmh) {
            if (!j.method().equals(method)) {
                continue;
            }
            for (int i = 0; i < kv.length; i += 2) {
                if (!kv[i + 1].equals(j.params().get(kv[i]))) {
                    continue outer;
                }
            }
            return j;
        }
        return null;
    }

    /** Median Python time in ns for a per-op case, or NaN. */
    private double pyPerOp(String op, int size, int threads) {
        if (python == null) {
            return Double.NaN;
        }
        for (JsonElement e : python.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("bench").getAsString().equals("perop") && o.get("op").getAsString().equals(op)
                    && o.get("size").getAsInt() == size && o.get("threads").getAsInt() == threads) {
                return o.get("median").getAsDouble();
            }
        }
        return Double.NaN;
    }

    /** Median Python time in ns for a tutorial step, or NaN. */
    private double pyStep(String step, int threads) {
        if (python == null) {
            return Double.NaN;
        }
        for (JsonElement e : python.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("bench").getAsString().equals("tutorial") && o.get("step").getAsString().equals(step)
                    && o.get("threads").getAsInt() == threads) {
                return o.get("median").getAsDouble() * 1000.0;
            }
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------ output

    private void write() throws IOException {
        String run = readOr("run.txt", null);
        md.append("# torch4j performance report\n\n");
        md.append("Generated by `org.torch4j.perf.report.Report` from the files in this directory. ");
        md.append("Times are per operation or per iteration, lower is better; ratios are measured side by side in the same run. ");
        md.append("JMH scores are means over all measurement iterations of all forks, ± JMH's 99.9 % confidence half-width; ");
        md.append("Python times are medians over rounds.\n\n");
        if (run != null) {
            md.append("## How this run was made\n\n```\n").append(run.strip()).append("\n```\n\n");
        }
        if (!jmhFiles.isEmpty()) {
            md.append("JMH result files: ").append(String.join(", ", jmhFiles.stream().map(f -> "`" + f + "`").toList()));
            md.append(". JDK ").append(jmh.get(0).jdk()).append(".\n\n");
        }
        StringBuilder body = new StringBuilder();
        StringBuilder saved = new StringBuilder(md);
        md.setLength(0);
        perOp();
        pairedSection();
        tutorial();
        phasesSection();
        pureJava();
        matmul();
        exceptions();
        startupSection();
        jitSection();
        md.append(AllReduceSection.render(in, out)); // 7: all-reduce and DDP step (perf/allreduce.sh)
        contentionSection();
        md.append(readOr("contention-policies.md", "")); // wait policies per JVM (ContentionPolicies writes it)
        new PeerSections(in, out, jmh, python, startup, md, targets).write(); // section 8: Python and DJL peers, workloads
        body.append(md);
        md.setLength(0);
        md.append(saved);
        targetsSection();
        md.append(body);
        String notes = readOr("notes.md", null);
        if (notes != null) {
            md.append(notes.strip()).append("\n\n");
        }
        String machine = readOr("machine.txt", null);
        md.append("## Machine\n\n");
        md.append(machine != null ? "```\n" + machine.strip() + "\n```\n" : "(no machine.txt in the results directory)\n");
        Files.writeString(out.resolve("REPORT.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private String readOr(String name, String fallback) throws IOException {
        Path p = in.resolve(name);
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : fallback;
    }

    private void targetsSection() {
        md.append("## Targets\n\n");
        if (targets.isEmpty()) {
            md.append("(no benchmark results for the targets in this run)\n\n");
            return;
        }
        md.append("| target | measured | met? |\n|---|---|---|\n");
        for (String[] t : targets) {
            md.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
        }
        md.append('\n');
    }

    private void perOp() {
        md.append("## 1. Per-op cost: facade vs raw presets vs Python\n\n");
        if (find("PerOp.facade") == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("One op on a float32 vector of `size` elements, result freed before the next. facade: a `Scope` per op; ");
        md.append("raw scope: the presets with a `PointerScope` per op; raw close: the presets, `close()` on the result. ");
        md.append("Both raw variants use torch4j's JavaCPP settings (`maxPhysicalBytes=0`, cheap stack-trace fetcher) and cached `Scalar`s; ");
        md.append("*raw best* is the faster of the two. LibTorch runs with its default intra-op threads (")
                .append(threadsNote()).append("); Python is shown with 1 and 2 threads and the ratio uses the faster of the two.\n\n");
        md.append("| op | size | facade | raw scope | raw close | facade / raw best | Python 1 thread | Python 2 threads | facade / Python |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> ratios = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<Double> pyRatios1 = new ArrayList<>();
        StringBuilder py1 = new StringBuilder();
        for (String op : OPS) {
            for (String size : sizes("PerOp.facade", "size")) {
                Jmh f = find("PerOp.facade", "op", op, "size", size);
                Jmh rs = find("PerOp.rawScope", "op", op, "size", size);
                Jmh rc = find("PerOp.rawClose", "op", op, "size", size);
                if (f == null) {
                    continue;
                }
                double best = Math.min(rs == null ? Double.NaN : rs.ns(), rc == null ? Double.NaN : rc.ns());
                if (rs != null && rc == null) {
                    best = rs.ns();
                } else if (rc != null && rs == null) {
                    best = rc.ns();
                }
                double ratio = f.ns() / best;
                int sz = Integer.parseInt(size);
                double p1 = pyPerOp(op, sz, 1);
                double p2 = pyPerOp(op, sz, 2);
                double pBest = Math.min(nanToInf(p1), nanToInf(p2));
                double pyRatio = f.ns() / pBest;
                md.append("| `").append(OP_TEXT.get(op)).append("` | ").append(String.format(Locale.ROOT, "%,d", sz)).append(" | ")
                        .append(timePm(f)).append(" | ").append(timePm(rs)).append(" | ").append(timePm(rc)).append(" | ")
                        .append(ratio(ratio)).append(" | ").append(time(p1)).append(" | ").append(time(p2)).append(" | ")
                        .append(ratio(pyRatio)).append(" |\n");
                if (!Double.isNaN(ratio)) {
                    ratios.add(ratio);
                    if (ratio > 1.1) {
                        bad.add(op + "@" + size + " " + ratio(ratio));
                    }
                }
                if (sz == 1 && Double.isFinite(pyRatio)) {
                    pyRatios1.add(pyRatio);
                    py1.append(py1.length() == 0 ? "" : ", ").append(op).append(' ').append(ratio(pyRatio));
                }
            }
        }
        md.append('\n');
        if (!ratios.isEmpty()) {
            double worst = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double median = median(ratios);
            targets.add(new String[] {"facade per-op ≤ 1.1× raw presets (best way), JMH",
                    "median " + ratio(median) + ", worst " + ratio(worst) + " over " + ratios.size() + " op×size cases"
                            + (bad.isEmpty() ? "" : "; above 1.1×: " + String.join(", ", bad)),
                    bad.isEmpty() ? "yes" : (median <= 1.1 ? "mostly (" + (ratios.size() - bad.size()) + "/" + ratios.size() + ")" : "no")});
        }
        if (!pyRatios1.isEmpty()) {
            double worst = pyRatios1.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            long ok = pyRatios1.stream().filter(r -> r <= 1.0).count();
            targets.add(new String[] {"facade per-op ≤ 1.0× Python on 1-element tensors, JMH means", py1.toString(),
                    ok == pyRatios1.size() ? "yes" : ok == 0 ? "no (worst " + ratio(worst) + ")" : "partly (" + ok + "/" + pyRatios1.size() + ")"});
        }
    }

    private void pairedSection() {
        md.append("### 1b. Facade vs raw, interleaved (robust to a noisy neighbour)\n\n");
        if (paired == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("`org.torch4j.perf.Paired` runs short blocks (")
                .append(String.format(Locale.ROOT, "%.0f ms", paired.get("blockNs").getAsDouble() / 1e6))
                .append(") of each variant in turn in one JVM, ").append(paired.get("rounds").getAsInt())
                .append(" rounds, and takes the median of the per-round ratios: a slow-down by another process hits all ")
                .append("variants of a round alike, so these ratios are steadier than ratios of separate JMH forks. ")
                .append("Times are medians of the blocks. IQR: interquartile range of the per-round ratio.\n\n");
        md.append("| case | size | facade | raw scope | raw close | facade / raw scope | facade / raw close | facade / raw best (IQR) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> opRatios = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        StringBuilder mm = new StringBuilder();
        boolean mmOk = true;
        for (JsonElement e : paired.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            String op = o.get("op").getAsString();
            boolean step = op.startsWith("step") || op.equals("matmul");
            String best = o.get("rawBest").getAsString();
            double r = o.get("facadeOverRawBest").getAsDouble();
            String label = op.equals("matmul") ? "`a.matmul(b)`, n×n" : step ? op.replace("step", "step ") + " iteration" : "`" + OP_TEXT.get(op) + "`";
            md.append("| ").append(label).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", o.get("size").getAsInt())).append(" | ")
                    .append(time(num(o, "facadeNs"))).append(" | ")
                    .append(time(step ? num(o, "rawNs") : num(o, "rawScopeNs"))).append(" | ")
                    .append(step ? "–" : time(num(o, "rawCloseNs"))).append(" | ")
                    .append(ratio(step ? num(o, "facadeOver_raw") : num(o, "facadeOver_rawScope"))).append(" | ")
                    .append(step ? "–" : ratio(num(o, "facadeOver_rawClose"))).append(" | ")
                    .append(ratio(r)).append(" (").append(ratio(num(o, "facadeOver_" + best + "_q1"))).append("–")
                    .append(ratio(num(o, "facadeOver_" + best + "_q3"))).append(") |\n");
            if (op.equals("matmul")) {
                mm.append(mm.length() == 0 ? "" : ", ").append("n=").append(o.get("size").getAsInt()).append(": ").append(ratio(r));
                mmOk &= r <= 1.10;
            }
            if (!step) {
                opRatios.add(r);
                if (r > 1.1) {
                    bad.add(op + "@" + o.get("size").getAsInt() + " " + ratio(r));
                }
            }
        }
        md.append('\n');
        if (!opRatios.isEmpty()) {
            double worst = opRatios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            targets.add(new String[] {"facade per-op ≤ 1.1× raw presets, interleaved measurement",
                    "median " + ratio(median(opRatios)) + ", worst " + ratio(worst) + " over " + opRatios.size() + " cases"
                            + (bad.isEmpty() ? "" : "; above 1.1×: " + String.join(", ", bad)),
                    bad.isEmpty() ? "yes" : "no (" + (opRatios.size() - bad.size()) + "/" + opRatios.size() + ")"});
        }
        StringBuilder py = new StringBuilder();
        int pyOk = 0;
        int pyN = 0;
        for (String op : OPS) {
            double f = pairedFacade(op, 1);
            double p = Math.min(nanToInf(pyPerOp(op, 1, 1)), nanToInf(pyPerOp(op, 1, 2)));
            if (Double.isFinite(f) && Double.isFinite(p)) {
                pyN++;
                pyOk += f / p <= 1.0 ? 1 : 0;
                py.append(py.length() == 0 ? "" : ", ").append(op).append(' ').append(ratio(f / p));
            }
        }
        if (pyN > 0) {
            targets.add(new String[] {"facade per-op ≤ 1.0× Python on 1-element tensors, facade medians from the interleaved run",
                    py.toString(), pyOk == pyN ? "yes" : "partly (" + pyOk + "/" + pyN + ")"});
        }
        double f3 = pairedFacade("step3", 2000);
        double p3 = Math.min(nanToInf(pyStep("step3", 1)), nanToInf(pyStep("step3", 2)));
        if (Double.isFinite(f3) && Double.isFinite(p3)) {
            targets.add(new String[] {"step 3 iteration ≤ 0.8× Python, facade median from the interleaved run",
                    time(f3) + " vs Python " + time(p3) + " (faster thread setting): " + ratio(f3 / p3),
                    f3 / p3 <= 0.8 ? "yes" : "no"});
        }
        if (mm.length() > 0) {
            targets.add(new String[] {"matmul n = 1024 / 2048: facade at most 10 % slower than raw, interleaved measurement",
                    "facade time / raw time " + mm, mmOk ? "yes" : "no"});
        }
    }

    private void phasesSection() {
        md.append("### 2b. Where a step-3 iteration spends its time\n\n");
        List<JsonObject> rows = new ArrayList<>();
        if (phases != null) {
            for (JsonElement e : phases.getAsJsonArray("results")) {
                rows.add(e.getAsJsonObject());
            }
        }
        if (python != null) {
            for (JsonElement e : python.getAsJsonArray("results")) {
                JsonObject o = e.getAsJsonObject();
                if (o.get("bench").getAsString().equals("phases")) {
                    rows.add(o);
                }
            }
        }
        if (rows.isEmpty()) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("`org.torch4j.perf.Phases` and `bench.py` time each phase of the same iteration with a clock read around it ");
        md.append("(mean over the second half of the iterations; the clock reads add a little to each phase). ");
        md.append("*forward*: the polynomial and the loss (11 ops); *backward*: `loss.backward()`; *update*: four `p -= lr * p.grad` ");
        md.append("under no-grad and four `p.grad = None`.\n\n");
        md.append("| variant | threads | forward | backward | update | total |\n|---|---:|---:|---:|---:|---:|\n");
        for (JsonObject o : rows) {
            md.append("| ").append(o.get("variant").getAsString()).append(" | ").append(o.get("threads").getAsInt()).append(" | ")
                    .append(time(num(o, "forwardUs") * 1e3)).append(" | ").append(time(num(o, "backwardUs") * 1e3)).append(" | ")
                    .append(time(num(o, "updateUs") * 1e3)).append(" | ").append(time(num(o, "totalUs") * 1e3)).append(" |\n");
        }
        md.append('\n');
    }

    /** The facade's median block time (ns) in the interleaved run for {@code op} at {@code size}, or NaN. */
    private double pairedFacade(String op, int size) {
        if (paired == null) {
            return Double.NaN;
        }
        for (JsonElement e : paired.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("op").getAsString().equals(op) && o.get("size").getAsInt() == size) {
                return num(o, "facadeNs");
            }
        }
        return Double.NaN;
    }

    private static double num(JsonObject o, String key) {
        return o.has(key) ? o.get(key).getAsDouble() : Double.NaN;
    }

    private String threadsNote() {
        String threads = System.getProperty("torch4j.perf.threads");
        return threads != null ? threads : "2 on this 2-core machine";
    }

    private void tutorial() {
        md.append("## 2. Tutorial iterations: facade vs raw presets vs Python\n\n");
        Pattern p = Pattern.compile("tutorial\\.Step(\\d+)Iteration\\.(facade|raw)");
        TreeMap<Integer, Jmh[]> steps = new TreeMap<>();
        for (Jmh j : jmh) {
            Matcher m = p.matcher(j.method());
            if (m.matches()) {
                Jmh[] pair = steps.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new Jmh[2]);
                pair[m.group(2).equals("facade") ? 0 : 1] = j;
            }
        }
        if (steps.isEmpty()) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("One iteration of each tutorial step (2000 points). Step 2 reads the loss with `item()` every iteration, as ");
        md.append("polynomial_tensor.py does; step 3 runs forward, `backward()`, the no-grad update and `grad = None`. Raw: the same ");
        md.append("code on the presets with a `PointerScope` per iteration. New steps appear here once `StepNIteration` exists ");
        md.append("(see `org.torch4j.perf.tutorial`).\n\n");
        md.append("| step | facade | raw presets | facade / raw | Python 1 thread | Python 2 threads | facade / Python (1 t) | facade / Python (2 t) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Integer, Jmh[]> e : steps.entrySet()) {
            Jmh f = e.getValue()[0];
            Jmh r = e.getValue()[1];
            double p1 = pyStep("step" + e.getKey(), 1);
            double p2 = pyStep("step" + e.getKey(), 2);
            double fr = f != null && r != null ? f.ns() / r.ns() : Double.NaN;
            double f1 = f != null ? f.ns() / p1 : Double.NaN;
            double f2 = f != null ? f.ns() / p2 : Double.NaN;
            md.append("| ").append(e.getKey()).append(" | ").append(timePm(f)).append(" | ").append(timePm(r)).append(" | ")
                    .append(ratio(fr)).append(" | ").append(time(p1)).append(" | ").append(time(p2)).append(" | ")
                    .append(ratio(f1)).append(" | ").append(ratio(f2)).append(" |\n");
            if (e.getKey() == 3 && f != null) {
                double best = Math.min(nanToInf(p1), nanToInf(p2));
                double rb = f.ns() / best;
                targets.add(new String[] {"step 3 iteration ≤ 0.8× Python, JMH mean",
                        time(f.ns()) + " vs Python " + time(p1) + " (1 thread) / " + time(p2) + " (2 threads): "
                                + ratio(f1) + " / " + ratio(f2),
                        Double.isFinite(rb) ? (rb <= 0.8 ? "yes" : "no (" + ratio(rb) + " of the faster Python)") : "no Python data"});
            }
        }
        md.append('\n');
    }

    private void pureJava() throws IOException {
        md.append("## 3. LibTorch vs pure-Java backends (steps-1/2 fit)\n\n");
        if (find("PureJavaFit.iteration") == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("One iteration of the steps-1/2 fit (forward, loss, four gradients, update) on N points. Every backend was ");
        md.append("checked in the benchmark set-up to reach the float64 reference's losses and weights within 1e-3 after ");
        md.append(org.torch4j.perf.fit.FitCheck.ITERATIONS).append(" iterations. Pure-Java backends use one thread; ");
        md.append("the facade runs the tutorial's tensor code (about 18 LibTorch ops and one `item()`) with one LibTorch thread and with ");
        md.append("the default intra-op threads; the ratio column uses the faster of the two. ");
        md.append("Time per iteration:\n\n");
        List<String> ns = sizes("PureJavaFit.iteration", "points");
        md.append("| N |");
        List<String> backends = new ArrayList<>();
        for (String b : BACKEND_TEXT.keySet()) {
            if (jmh.stream().anyMatch(j -> j.method().equals("PureJavaFit.iteration") && b.equals(j.params().get("backend")))) {
                backends.add(b);
                md.append(' ').append(BACKEND_TEXT.get(b)).append(" |");
            }
        }
        md.append(" best pure-Java | LibTorch (faster facade) / best pure-Java |\n|---:|");
        md.append("---:|".repeat(backends.size())).append("---|---:|\n");
        XYChart chart = new XYChartBuilder().width(820).height(520).title("Steps-1/2 fit: time per iteration vs N (log-log)")
                .xAxisTitle("N (points)").yAxisTitle("microseconds per iteration").build();
        styleLogLog(chart);
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String n : ns) {
            md.append("| ").append(String.format(Locale.ROOT, "%,d", Integer.parseInt(n))).append(" |");
            String bestName = null;
            double bestNs = Double.POSITIVE_INFINITY;
            double facadeNs = Double.NaN;
            for (String b : backends) {
                Jmh j = find("PureJavaFit.iteration", "points", n, "backend", b);
                md.append(' ').append(timePm(j)).append(" |");
                if (j == null) {
                    continue;
                }
                series.computeIfAbsent(b, k -> new double[2][0]);
                double[][] s = series.get(b);
                s[0] = append(s[0], Integer.parseInt(n));
                s[1] = append(s[1], j.ns() / 1000.0);
                if (b.startsWith("facade")) {
                    facadeNs = Double.isNaN(facadeNs) ? j.ns() : Math.min(facadeNs, j.ns());
                } else if (j.ns() < bestNs) {
                    bestNs = j.ns();
                    bestName = b;
                }
            }
            md.append(' ').append(bestName == null ? "–" : BACKEND_TEXT.get(bestName)).append(" | ")
                    .append(ratio(facadeNs / bestNs)).append(" |\n");
        }
        md.append("\nA ratio below 1 means LibTorch through the facade is faster than the best pure-Java backend at that N.\n\n");
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(BACKEND_TEXT.get(e.getKey()), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, out.resolve("fit-time-vs-n.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        md.append("![time per iteration vs N](fit-time-vs-n.png)\n\n");
    }

    private void matmul() throws IOException {
        md.append("## 4. Matrix multiply (float32, n×n)\n\n");
        if (find("Matmul.multiply") == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("GFLOP/s = 2n³ / time (higher is better). facade: `a.matmul(b)` with a scope per op; raw: the presets with a ");
        md.append("`PointerScope`; LibTorch uses its default intra-op threads; the *facade, 1 thread* column runs after `Torch.setNumThreads(1)` (which need not reach the BLAS library's own thread pool). EJML: `CommonOps_FDRM.mult` (one thread); i-k-j: a plain ");
        md.append("Java triple loop (one thread, auto-vectorised inner loop).\n\n");
        String[] impls = {"facade", "raw", "facade1t", "ejml", "ikj"};
        md.append("| n | facade | raw presets | facade, 1 thread | EJML | plain i-k-j | facade time / raw time |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        XYChart chart = new XYChartBuilder().width(820).height(520).title("float32 matmul: GFLOP/s vs n")
                .xAxisTitle("n").yAxisTitle("GFLOP/s").build();
        styleLogLog(chart);
        Map<String, double[][]> series = new LinkedHashMap<>();
        StringBuilder big = new StringBuilder();
        boolean bigOk = true;
        boolean anyBig = false;
        for (String n : sizes("Matmul.multiply", "n")) {
            int nn = Integer.parseInt(n);
            double flops = 2.0 * nn * nn * nn;
            md.append("| ").append(nn).append(" |");
            for (String impl : impls) {
                Jmh j = find("Matmul.multiply", "n", n, "impl", impl);
                if (j == null) {
                    md.append(" – |");
                    continue;
                }
                double gf = flops / j.ns();
                double lo = flops / (j.ns() + j.errNs());
                md.append(String.format(Locale.ROOT, " %.1f (±%.1f) |", gf, gf - lo));
                double[][] s = series.computeIfAbsent(impl, k -> new double[2][0]);
                s[0] = append(s[0], nn);
                s[1] = append(s[1], gf);
            }
            Jmh f = find("Matmul.multiply", "n", n, "impl", "facade");
            Jmh r = find("Matmul.multiply", "n", n, "impl", "raw");
            double ratio = f != null && r != null ? f.ns() / r.ns() : Double.NaN;
            md.append(' ').append(ratio(ratio)).append(" |\n");
            if ((nn == 1024 || nn == 2048) && Double.isFinite(ratio)) {
                anyBig = true;
                big.append(big.length() == 0 ? "" : ", ").append("n=").append(nn).append(": ").append(ratio(ratio));
                bigOk &= ratio <= 1.10;
            }
        }
        md.append('\n');
        Map<String, String> names = Map.of("facade", "torch4j facade", "raw", "raw presets", "facade1t", "facade, 1 thread",
                "ejml", "EJML", "ikj", "plain i-k-j");
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = chart.addSeries(names.get(e.getKey()), e.getValue()[0], e.getValue()[1]);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, out.resolve("matmul-gflops.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        md.append("![matmul GFLOP/s vs n](matmul-gflops.png)\n\n");
        if (anyBig) {
            targets.add(new String[] {"matmul n = 1024 / 2048: facade at most 10 % slower than raw, JMH", "facade time / raw time " + big,
                    bigOk ? "yes" : "no"});
        }
    }

    private void exceptions() {
        md.append("## 5a. Exception cost\n\n");
        if (find("Exceptions.facade") == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("One failing op (`[3] + [4]`, a shape mismatch) thrown and caught. torch4j installs a stack-trace fetcher that ");
        md.append("returns a fixed string; `-Dtorch4j.nativeBacktrace=true` keeps LibTorch's default, which symbolises the C++ ");
        md.append("backtrace on every throw.\n\n| variant | time per throw |\n|---|---:|\n");
        String[][] rows = {
            {"Exceptions.facade", "facade (`TorchException`, one-line message)"},
            {"Exceptions.rawWithFetcher", "raw presets, torch4j's fetcher installed"},
            {"Exceptions.rawDefault", "raw presets, LibTorch's default fetcher"},
            {"Exceptions.facadeNativeBacktrace", "facade with `-Dtorch4j.nativeBacktrace=true`"},
        };
        for (String[] r : rows) {
            md.append("| ").append(r[1]).append(" | ").append(timePm(find(r[0]))).append(" |\n");
        }
        Jmh f = find("Exceptions.facade");
        Jmh d = find("Exceptions.rawDefault");
        if (f != null && d != null) {
            md.append("\nThe facade throws ").append(String.format(Locale.ROOT, "%.0f×", d.ns() / f.ns()))
                    .append(" faster than the presets' default.\n");
        }
        md.append('\n');
    }

    private void startupSection() {
        md.append("## 5b. Start-up: JVM start to first op\n\n");
        if (startup == null) {
            md.append("(not run)\n\n");
            return;
        }
        md.append("Each run is a fresh JVM (`org.torch4j.perf.StartupProbe`) that loads LibTorch and computes `ones(3).add(1).sum().item()`. ");
        md.append("*warm*: JavaCPP's extraction cache (`~/.javacpp/cache`) already holds the libraries; *cold*: an empty ");
        md.append("`-Dorg.bytedeco.javacpp.cachedir`, so the native libraries are extracted first (the OS page cache stays warm). ");
        md.append("Times in ms since JVM start, median (min–max) over runs; *process* is the launcher's wall time to exit.\n\n");
        md.append("| case | runs | libraries loaded | first op done | process |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, JsonElement> e : startup.entrySet()) {
            JsonArray runs = e.getValue().getAsJsonArray();
            md.append("| ").append(e.getKey()).append(" | ").append(runs.size()).append(" | ")
                    .append(stat(runs, "loadedMs")).append(" | ").append(stat(runs, "firstOpMs")).append(" | ")
                    .append(stat(runs, "processWallMs")).append(" |\n");
        }
        md.append("\n| case | RSS after first op (MiB) | classes loaded | process CPU to first op (ms, all threads) |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, JsonElement> e : startup.entrySet()) {
            JsonArray runs = e.getValue().getAsJsonArray();
            if (runs.size() > 0 && runs.get(0).getAsJsonObject().has("rssMiB")) {
                md.append("| ").append(e.getKey()).append(" | ").append(stat(runs, "rssMiB")).append(" | ")
                        .append(stat(runs, "classes")).append(" | ").append(runs.get(0).getAsJsonObject().has("cpuMs") ? stat(runs, "cpuMs") : "–").append(" |\n");
            }
        }
        startupBreakdown();
        md.append("\nThe raw presets' own loader is not timed cold: with Debian's libtorch installed it crashes the JVM on a cold cache ");
        md.append("(see the presets findings), which torch4j's ordered loader avoids.\n\n");
    }

    private void jitSection() throws IOException {
        md.append("## 6. TorchScript inference: torch4j `ScriptModule` vs Python `torch.jit.load`\n\n");
        if (find("Jit.latencyBatch1") == null) {
            md.append("(not run: `perf/run.sh --only jit`)\n\n");
            return;
        }
        md.append("The traced CNN of `java-api/src/test/python/make_jit_models.py` (Conv2d 3→8 / BatchNorm2d / ReLU / MaxPool2d / ");
        md.append("Linear 512→10, 3×16×16 inputs), one loaded module, each forward under inference mode. torch4j: JMH ");
        md.append("(`org.torch4j.perf.Jit`, a Scope per forward), LibTorch 2.10; Python: `perf/python/jit_bench.py`, PyTorch ");
        md.append(pythonJit == null ? "1.13" : pythonJit.get("torch").getAsString());
        md.append(", run right after it on the same machine (median over rounds). Both use one intra-op thread (`setNumThreads(1)` / `torch.set_num_threads(1)`), the serving set-up. ");
        md.append("Throughput: batch 1 from 1 or 2 threads sharing the module. On this shared 2-core machine these numbers move ");
        md.append("by ±30 % between runs; compare the two columns of one run, not runs.\n\n");
        String jitRun = readOr("jit-run.txt", null);
        if (jitRun != null) {
            md.append("These rows come from their own run (not the one at the top of this report):\n\n```\n")
                    .append(jitRun.strip()).append("\n```\n\n");
        }
        md.append("| case | torch4j | Python | torch4j / Python |\n|---|---:|---:|---:|\n");
        String[][] lat = {{"Jit.latencyBatch1", "latency_b1", "latency, batch 1"}, {"Jit.latencyBatch64", "latency_b64", "latency, batch 64"}};
        for (String[] r : lat) {
            Jmh j = find(r[0]);
            double py = pythonJit == null || !pythonJit.has(r[1]) ? Double.NaN : pythonJit.getAsJsonObject(r[1]).get("median_ns").getAsDouble();
            md.append("| ").append(r[2]).append(" | ").append(timePm(j)).append(" | ").append(time(py)).append(" | ")
                    .append(ratio(j == null ? Double.NaN : j.ns() / py)).append(" (time) |\n");
        }
        String[][] thr = {{"Jit.throughput1Thread", "throughput_t1", "1", "throughput, 1 thread"},
            {"Jit.throughput2Threads", "throughput_t2", "2", "throughput, 2 threads"}};
        for (String[] r : thr) {
            Jmh j = find(r[0]);
            double java = j == null ? Double.NaN : Integer.parseInt(r[2]) * 1e9 / j.ns();
            double py = pythonJit == null || !pythonJit.has(r[1]) ? Double.NaN : pythonJit.getAsJsonObject(r[1]).get("median_per_s").getAsDouble();
            md.append("| ").append(r[3]).append(" | ").append(String.format(Locale.ROOT, "%.0f /s", java)).append(" | ")
                    .append(Double.isFinite(py) ? String.format(Locale.ROOT, "%.0f /s", py) : "–").append(" | ")
                    .append(ratio(java / py)).append(" (forwards/s) |\n");
        }
        md.append('\n');
    }

    private void contentionSection() {
        md.append("## 5c. Threads under contention\n\n");
        if (contention == null) {
            md.append("(not run: `perf/run.sh --only contention`)\n\n");
            return;
        }
        int def = contention.get("defaultThreads").getAsInt();
        md.append("`org.torch4j.perf.Contention`: each workload with 0 and 1 background CPU hogs (a separate process busy-spinning one core), ");
        md.append("under the default policy (").append(def).append(" intra-op threads, OpenBLAS ")
                .append(contention.get("defaultBlasThreads").getAsInt()).append(") and under `Torch.setNumThreads(1)` ");
        md.append("(which also sizes OpenBLAS's pool). The two policies alternate in ABBA order within each of ")
                .append(contention.get("rounds").getAsInt()).append(" rounds in one JVM; each cell is the median over rounds of a round's median (")
                .append(contention.get("blockMs").getAsInt()).append(" ms blocks). Load average at start: `")
                .append(contention.get("loadAvgStart").getAsString()).append("`, at end: `")
                .append(contention.get("loadAvgEnd").getAsString()).append("`; with other work on the machine, only the ratios taken side by side mean anything.\n\n");
        boolean blas1 = contention.getAsJsonArray("results").size() > 0
                && contention.getAsJsonArray("results").get(0).getAsJsonObject().has("blas1Ms");
        if (blas1) {
            md.append("The middle column keeps the default intra-op count but gives OpenBLAS one thread.\n\n");
            md.append("| workload | hogs | default | intra-op default, OpenBLAS 1 | 1 thread | default / 1 thread | OpenBLAS-1 / 1 thread |\n|---|---:|---:|---:|---:|---:|---:|\n");
        } else {
            md.append("| workload | hogs | default | 1 thread | default / 1 thread |\n|---|---:|---:|---:|---:|\n");
        }
        double worstHog = 0;
        List<String> quiet = new ArrayList<>();
        for (JsonElement e : contention.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            double r = o.get("ratio").getAsDouble();
            int hogs = o.get("hogs").getAsInt();
            String w = o.get("workload").getAsString();
            md.append("| ").append(w).append(" | ").append(hogs).append(" | ")
                    .append(time(o.get("defaultMs").getAsDouble() * 1e6)).append(" | ");
            if (blas1) {
                md.append(time(o.get("blas1Ms").getAsDouble() * 1e6)).append(" | ");
            }
            md.append(time(o.get("oneThreadMs").getAsDouble() * 1e6)).append(" | ").append(ratio(r));
            if (blas1) {
                md.append(" | ").append(ratio(o.get("blas1Ratio").getAsDouble()));
            }
            md.append(" |\n");
            if (hogs == 1) {
                worstHog = Math.max(worstHog, r);
            } else if (w.startsWith("matmul")) {
                quiet.add(w + ": " + String.format(Locale.ROOT, "%.2f", 1 / r) + "× the 1-thread speed");
            }
        }
        md.append('\n');
        targets.add(new String[] {"with 1 hog, default policy ≤ 1.5× the 1-thread time (every workload)",
            String.format(Locale.ROOT, "worst %.2f×", worstHog), worstHog <= 1.5 ? "met" : "not met"});
        targets.add(new String[] {"without a hog, default policy keeps its parallel matmul speed (≥ 0.9× of what 2 threads give; here: speed-up over 1 thread)",
            String.join("; ", quiet), "see 5c"});
    }

    /** Median ms per load phase (LibTorch.loadTimings) for each facade case: where JVM start to first op goes. */
    private void startupBreakdown() {
        Map<String, Map<String, List<Double>>> byCase = new LinkedHashMap<>();
        List<String> phaseNames = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : startup.entrySet()) {
            for (JsonElement r : e.getValue().getAsJsonArray()) {
                JsonObject o = r.getAsJsonObject();
                if (!o.has("phases") || o.getAsJsonObject("phases").size() == 0) {
                    continue;
                }
                Map<String, List<Double>> m = byCase.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                m.computeIfAbsent("JVM start to main", k -> new ArrayList<>()).add(o.get("mainMs").getAsDouble());
                double sum = 0;
                for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("phases").entrySet()) {
                    m.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue().getAsDouble());
                    sum += p.getValue().getAsDouble();
                }
                m.computeIfAbsent("(main to ensureLoaded, outside the phases)", k -> new ArrayList<>())
                        .add(o.get("loadedMs").getAsDouble() - o.get("mainMs").getAsDouble() - sum);
                m.computeIfAbsent("first op (facade classes, dispatcher init)", k -> new ArrayList<>())
                        .add(o.get("firstOpMs").getAsDouble() - o.get("loadedMs").getAsDouble());
                for (String k : m.keySet()) {
                    if (!phaseNames.contains(k)) {
                        phaseNames.add(k);
                    }
                }
            }
        }
        if (byCase.isEmpty()) {
            return;
        }
        md.append("\nWhere the time goes (median ms per phase; `LibTorch.loadTimings()` inside `ensureLoaded`):\n\n| phase |");
        for (String c : byCase.keySet()) {
            md.append(' ').append(c).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(byCase.size())).append('\n');
        for (String p : phaseNames) {
            md.append("| ").append(p).append(" |");
            for (Map<String, List<Double>> m : byCase.values()) {
                List<Double> v = m.get(p);
                md.append(' ').append(v == null ? "–" : String.format(Locale.ROOT, "%.0f", median(v))).append(" |");
            }
            md.append('\n');
        }
    }

    private static String stat(JsonArray runs, String key) {
        List<Double> v = new ArrayList<>();
        for (JsonElement e : runs) {
            v.add(e.getAsJsonObject().get(key).getAsDouble());
        }
        if (v.isEmpty()) {
            return "–";
        }
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(v), min, max);
    }

    // ------------------------------------------------------------------ helpers

    private List<String> sizes(String method, String param) {
        TreeSet<Long> s = new TreeSet<>();
        for (Jmh j : jmh) {
            if (j.method().equals(method) && j.params().containsKey(param)) {
                s.add(Long.parseLong(j.params().get(param)));
            }
        }
        return s.stream().map(String::valueOf).toList();
    }

    private static void styleLogLog(XYChart chart) {
        Styler st = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setAntiAlias(true);
    }

    private static double[] append(double[] a, double v) {
        double[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }

    private static double nanToInf(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static double nsPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit + " (use AverageTime)");
        };
    }

    /** A time in ns with a readable unit, e.g. {@code 2.31 µs}. */
    static String time(double ns) {
        if (!Double.isFinite(ns)) {
            return "–";
        }
        if (ns < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1e6) {
            return String.format(Locale.ROOT, ns < 1e4 ? "%.2f µs" : ns < 1e5 ? "%.1f µs" : "%.0f µs", ns / 1e3);
        }
        if (ns < 1e9) {
            return String.format(Locale.ROOT, ns < 1e7 ? "%.2f ms" : ns < 1e8 ? "%.1f ms" : "%.0f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    private static String timePm(Jmh j) {
        if (j == null) {
            return "–";
        }
        double rel = j.errNs() / j.ns();
        return time(j.ns()) + (j.errNs() > 0 ? String.format(Locale.ROOT, " ±%.0f%%", 100 * rel) : "");
    }

    static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f×", r) : "–";
    }
}
