package org.torch4j.perf.report;

import static org.torch4j.perf.report.Report.ratio;
import static org.torch4j.perf.report.Report.time;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 8 of the report: torch4j against Python 1.13 and DJL 0.36 on whole workloads — tutorial
 * steps 2–8, per-op, exceptions, start-up, memory over a long loop, training throughput and
 * TorchScript inference — plus what DJL cannot run. Reads, besides Report's JMH rows,
 * {@code python-workloads.json} (perf/python/workloads.py), {@code memory.json} ({@code Memory}),
 * and DJL's {@code jmh-djl.json}, {@code djl-startup.json}, {@code djl-memory.json},
 * {@code djl-gaps.json} and run.sh's {@code loadavg.txt}; any may be missing.
 */
final class PeerSections {
    /** Samples per epoch of each training workload (org.torch4j.perf.workloads.Workloads). */
    private static final Map<String, Integer> SAMPLES = Map.of("mlp", 240, "cnn", 256, "lstm", 512, "transformer", 512);
    private static final String[] WORKLOADS = {"mlp", "cnn", "lstm", "transformer"};
    private static final Map<String, String> WORKLOAD_TEXT = Map.of(
            "mlp", "MLP classifier (sample 9)", "cnn", "small CNN (sample 10)", "lstm", "LSTM (sample 11)",
            "transformer", "Transformer encoder, 2 layers");

    private final Path in;
    private final Path out;
    private final List<Report.Jmh> jmh;
    private final JsonObject python;
    private final JsonObject startup;
    private final StringBuilder md;
    private final List<String[]> targets;
    private final JsonObject pyWork;
    private final JsonObject djlStartup;
    private final JsonObject memory;
    private final JsonObject djlMemory;
    private final JsonObject djlGaps;
    private final JsonObject interleaved;

    PeerSections(Path in, Path out, List<Report.Jmh> jmh, JsonObject python, JsonObject startup, StringBuilder md,
            List<String[]> targets) throws IOException {
        this.in = in;
        this.out = out;
        this.jmh = jmh;
        this.python = python;
        this.startup = startup;
        this.md = md;
        this.targets = targets;
        pyWork = json("python-workloads.json");
        djlStartup = json("djl-startup.json");
        memory = json("memory.json");
        djlMemory = json("djl-memory.json");
        djlGaps = json("djl-gaps.json");
        interleaved = json("interleaved.json");
    }

    private JsonObject json(String name) throws IOException {
        Path p = in.resolve(name);
        return Files.isRegularFile(p) ? JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject() : null;
    }

    void write() throws IOException {
        md.append("## 8. Against Python and DJL: tutorial steps, workloads, start-up, memory\n\n");
        md.append("torch4j (LibTorch 2.10) next to Python's PyTorch 1.13 (`/usr/bin/python3`) and DJL 0.36's PyTorch engine ");
        md.append("(LibTorch 2.7.1, offline native jar, `perf/djl`, each DJL run in its own JVM). Ratios are torch4j / peer for ");
        md.append("times (below 1: torch4j faster) and torch4j / peer for throughputs (above 1: torch4j faster). ");
        md.append("The peers run one after another in one `run.sh` invocation, not interleaved; the load average at the start of each group is listed at the end of this section.\n\n");
        boolean djl = jmh.stream().anyMatch(j -> j.method().startsWith("djl."));
        if (!djl) {
            md.append("DJL: not in this run (`perf/run.sh --only djl` after `mvn -Pdjl -pl perf/djl package -DskipTests`).\n\n");
        }
        steps();
        perOp();
        exceptions();
        startupVsDjl();
        memorySection();
        training();
        inference();
        interleavedSection();
        gaps();
        loadAvg();
    }

    // ------------------------------------------------------------------ sections

