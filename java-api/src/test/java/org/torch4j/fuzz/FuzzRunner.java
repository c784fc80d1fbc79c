package org.torch4j.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.torch4j.ForkedJvm;

/**
 * Runs fuzz sequences in forked JVMs ({@link FuzzMain}) and collects what they report: crashes
 * (the JVM died: signal, hs_err), hangs (a sequence over its time limit, or a silent child),
 * exception types outside the documented set, live-count leaks, each with its seed. A crash or a
 * hang ends that JVM; the next JVM resumes after the seed that caused it.
 *
 * <p>Settings are system properties: {@code fuzz.seed} (first seed, default 1),
 * {@code fuzz.sequences} (default 1000), {@code fuzz.steps} (steps per sequence, 40),
 * {@code fuzz.batch} (sequences per JVM at most, 2500; fewer
 * when that leaves a job without a JVM), {@code fuzz.jobs} (JVMs at once, 2),
 * {@code fuzz.timeoutSeconds} (per sequence, 60), {@code fuzz.jvmArgs} (extra child JVM options,
 * space separated). {@code main} prints the summary and exits 1 on any finding.
 */
public final class FuzzRunner {
    /**
     * Finding kinds that fail a run ("harness" is a bug of the fuzz itself, reported apart; "cycle"
     * is a leak held by LibTorch's own saved-variable cycle, see {@link #classifyLeaks}).
     */
    static final List<String> KINDS = List.of("crash", "hang", "undocumented", "leak", "state");

    /** One run's settings. */
    public record Config(String label, long firstSeed, int sequences, int steps, int batch, int jobs, int timeoutSeconds,
            List<String> jvmArgs) {
        public static Config fromProperties(String label, int defaultSequences, List<String> extraJvmArgs) {
            List<String> jvm = new ArrayList<>(extraJvmArgs);
            String more = System.getProperty("fuzz.jvmArgs", "").trim();
            if (!more.isEmpty()) {
                jvm.addAll(Arrays.asList(more.split("\\s+")));
            }
            return new Config(label, Long.getLong("fuzz.seed", 1), Integer.getInteger("fuzz.sequences", defaultSequences),
                    Integer.getInteger("fuzz.steps", 40), Integer.getInteger("fuzz.batch", 2500), Integer.getInteger("fuzz.jobs", 2),
                    Integer.getInteger("fuzz.timeoutSeconds", 60), jvm);
        }
    }

    /** One finding: kind, seed to replay, what happened. */
    public record Finding(String kind, long seed, String detail) {
    }

    /** What a run found. */
    public static final class Summary {
        public final Config config;
        public long sequences;
        public long calls;
        public int jvms;
        public long millis;
        public final List<Finding> findings = new ArrayList<>();
        public int surface;
        public final Map<String, String> skipped = new TreeMap<>();
        final BitSet invoked = new BitSet();
        final BitSet completed = new BitSet();

        Summary(Config config) {
            this.config = config;
        }

        public long count(String kind) {
            return findings.stream().filter(f -> f.kind.equals(kind)).count();
        }

        /** Findings that fail the run. */
        public List<Finding> failures() {
            return findings.stream().filter(f -> KINDS.contains(f.kind)).toList();
        }

        /** The printed report: totals, then each distinct finding once with its first seed and count. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("fuzz summary [%s]: sequences=%d calls=%d jvms=%d runtime=%.1fs jvmArgs=%s%n", config.label, sequences,
                    calls, jvms, millis / 1000.0, config.jvmArgs));
            sb.append(String.format("  crashes=%d hangs=%d undocumented=%d leaks=%d state=%d harness=%d libtorch-cycles=%d%n", count("crash"),
                    count("hang"), count("undocumented"), count("leak"), count("state"), count("harness"), count("cycle")));
            sb.append(String.format("  surface: %d members called by reflection (%d invoked, %d returned normally at least once), %d skipped%n",
                    surface, invoked.cardinality(), completed.cardinality(), skipped.size()));
            Map<String, List<Finding>> distinct = new LinkedHashMap<>();
            for (Finding f : findings) {
                distinct.computeIfAbsent(f.kind + " " + signature(f.detail), k -> new ArrayList<>()).add(f);
            }
            for (List<Finding> fs : distinct.values()) {
                Finding f = fs.get(0);
                sb.append(String.format("  %s x%d, first seed %d (replay: -Dfuzz.seed=%d -Dfuzz.sequences=1): %s%n", f.kind, fs.size(), f.seed,
                        f.seed, f.detail.length() > 1500 ? f.detail.substring(0, 1500) + "..." : f.detail));
            }
            return sb.toString();
        }

        /** The detail without shapes, numbers and the trace: findings with the same cause share it. */
        static String signature(String detail) {
            String s = detail;
            int cut = s.indexOf(" | ");
            if (cut > 0) {
                s = s.substring(0, cut);
            }
            return s.replaceAll("\\[[^\\]]*\\]", "[]").replaceAll("-?\\d+(\\.\\d+)?", "N");
        }
    }

