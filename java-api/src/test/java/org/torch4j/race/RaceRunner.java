package org.torch4j.race;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.torch4j.ForkedJvm;

/**
 * Runs the races of {@link Races} in forked JVMs ({@link RaceMain}): one JVM per pass runs every
 * race in turn (LibTorch's start-up costs far more than a race); when a race crashes or hangs that
 * JVM, it is charged to that race and the pass continues with the next race in a new JVM. Every
 * pass runs at {@code -Xmx64m} with a 64 KB safety-net threshold, so the Cleaner is busy under all
 * of them. {@code main}: {@code RaceRunner [runs] [race...]} (default 1 run of every race) prints a
 * pass count per race; exit 1 if any run failed. Used by {@code bash ci/races.sh N} and, for one
 * pass, by {@link RaceTest}.
 */
public final class RaceRunner {
    /** Seconds one race may run before it counts as hung (LibTorch's start-up included). */
    static final int TIMEOUT_SECONDS = Integer.getInteger("race.timeoutSeconds", 180);
    static final List<String> JVM_ARGS = List.of("-Xmx64m", "-Dtorch4j.gcThresholdBytes=65536");

    /** How one race ended in one pass. */
    public record Outcome(String race, boolean passed, String verdict, String output) {
    }

    private RaceRunner() {
    }

    /** Runs {@code races} once each, in as few JVMs as crashes allow. */
    public static List<Outcome> pass(List<String> races) throws IOException, InterruptedException {
        List<Outcome> out = new ArrayList<>();
        List<String> todo = new ArrayList<>(races);
        while (!todo.isEmpty()) {
            List<String> cmd = ForkedJvm.command(RaceMain.class, JVM_ARGS, todo.toArray(new String[0]));
            Path log = Files.createTempFile("torch4j-race-", ".log");
            String output;
            int exit;
            boolean finished;
            long pid;
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                pid = p.pid();
                finished = p.waitFor((long) TIMEOUT_SECONDS * todo.size(), TimeUnit.SECONDS);
                if (!finished) {
                    p.destroyForcibly();
                    p.waitFor();
                }
                exit = p.exitValue();
                output = Files.readString(log, StandardCharsets.ISO_8859_1);
            } finally {
                Files.deleteIfExists(log);
            }
            String current = null;
            List<String> done = new ArrayList<>();
            for (String l : output.split("\\R")) {
                if (l.startsWith("RACE begin ")) {
                    current = l.substring("RACE begin ".length()).trim();
                } else if (current != null && l.startsWith("RACE " + current + " ok")) {
                    out.add(new Outcome(current, true, l, ""));
                    done.add(current);
                    current = null;
                } else if (current != null && l.startsWith("RACE " + current + " FAILED")) {
                    out.add(new Outcome(current, false, l.substring(("RACE " + current + " ").length()), output));
                    done.add(current);
                    current = null;
                }
            }
            todo.removeAll(done);
            if (current != null) {
                Path hs = ForkedJvm.crashReport(pid);
                String verdict = !finished ? "HANG (killed after " + TIMEOUT_SECONDS * done.size() + "+ s)"
                        : "CRASH exit " + exit + (Files.exists(hs) ? " (" + hs + ": " + problematicFrame(hs) + ")" : "");
                out.add(new Outcome(current, false, verdict, output));
                todo.remove(current);
            } else if (!todo.isEmpty()) {
                // the JVM died before its first race: charge every remaining race rather than loop
                for (String r : todo) {
                    out.add(new Outcome(r, false, "race JVM failed to start (exit " + exit + ")", output));
                }
                todo.clear();
            }
        }
        return out;
    }

    private static String problematicFrame(Path hs) throws IOException {
        List<String> ls = Files.readAllLines(hs, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(ls.size(), 40); i++) {
            if (ls.get(i).contains("SIG") || (i > 0 && ls.get(i - 1).startsWith("# Problematic frame"))) {
                sb.append(ls.get(i).replace("#", "").trim()).append("; ");
            }
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        List<String> races = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            races.add(args[i]);
        }
        if (races.isEmpty()) {
            races.addAll(Races.ALL.keySet());
        }
        Map<String, Integer> passed = new LinkedHashMap<>();
        for (String r : races) {
            passed.put(r, 0);
        }
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            int ok = 0;
            for (Outcome o : pass(races)) {
                passed.merge(o.race(), o.passed() ? 1 : 0, Integer::sum);
                ok += o.passed() ? 1 : 0;
                if (!o.passed()) {
                    System.out.printf("races: run %d/%d %-28s %s%n", run, runs, o.race(), o.verdict());
                    failures.add("run " + run + " " + o.race() + ": " + o.verdict() + "\n" + tail(o.output()));
                }
            }
            System.out.printf("races: run %d/%d: %d/%d races passed (%.0f s so far)%n", run, runs, ok, races.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("races summary: %d runs x %d races in %.0f s%n", runs, races.size(), (System.nanoTime() - t0) / 1e9);
        passed.forEach((k, v) -> System.out.printf("  %-28s %d/%d%n", k, v, runs));
        for (String f : failures) {
            System.out.println("FAILURE " + f);
        }
        System.out.println(failures.isEmpty() ? "races: PASS" : "races: FAIL (" + failures.size() + " failed runs)");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The last lines of a race JVM's output, without the JVM's crash banner (its hs_err file is named in the verdict). */
    static String tail(String out) {
        List<String> ls = new ArrayList<>();
        for (String l : out.split("\\R")) {
            if (!l.startsWith("#") && !l.isBlank()) {
                ls.add(l);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, ls.size() - 15); i < ls.size(); i++) {
            sb.append("    ").append(ls.get(i)).append('\n');
        }
        return sb.toString();
    }
}