    private void steps() throws IOException {
        md.append("### 8a. Tutorial steps 2–8, one iteration\n\n");
        String[][] rows = {
            {"2", "tutorial.Step2Iteration.facade", "step2", null, null},
            {"3", "tutorial.Step3Iteration.facade", "step3", "djl.DjlStep3.idiomatic", "djl.DjlStep3.tuned"},
            {"4 (custom autograd function)", "tutorial.Step4Iteration.facade", "step4", null, null},
            {"5 (nn.Sequential, manual update)", "tutorial.Step5Iteration.facade", "step5", null, null},
            {"6 (RMSprop)", "tutorial.Step6Iteration.facade", "step6", null, null},
            {"6 (Adam)", "tutorial.Step6Iteration.facadeAdam", "step6adam", "djl.DjlStep6.step", null},
            {"7 (custom Module, SGD)", "tutorial.Step7Iteration.facade", "step7", null, null},
            {"8 (dynamic graph, SGD momentum)", "tutorial.Step8Iteration.facade", "step8", null, null},
        };
        if (rows.length == 0 || jmh.stream().noneMatch(j -> j.method().startsWith("tutorial."))) {
            md.append("(not run: `perf/run.sh --only tutorial,python`)\n\n");
            return;
        }
        md.append("2000 points; torch4j: JMH (`org.torch4j.perf.tutorial.StepNIteration`, a Scope per iteration); Python: ");
        md.append("`bench.py`'s `TUTORIAL`, median over rounds, the faster of 1 and 2 threads; DJL: *idiomatic* as its documentation writes a ");
        md.append("manual loop (NDScope, GradientCollector with `zeroGradients()`), *tuned* zeroing each gradient in place; step 6 through a `Trainer`. ");
        md.append("DJL cannot run step 6 as the tutorial writes it (RMSprop, see 8i); steps 2, 4, 5, 7 and 8 are not ported to DJL.\n\n");
        md.append("| step | torch4j | Python (best of 1/2 threads) | DJL idiomatic | DJL tuned | torch4j / Python | torch4j / DJL idiomatic | torch4j / DJL tuned |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Bars bars = new Bars("Tutorial steps: torch4j's speed-up over each peer (peer time / torch4j time)", "× (above 1: torch4j faster)", false);
        for (String[] r : rows) {
            Report.Jmh f = find(r[1]);
            double t = f == null ? Double.NaN : f.ns();
            double p = minOrNaN(pyStep(r[2], 1), pyStep(r[2], 2));
            double di = r[3] == null ? Double.NaN : ns(find(r[3], "optimizer", "adam"));
            double dt = r[4] == null ? Double.NaN : ns(find(r[4]));
            if (!Double.isFinite(t) && !Double.isFinite(p)) {
                continue;
            }
            md.append("| ").append(r[0]).append(" | ").append(time(t)).append(" | ").append(time(p)).append(" | ")
                    .append(r[3] == null ? "–" : time(di)).append(" | ").append(r[4] == null ? "–" : time(dt)).append(" | ")
                    .append(ratio(t / p)).append(" | ").append(ratio(t / di)).append(" | ").append(ratio(t / dt)).append(" |\n");
            String cat = r[0].split(" ")[0] + (r[0].contains("Adam") ? " Adam" : "");
            bars.put(cat, "vs Python 1.13", p / t).put(cat, "vs DJL idiomatic", di / t).put(cat, "vs DJL tuned", dt / t);
        }
        md.append('\n').append(bars.save(out, "steps-vs-peers.png"));
    }

    private void perOp() throws IOException {
        md.append("### 8b. Per-op cost against DJL\n\n");
        if (find("djl.DjlPerOp.scope") == null) {
            md.append("(DJL not run)\n\n");
            return;
        }
        md.append("The ops of section 1 on float32 vectors; torch4j: `PerOp.facade` (Scope per op); DJL: `NDScope` per op (*scope*) or ");
        md.append("`close()` on the result (*close*); Python: the faster of 1 and 2 threads.\n\n");
        md.append("| op | size | torch4j | DJL scope | DJL close | Python | torch4j / DJL best | torch4j / Python |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Bars bars = new Bars("Per-op, size 1: torch4j's speed-up over each peer (peer time / torch4j time)", "× (above 1: torch4j faster)", false);
        for (String op : new String[] {"add", "mul", "pow", "sum"}) {
            for (String size : new String[] {"1", "2000"}) {
                double t = ns(find("PerOp.facade", "op", op, "size", size));
                double ds = ns(find("djl.DjlPerOp.scope", "op", op, "size", size));
                double dc = ns(find("djl.DjlPerOp.close", "op", op, "size", size));
                double p = minOrNaN(pyPerOp(op, Integer.parseInt(size), 1), pyPerOp(op, Integer.parseInt(size), 2));
                double dBest = minOrNaN(ds, dc);
                if (!Double.isFinite(t) && !Double.isFinite(dBest)) {
                    continue;
                }
                md.append("| `").append(op).append("` | ").append(size).append(" | ").append(time(t)).append(" | ").append(time(ds))
                        .append(" | ").append(time(dc)).append(" | ").append(time(p)).append(" | ").append(ratio(t / dBest))
                        .append(" | ").append(ratio(t / p)).append(" |\n");
                if (size.equals("1")) {
                    bars.put(op, "vs DJL (its faster variant)", dBest / t).put(op, "vs Python 1.13", p / t);
                }
            }
        }
        md.append('\n').append(bars.save(out, "perop-vs-djl.png"));
    }

    private void exceptions() {
        md.append("### 8c. Exception cost against DJL\n\n");
        Report.Jmh f = find("Exceptions.facade");
        Report.Jmh d = find("djl.DjlExceptions.shapeMismatch");
        if (d == null) {
            md.append("(DJL not run)\n\n");
            return;
        }
        md.append("One failing `[3] + [4]` thrown and caught. DJL turns LibTorch's error, with its symbolised C++ backtrace, into an `EngineException`.\n\n");
        md.append("| torch4j | DJL | DJL / torch4j |\n|---:|---:|---:|\n| ").append(time(ns(f))).append(" | ").append(time(d.ns()))
                .append(" | ").append(ratio(d.ns() / ns(f))).append(" |\n\n");
    }

    private void startupVsDjl() throws IOException {
        md.append("### 8d. Start-up against DJL\n\n");
        if (djlStartup == null) {
            md.append("(DJL not run)\n\n");
            return;
        }
        md.append("JVM start to the first op done and RSS after it, fresh JVMs, median over runs (torch4j: `report.Startup`, DJL: `DjlStartup`; ");
        md.append("*cold*: an empty extraction cache, JavaCPP's or DJL's). The DJL probe runs `ones(3).add(1).sum()` as torch4j's.\n\n");
        md.append("| case | runs | first op done (ms) | RSS after first op (MiB) | classes |\n|---|---:|---:|---:|---:|\n");
        Bars bars = new Bars("Start-up: JVM start to first op", "ms", false);
        for (JsonObject src : new JsonObject[] {startup, djlStartup}) {
            if (src == null) {
                continue;
            }
            for (Map.Entry<String, JsonElement> e : src.entrySet()) {
                JsonArray runs = e.getValue().getAsJsonArray();
                md.append("| ").append(e.getKey()).append(" | ").append(runs.size()).append(" | ").append(stat(runs, "firstOpMs"))
                        .append(" | ").append(stat(runs, "rssMiB")).append(" | ").append(stat(runs, "classes")).append(" |\n");
                bars.put(e.getKey(), "first op done", med(runs, "firstOpMs"));
            }
        }
        md.append('\n');
        double tf = startup == null ? Double.NaN : med(arr(startup, "warm facade"), "firstOpMs");
        double df = med(arr(djlStartup, "warm djl"), "firstOpMs");
        double tr = startup == null ? Double.NaN : med(arr(startup, "warm facade"), "rssMiB");
        double dr = med(arr(djlStartup, "warm djl"), "rssMiB");
        if (Double.isFinite(tf) && Double.isFinite(df)) {
            targets.add(new String[] {"start-up (warm cache): first op done ≤ DJL's, same run",
                String.format(Locale.ROOT, "torch4j %.0f ms vs DJL %.0f ms (%s)", tf, df, ratio(tf / df)), tf <= df ? "met" : "not met"});
        }
        if (Double.isFinite(tr) && Double.isFinite(dr)) {
            targets.add(new String[] {"RSS after the first op ≤ 1.1× DJL's",
                String.format(Locale.ROOT, "torch4j %.0f MiB vs DJL %.0f MiB (%s)", tr, dr, ratio(tr / dr)), tr <= 1.1 * dr ? "met" : "not met"});
        }
        md.append(bars.save(out, "startup-vs-djl.png"));
    }

    private void memorySection() throws IOException {
        md.append("### 8e. Memory over a long loop\n\n");
        if (memory == null && djlMemory == null) {
            md.append("(not run: `perf/run.sh --only memory,djl`)\n\n");
            return;
        }
        md.append("Step-3 iterations in one JVM, sampled ten times: RSS, JVM heap in use, and live native tensors (torch4j: ");
        md.append("`Torch.liveTensorCount()`; DJL: arrays its benchmark manager still tracks). Flat lines mean no leak.\n\n");
        md.append("| library, loop | iterations | µs / iteration | RSS first → last (max), MiB | heap last, MiB | live first → last |\n|---|---:|---:|---:|---:|---:|\n");
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(860).height(480)
                .title("RSS over a long step-3 loop").xAxisTitle("iteration").yAxisTitle("RSS (MiB)").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        boolean any = false;
        for (JsonObject src : new JsonObject[] {memory, djlMemory}) {
            if (src == null) {
                continue;
            }
            for (JsonElement e : src.getAsJsonArray("results")) {
                JsonObject v = e.getAsJsonObject();
                JsonArray s = v.getAsJsonArray("samples");
                JsonObject first = s.get(0).getAsJsonObject();
                JsonObject last = s.get(s.size() - 1).getAsJsonObject();
                double max = 0;
                double[] xs = new double[s.size()];
                double[] ys = new double[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    JsonObject o = s.get(i).getAsJsonObject();
                    max = Math.max(max, o.get("rssMiB").getAsDouble());
                    xs[i] = o.get("iteration").getAsDouble();
                    ys[i] = o.get("rssMiB").getAsDouble();
                }
                String name = v.get("library").getAsString() + ", " + v.get("variant").getAsString();
                md.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d", src.get("iterations").getAsInt()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", v.get("usPerIteration").getAsDouble()))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f → %.0f (%.0f)", first.get("rssMiB").getAsDouble(),
                                last.get("rssMiB").getAsDouble(), max))
                        .append(" | ").append(String.format(Locale.ROOT, "%.0f", last.get("heapMiB").getAsDouble()))
                        .append(" | ").append(first.get("live").getAsLong()).append(" → ").append(last.get("live").getAsLong()).append(" |\n");
                chart.addSeries(name, xs, ys);
                any = true;
            }
        }
        md.append('\n');
        if (any) {
            org.knowm.xchart.BitmapEncoder.saveBitmap(chart, out.resolve("memory-rss.png").toString(), org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG);
            md.append("![RSS over a long loop](memory-rss.png)\n\n");
        }
    }

    private void training() throws IOException {
        md.append("### 8f. Training throughput\n\n");
        if (find("workloads.Training.epoch") == null && pyWork == null && find("djl.DjlTraining.epoch") == null) {
            md.append("(not run: `perf/run.sh --only workloads,djl`)\n\n");
            return;
        }
        md.append("One epoch of each workload (same layers, optimizer, batch size and data shapes): MLP 240 samples, batch 32, AdamW; ");
        md.append("CNN 256 images 1×12×12, batch 32, SGD momentum; LSTM(2→16) and the Transformer encoder (d 32, 4 heads, ff 64) on 512 ");
        md.append("sequences 12×2, batch 64, Adam. torch4j: `workloads.Training` (JMH, default intra-op threads); Python: `workloads.py` ");
        md.append("with 1 and 2 threads; DJL: `DjlTraining.epoch` as DJL's documentation trains (Trainer + ArrayDataset + EasyTrain.trainBatch), ");
        md.append("`epochTuned` batching as torch4j does (a permutation, one indexed `get` per batch, an NDScope per batch). Samples per second, higher is better.\n\n");
        md.append("Each library at its default intra-op threads and at one thread; every ratio takes each side's faster setting ")
                .append("(on a busy machine one thread wins, see 5c).\n\n");
        md.append("| workload | torch4j default | torch4j 1 thread | Python 1 thread | Python 2 threads | DJL idiomatic (default / 1 thread) ")
                .append("| DJL tuned (default / 1 thread) | torch4j / Python | torch4j / DJL idiomatic | torch4j / DJL tuned |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Bars bars = new Bars("Training: torch4j's speed-up over each peer (torch4j samples/s / peer samples/s)", "× (above 1: torch4j faster)", false);
        for (String w : WORKLOADS) {
            int n = SAMPLES.get(w);
            double t0 = perSecond(find("workloads.Training.epoch", "workload", w, "threads", "0"), n);
            double t1 = perSecond(find("workloads.Training.epoch", "workload", w, "threads", "1"), n);
            double p1 = pyTrain(w, 1);
            double p2 = pyTrain(w, 2);
            double d0 = perSecond(find("djl.DjlTraining.epoch", "workload", w, "threads", "0"), n);
            double d1 = perSecond(find("djl.DjlTraining.epoch", "workload", w, "threads", "1"), n);
            double e0 = perSecond(find("djl.DjlTraining.epochTuned", "workload", w, "threads", "0"), n);
            double e1 = perSecond(find("djl.DjlTraining.epochTuned", "workload", w, "threads", "1"), n);
            double t = maxOrNaN(t0, t1);
            double pb = maxOrNaN(p1, p2);
            double d = maxOrNaN(d0, d1);
            double dt = maxOrNaN(e0, e1);
            md.append("| ").append(WORKLOAD_TEXT.get(w)).append(" | ").append(rate(t0)).append(" | ").append(rate(t1)).append(" | ")
                    .append(rate(p1)).append(" | ").append(rate(p2)).append(" | ").append(rate(d0)).append(" / ").append(rate(d1))
                    .append(" | ").append(rate(e0)).append(" / ").append(rate(e1)).append(" | ").append(ratio(t / pb))
                    .append(" | ").append(ratio(t / d)).append(" | ").append(ratio(t / dt)).append(" |\n");
            bars.put(w, "vs Python 1.13", t / pb).put(w, "vs DJL idiomatic", t / d).put(w, "vs DJL tuned", t / dt);
        }
        md.append('\n').append(bars.save(out, "training-throughput.png"));
    }

    private void inference() throws IOException {
        md.append("### 8g. TorchScript inference: sample 12's CNN\n\n");
        JsonObject py = pyWork != null && pyWork.has("inference") ? pyWork.getAsJsonObject("inference") : null;
        if (find("workloads.ScriptCnn.latencyBatch1") == null && py == null && find("djl.DjlScriptInference.latencyBatch1") == null) {
            md.append("(not run: `perf/run.sh --only workloads,djl`)\n\n");
            return;
        }
        md.append("`samples/parity/models/step12_cnn.pt` (traced by PyTorch 1.13: two Conv/BN/ReLU/MaxPool blocks, Linear to 10 classes, 1×16×16 inputs), ");
        md.append("one loaded module, one intra-op thread everywhere; torch4j: `ScriptModule` under inference mode in a Scope; Python: `torch.jit.load` ");
        md.append("under `inference_mode`; DJL: `Model.load`, the block's forward with training=false in an NDScope. Throughput: batch 1 from 1 or 2 threads sharing the module.\n\n");
        md.append("| case | torch4j | Python | DJL | torch4j / Python | torch4j / DJL |\n|---|---:|---:|---:|---:|---:|\n");
        Bars bars = new Bars("TorchScript CNN: torch4j's speed-up over each peer", "× (above 1: torch4j faster)", false);
        String[][] lat = {{"latencyBatch1", "latency_b1", "latency, batch 1"}, {"latencyBatch8", "latency_b8", "latency, batch 8"}};
        for (String[] r : lat) {
            double t = ns(find("workloads.ScriptCnn." + r[0]));
            double p = py != null && py.has(r[1]) ? py.getAsJsonObject(r[1]).get("median_ns").getAsDouble() : Double.NaN;
            double d = ns(find("djl.DjlScriptInference." + r[0]));
            md.append("| ").append(r[2]).append(" | ").append(time(t)).append(" | ").append(time(p)).append(" | ").append(time(d))
                    .append(" | ").append(ratio(t / p)).append(" (time) | ").append(ratio(t / d)).append(" (time) |\n");
            bars.put(r[2], "vs Python 1.13", p / t).put(r[2], "vs DJL", d / t);
        }
        String[][] thr = {{"throughput1Thread", "throughput_t1", "1", "throughput, 1 thread"}, {"throughput2Threads", "throughput_t2", "2", "throughput, 2 threads"}};
        for (String[] r : thr) {
            int k = Integer.parseInt(r[2]);
            double t = k * 1e9 / ns(find("workloads.ScriptCnn." + r[0]));
            double p = py != null && py.has(r[1]) ? py.getAsJsonObject(r[1]).get("median_per_s").getAsDouble() : Double.NaN;
            double d = k * 1e9 / ns(find("djl.DjlScriptInference." + r[0]));
            md.append("| ").append(r[3]).append(" | ").append(rate(t)).append(" | ").append(rate(p)).append(" | ").append(rate(d))
                    .append(" | ").append(ratio(t / p)).append(" (forwards/s) | ").append(ratio(t / d)).append(" (forwards/s) |\n");
            bars.put(r[3], "vs Python 1.13", t / p).put(r[3], "vs DJL", t / d);
        }
        md.append('\n').append(bars.save(out, "inference-vs-peers.png"));
    }

    private void interleavedSection() throws IOException {
        md.append("### 8h. torch4j against DJL, interleaved\n\n");
        if (interleaved == null) {
            md.append("(not run: `perf/run.sh --only djl`)\n\n");
            return;
        }
        md.append("`report.Interleaved` keeps a torch4j JVM and a DJL JVM up and asks each in turn (order alternating) for a block of about ")
                .append(String.format(Locale.ROOT, "%.0f ms", interleaved.get("blockNs").getAsDouble() / 1e6)).append(" of the same case, ")
                .append(interleaved.get("rounds").getAsInt()).append(" rounds: a neighbour's load hits both sides of a round alike, so the ")
                .append("median of the per-round ratios is steadier than ratios of separate JMH runs. Per-op cases: a Scope (torch4j) or NDScope (DJL) per op.\n\n");
        md.append("| case | torch4j | DJL | torch4j / DJL (IQR) | DJL / torch4j | load average (1 min) during the rounds |\n|---|---:|---:|---:|---:|---:|\n");
        Bars bars = new Bars("Interleaved: torch4j's speed-up over DJL (DJL time / torch4j time)", "× (above 1: torch4j faster)", false);
        for (JsonElement e : interleaved.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            double r = o.get("ratio").getAsDouble();
            md.append("| ").append(o.get("case").getAsString()).append(" | ").append(time(o.get("torch4jNs").getAsDouble())).append(" | ")
                    .append(time(o.get("djlNs").getAsDouble())).append(" | ").append(ratio(r)).append(" (")
                    .append(ratio(o.get("ratioQ1").getAsDouble())).append("–").append(ratio(o.get("ratioQ3").getAsDouble())).append(") | ")
                    .append(String.format(Locale.ROOT, "%.1f×", 1 / r)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f–%.1f", o.get("load1Min").getAsDouble(), o.get("load1Max").getAsDouble())).append(" |\n");
            bars.put(o.get("case").getAsString(), "vs DJL", 1 / r);
        }
        md.append('\n').append(bars.save(out, "interleaved-vs-djl.png"));
    }

    private void gaps() {
        md.append("### 8i. What DJL cannot run here\n\n");
        md.append("| case | reason |\n|---|---|\n");
        if (djlGaps != null) {
            for (JsonElement e : djlGaps.getAsJsonArray("cases")) {
                JsonObject o = e.getAsJsonObject();
                md.append("| ").append(o.get("case").getAsString()).append(" | ")
                        .append(o.get("runs").getAsBoolean() ? "runs in this run (no gap)" : "`" + o.get("error").getAsString().replace("|", "\\|") + "`")
                        .append(" |\n");
            }
        } else {
            md.append("| step 6 with RMSprop | (DjlGaps not run; earlier runs: DJL's RmsProp throws \"Not implemented\" on the PyTorch engine) |\n");
        }
        md.append("| tutorial steps 2, 4, 5, 7, 8 | not ported to DJL in `perf/djl` (step 4 would need a custom autograd function, which DJL's API does not offer) |\n");
        md.append("| per-op at 2,000,000 elements, matmul, fit, contention | not ported to DJL (the op cost there is LibTorch's, the same kernels) |\n\n");
    }

    private void loadAvg() throws IOException {
        Path p = in.resolve("loadavg.txt");
        if (Files.isRegularFile(p)) {
            md.append("Load average (1, 5, 15 min) at the start of each group (`loadavg.txt`):\n\n```\n")
                    .append(Files.readString(p, StandardCharsets.UTF_8).strip()).append("\n```\n\n");
        }
    }

    // ------------------------------------------------------------------ helpers

    private Report.Jmh find(String method, String... kv) {
        outer:
        for (Report.Jmh j : jmh) {
            if (!j.method().equals(method)) {
                continue;
            }
            for (int i = 0; i + 1 < kv.length; i += 2) {
                String v = j.params().get(kv[i]);
                if (v != null && !v.equals(kv[i + 1])) {
                    continue outer;
                }
            }
            return j;
        }
        return null;
    }

    private static double ns(Report.Jmh j) {
        return j == null ? Double.NaN : j.ns();
    }

    private static double perSecond(Report.Jmh epoch, int samples) {
        return epoch == null ? Double.NaN : samples * 1e9 / epoch.ns();
    }

    private double pyTrain(String w, int threads) {
        if (pyWork == null) {
            return Double.NaN;
        }
        for (JsonElement e : pyWork.getAsJsonArray("training")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("workload").getAsString().equals(w) && o.get("threads").getAsInt() == threads) {
                return o.get("samples_per_s").getAsDouble();
            }
        }
        return Double.NaN;
    }

    private double pyStep(String step, int threads) {
        return pyResult("tutorial", "step", step, threads) * 1000.0;
    }

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

    private double pyResult(String bench, String key, String value, int threads) {
        if (python == null) {
            return Double.NaN;
        }
        for (JsonElement e : python.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("bench").getAsString().equals(bench) && o.has(key) && o.get(key).getAsString().equals(value)
                    && o.get("threads").getAsInt() == threads) {
                return o.get("median").getAsDouble();
            }
        }
        return Double.NaN;
    }

    private static JsonArray arr(JsonObject o, String key) {
        return o != null && o.has(key) ? o.getAsJsonArray(key) : new JsonArray();
    }

    private static double med(JsonArray runs, String key) {
        List<Double> v = new ArrayList<>();
        for (JsonElement e : runs) {
            if (e.getAsJsonObject().has(key)) {
                v.add(e.getAsJsonObject().get(key).getAsDouble());
            }
        }
        return v.isEmpty() ? Double.NaN : Report.median(v);
    }

    private static String stat(JsonArray runs, String key) {
        List<Double> v = new ArrayList<>();
        for (JsonElement e : runs) {
            if (e.getAsJsonObject().has(key)) {
                v.add(e.getAsJsonObject().get(key).getAsDouble());
            }
        }
        if (v.isEmpty()) {
            return "–";
        }
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", Report.median(v), min, max);
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%,.0f /s", perSecond) : "–";
    }

    /** The larger of two rates, ignoring a missing (NaN) one; NaN if both are missing. */
    private static double maxOrNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** The smaller of two times, ignoring a missing (NaN) one; NaN if both are missing. */
    private static double minOrNaN(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }
}