    private FuzzRunner() {
    }

    /** Runs the sequences of {@code c} in forked JVMs and returns what they reported. */
    public static Summary run(Config c) throws InterruptedException {
        Summary sum = new Summary(c);
        long t0 = System.nanoTime();
        jitModels();
        // JVMs of at most c.batch sequences, but enough of them to give every job one
        int batch = (int) Math.max(1, Math.min(c.batch, (c.sequences + Math.max(1, c.jobs) - 1) / Math.max(1, c.jobs)));
        ArrayDeque<long[]> batches = new ArrayDeque<>();
        for (long s = c.firstSeed; s < c.firstSeed + c.sequences; s += batch) {
            batches.add(new long[] {s, Math.min(s + batch, c.firstSeed + c.sequences)});
        }
        List<Thread> workers = new ArrayList<>();
        for (int j = 0; j < Math.max(1, c.jobs); j++) {
            Thread w = new Thread(() -> {
                while (true) {
                    long[] b;
                    synchronized (batches) {
                        b = batches.poll();
                    }
                    if (b == null) {
                        return;
                    }
                    try {
                        runRange(c, b[0], b[1], sum);
                    } catch (IOException | InterruptedException e) {
                        synchronized (sum) {
                            sum.findings.add(new Finding("harness", b[0], "cannot run a fuzz JVM: " + e));
                        }
                        return;
                    }
                    synchronized (sum) {
                        System.out.printf("fuzz [%s]: %d/%d sequences, %d calls, %d findings, %.0fs%n", c.label, sum.sequences, c.sequences,
                                sum.calls, sum.failures().size(), (System.nanoTime() - t0) / 1e9);
                    }
                }
            }, "fuzz-job-" + j);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        classifyLeaks(c, sum);
        sum.millis = (System.nanoTime() - t0) / 1_000_000;
        return sum;
    }

    /**
     * Replays each leaking seed alone with the leak classifier on ({@link HistoryCutter}): the replay
     * cleans up as it always does and, if that leaks, cuts the autograd history of every tensor that
     * only native references still hold, and reports {@code cycle} when that frees the leak (LibTorch's
     * saved-variable cycle, which PyTorch 1.13 keeps too: docs/DESIGN.md, "Cycles"; it does not fail
     * the run) or {@code leak} when it does not. The first replay that leaks gives the verdict.
     *
     * <p>A sequence with a cross-thread episode leaks only when its threads interleave one way (seed
     * 17239: the helper's in-place op must come before the main thread's close), so a replay may come
     * back clean: that one leaked in about 1 replay in 7 as it ran and in about half with the per-call
     * trace on (printing changes the timing). The replays alternate between the two timings, 8 at
     * most; a leak that never comes back stays a {@code leak}.
     */
    private static void classifyLeaks(Config c, Summary sum) throws InterruptedException {
        List<Finding> leaks;
        synchronized (sum) {
            leaks = sum.findings.stream().filter(f -> f.kind.equals("leak")).toList();
        }
        for (Finding f : leaks) {
            Finding verdict = null;
            int tries = 0;
            for (; tries < 8 && verdict == null; tries++) {
                Summary again = replay(c, f.seed, tries % 2 == 1);
                if (again != null) {
                    verdict = again.findings.stream().filter(g -> g.kind.equals("leak") || g.kind.equals("cycle")).findFirst().orElse(null);
                }
            }
            Finding v = verdict;
            int n = tries;
            synchronized (sum) {
                sum.findings.set(sum.findings.indexOf(f), v == null
                        ? new Finding("leak", f.seed, f.detail + " [the leak did not come back in " + n + " replays alone]")
                        : v.kind.equals("cycle") ? new Finding("cycle", f.seed, v.detail + " (replay " + n + ")")
                        : new Finding("leak", f.seed, f.detail + " [replay " + n + ": " + v.detail + "]"));
            }
        }
    }

    /**
     * Seed {@code seed} alone in a new JVM with the leak classifier on, and the child's per-call trace
     * on or not (it changes the timing of the threads); null if it could not run.
     */
    private static Summary replay(Config c, long seed, boolean traced) throws InterruptedException {
        List<String> jvm = new ArrayList<>(c.jvmArgs);
        jvm.add("-Dfuzz.cutHistories=true");
        if (traced) {
            jvm.add("-Dfuzz.verbose=true");
        }
        Config one = new Config(c.label + " replay" + (traced ? ", traced" : ""), seed, 1, c.steps, 1, 1, c.timeoutSeconds, jvm);
        Summary s = new Summary(one);
        try {
            runRange(one, seed, seed + 1, s);
        } catch (IOException e) {
            return null;
        }
        return s;
    }

    /** Sequences ended in this process, for the progress line every 500. */
    private static final java.util.concurrent.atomic.AtomicLong PROGRESS = new java.util.concurrent.atomic.AtomicLong();

    /** The TorchScript models' directory, made once for every JVM of this process (python takes seconds), or null. */
    private static String jitModels;
    private static boolean jitModelsTried;

    private static synchronized String jitModels() {
        if (!jitModelsTried) {
            jitModelsTried = true;
            try {
                jitModels = org.torch4j.jit.JitModels.dir().toString();
            } catch (AssertionError e) {
                jitModels = null; // no python3 with torch: each JVM notes that ScriptModule is not fuzzed
            }
        }
        return jitModels;
    }

    /** Runs seeds {@code [from, to)}, in as many JVMs as crashes and hangs make necessary. */
    private static void runRange(Config c, long from, long to, Summary sum) throws IOException, InterruptedException {
        long next = from;
        while (next < to) {
            List<String> jvm = new ArrayList<>(c.jvmArgs);
            jvm.add("-Dfuzz.timeoutSeconds=" + c.timeoutSeconds);
            if (jitModels() != null) {
                jvm.add("-Dtorch4j.jitModels=" + jitModels());
            }
            if (Boolean.getBoolean("fuzz.verbose")) {
                jvm.add("-Dfuzz.verbose=true");
            }
            List<String> cmd = ForkedJvm.command(FuzzMain.class, jvm, Long.toString(next), Long.toString(to - next), Integer.toString(c.steps));
            // a scratch working directory: an op that writes a file by a relative name cannot touch the checkout
            Path work = Files.createTempDirectory("torch4j-fuzz-");
            Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
            Thread reader = new Thread(() -> {
                try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = br.readLine()) != null;) {
                        lines.put(l);
                    }
                } catch (IOException | InterruptedException e) {
                    // the child is gone
                } finally {
                    lines.offer("\u0000EOF");
                }
            });
            reader.setDaemon(true);
            reader.start();
            long begun = -1;
            boolean done = false;
            boolean hang = false;
            ArrayDeque<String> tail = new ArrayDeque<>();
            List<Finding> found = new ArrayList<>();
            long seqs = 0;
            long calls = 0;
            while (true) {
                String l = lines.poll(c.timeoutSeconds + 60L, TimeUnit.SECONDS);
                if (l == null) {
                    p.destroyForcibly();
                    hang = true;
                    found.add(new Finding("hang", begun, "the fuzz JVM printed nothing for " + (c.timeoutSeconds + 60)
                            + " s (its watchdog did not fire either); killed"));
                    break;
                }
                if (l.equals("\u0000EOF")) {
                    break;
                }
                if (!l.startsWith("FUZZ|")) {
                    tail.add(l);
                    if (tail.size() > 20) {
                        tail.poll();
                    }
                    continue;
                }
                String[] f = l.split("\\|", -1);
                switch (f[1]) {
                    case "begin" -> begun = Long.parseLong(f[2]);
                    case "end" -> {
                        seqs++;
                        calls += Long.parseLong(f[3]);
                        long n = PROGRESS.incrementAndGet();
                        if (n % 500 == 0) {
                            System.out.printf("fuzz [%s]: %d sequences ended (all runs so far)%n", c.label, n);
                        }
                    }
                    case "finding" -> found.add(new Finding(f[2], Long.parseLong(f[3]), f[4]));
                    case "hang" -> {
                        hang = true;
                        found.add(new Finding("hang", Long.parseLong(f[2]), f[3]));
                    }
                    case "surface" -> {
                        synchronized (sum) {
                            sum.surface = Integer.parseInt(f[2]);
                        }
                    }
                    case "skipped" -> {
                        synchronized (sum) {
                            sum.skipped.put(f[2], f[3]);
                        }
                    }
                    // -Dfuzz.verbose=true: the child's per-call trace, printed as it comes
                    case "call" -> {
                        if (Boolean.getBoolean("fuzz.verbose")) { // not a classifier's traced replay
                            System.out.println("fuzz call [" + c.label + "]: " + String.join(" | ", Arrays.asList(f).subList(2, f.length)));
                        }
                    }
                    case "done" -> {
                        done = true;
                        synchronized (sum) {
                            sum.invoked.or(BitSet.valueOf(HexFormat.of().parseHex(f[2])));
                            sum.completed.or(BitSet.valueOf(HexFormat.of().parseHex(f[3])));
                        }
                    }
                    default -> tail.add(l);
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            int exit = p.exitValue();
            deleteTree(work);
            if (!done && !hang) {
                found.add(new Finding("crash", begun, crashReport(p.pid(), exit) + " | output tail: " + String.join(" / ", tail)));
            }
            synchronized (sum) {
                sum.jvms++;
                sum.sequences += seqs + (done ? 0 : 1);
                sum.calls += calls;
                sum.findings.addAll(found);
            }
            // as they come, so that a long run stopped early still says what it found
            for (Finding f : found) {
                System.out.println("fuzz finding [" + c.label + "]: " + f.kind + " seed " + f.seed + ": " + f.detail);
            }
            if (done) {
                return;
            }
            if (begun < 0) {
                return; // the JVM died before its first sequence: reported as a crash, do not loop
            }
            next = begun + 1;
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left in the temp directory is harmless
        }
    }

