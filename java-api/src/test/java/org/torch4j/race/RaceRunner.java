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
 * Runs races of {@link Races} in forked JVMs ({@link RaceMain}, one JVM per race), so a crash
 * fails one race instead of the runner. {@code main}: {@code RaceRunner [runs] [race...]} runs every
 * (or each named) race {@code runs} times (default 1) and prints a pass count per race; exit 1 if
 * any run failed. Used by {@code bash ci/races.sh N} and, for one pass, by {@link RaceTest}.
 */
public final class RaceRunner {
    /** Seconds one race JVM may run before it counts as hung. */
    static final int TIMEOUT_SECONDS = Integer.getInteger("race.timeoutSeconds", 180);

    /** How one race JVM ended. */
    public record Outcome(String race, boolean passed, String verdict, String output) {
    }

    private RaceRunner() {
    }

    /** JVM options of a race: the Cleaner race runs at a 64 MB heap with a 64 KB safety-net threshold. */
    static List<String> jvmArgs(String race) {
        return race.equals("cleanerUnderGcPressure") ? List.of("-Xmx64m", "-Dtorch4j.gcThresholdBytes=65536") : List.of("-Xmx256m");
    }

    /** Runs {@code race} once in a new JVM. */
    public static Outcome runOnce(String race) throws IOException, InterruptedException {
        List<String> cmd = ForkedJvm.command(RaceMain.class, jvmArgs(race), race);
        Path log = Files.createTempFile("torch4j-race-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor();
            }
            String out = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (!finished) {
                return new Outcome(race, false, "HANG (killed after " + TIMEOUT_SECONDS + " s)", out);
            }
            int exit = p.exitValue();
            if (exit == 0 && out.contains("RACE " + race + " ok")) {
                return new Outcome(race, true, line(out, "RACE " + race + " ok"), out);
            }
            Path hs = ForkedJvm.crashReport(p.pid());
            String verdict = out.contains("RACE " + race + " FAILED") ? "FAILED " + line(out, "RACE " + race + " FAILED")
                    : "CRASH exit " + exit + (Files.exists(hs) ? " (" + hs + ": " + problematicFrame(hs) + ")" : "");
            return new Outcome(race, false, verdict, out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String line(String out, String prefix) {
        for (String l : out.split("\\R")) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        return "";
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
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            for (String race : races) {
                Outcome o = runOnce(race);
                passed.merge(race, o.passed() ? 1 : 0, Integer::sum);
                System.out.printf("races: run %d/%d %-28s %s%n", run, runs, race, o.passed() ? "ok" : o.verdict());
                if (!o.passed()) {
                    failures.add("run " + run + " " + race + ": " + o.verdict() + "\n" + tail(o.output()));
                }
            }
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