    /**
     * "SIGSEGV in &lt;native frame&gt; from &lt;first torch4j Java frame&gt; (exit N) | hs_err: path", from
     * the child's hs_err file when it wrote one; addresses are left out so equal crashes group.
     */
    static String crashReport(long pid, int exit) {
        Path f = ForkedJvm.crashReport(pid);
        if (!Files.exists(f)) {
            return "JVM died (exit " + exit + ", no hs_err file)";
        }
        String signal = "?";
        String frame = "?";
        String java = "?";
        try {
            List<String> ls = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < ls.size(); i++) {
                String l = ls.get(i);
                if (signal.equals("?") && l.startsWith("#  SIG")) {
                    signal = l.substring(3).split(" ")[0];
                } else if (frame.equals("?") && i > 0 && ls.get(i - 1).startsWith("# Problematic frame")) {
                    frame = l.replace("#", "").replaceAll("\\+0x[0-9a-f]+", "").trim();
                } else if (java.equals("?") && (l.startsWith("j  org.torch4j.") || l.startsWith("J ") && l.contains(" org.torch4j."))) {
                    java = l.substring(l.indexOf("org.torch4j.")).replaceAll("\\+\\d+.*", "").replaceAll(" .*", "");
                }
            }
        } catch (IOException e) {
            return "JVM died (exit " + exit + "), hs_err unreadable: " + e.getMessage() + " | hs_err: " + f;
        }
        return signal + " in " + frame + " from " + java + " (exit " + exit + ") | hs_err: " + f;
    }

    /**
     * {@code --short} (1000 sequences), {@code --long} (20,000 sequences at the default heap, then
     * {@code fuzz.longSmallHeapSequences} (default 20,000) at {@code -Xmx64m} with a 1 MB
     * safety-net threshold), or neither (the {@code fuzz.*} properties alone). Exit 1 on any finding.
     */
    public static void main(String[] args) throws Exception {
        List<Summary> runs = new ArrayList<>();
        boolean lng = Arrays.asList(args).contains("--long");
        if (lng) {
            runs.add(run(Config.fromProperties("long", 20_000, List.of())));
            Config small = Config.fromProperties("long -Xmx64m", Integer.getInteger("fuzz.longSmallHeapSequences", 20_000),
                    List.of("-Xmx64m", "-Dtorch4j.gcThresholdBytes=1048576"));
            runs.add(run(small));
        } else {
            runs.add(run(Config.fromProperties(Arrays.asList(args).contains("--short") ? "short" : "custom", 1000, List.of())));
        }
        int failures = 0;
        for (Summary s : runs) {
            System.out.print(s.text());
            failures += s.failures().size();
        }
        Summary s0 = runs.get(0);
        if (!s0.skipped.isEmpty()) {
            System.out.println("  members not called:");
            s0.skipped.forEach((k, v) -> System.out.println("    " + k + ": " + v));
        }
        System.out.println(failures == 0 ? "fuzz: PASS" : "fuzz: FAIL (" + failures + " findings)");
        System.exit(failures == 0 ? 0 : 1);
    }
}
