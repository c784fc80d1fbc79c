package org.torch4j.perf.report;

import com.google.gson.GsonBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * torch4j against DJL in interleaved rounds, as {@code Paired} does facade against raw, but across
 * two processes (DJL's LibTorch 2.7.1 and torch4j's 2.10 must not share one): a torch4j
 * {@code PeerServer} JVM and a DJL {@code DjlPeerServer} JVM stay up, and each round asks one then
 * the other (the order alternating) for a block of about {@code -Dinterleaved.blockNs} (20 ms) of
 * the same case. A neighbour's load hits both sides of a round alike; the per-round ratio's median
 * and IQR are reported with the load average seen during the rounds.
 *
 * <p>Usage: {@code Interleaved OUT.json DJL_JAR [ROUNDS] [CASES]} (default 21 rounds; cases as in
 * {@link #CASES}, comma-separated labels).
 */
public final class Interleaved {
    /** label, torch4j case, DJL case. */
    static final String[][] CASES = {
        {"add@1", "add@1", "add@1"}, {"mul@1", "mul@1", "mul@1"}, {"pow@1", "pow@1", "pow@1"}, {"sum@1", "sum@1", "sum@1"},
        {"add@2000", "add@2000", "add@2000"}, {"mul@2000", "mul@2000", "mul@2000"}, {"pow@2000", "pow@2000", "pow@2000"},
        {"sum@2000", "sum@2000", "sum@2000"},
        {"step3 (DJL idiomatic)", "step3", "step3"}, {"step3 (DJL tuned)", "step3", "step3tuned"},
        {"step6 Adam", "step6adam", "step6adam"}, {"exception", "exception", "exception"},
    };

    private Interleaved() {
    }

    /** One long-lived server process. */
    private static final class Server implements AutoCloseable {
        final Process p;
        final BufferedReader out;
        final PrintWriter in;

        Server(List<String> cmd) throws IOException {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = out.readLine();
            if (!"ready".equals(first)) {
                throw new IllegalStateException("peer server did not start: " + cmd + " said " + first);
            }
        }

        /** Nanoseconds that n calls of the case took. */
        long run(String c, long n) throws IOException {
            in.println(c + " " + n);
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("peer server died on " + c);
            }
            return Long.parseLong(line.trim());
        }

        /** Calls per block of about blockNs, after about a second of warm-up. */
        long calibrate(String c, long blockNs) throws IOException {
            long n = 1;
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            long t;
            while (true) {
                t = run(c, n);
                if (t > blockNs / 4 && System.nanoTime() > warmEnd) {
                    break;
                }
                if (t < blockNs / 4) {
                    n *= 2;
                }
            }
            return Math.max(1, (long) (n * (double) blockNs / Math.max(1, t)));
        }

        @Override
        public void close() {
            in.println("quit");
            p.destroy();
        }
    }

    public static void main(String[] args) throws Exception {
        Path outFile = Path.of(args[0]);
        String djlJar = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        List<String> only = args.length > 3 ? Arrays.asList(args[3].split(",")) : null;
        long blockNs = Long.getLong("interleaved.blockNs", 20_000_000L);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Map<String, Object>> results = new ArrayList<>();
        try (Server t4j = new Server(List.of(java, "-Xss4m", "-cp", System.getProperty("java.class.path"), "org.torch4j.perf.PeerServer"));
                Server djl = new Server(List.of(java, "-Dai.djl.offline=true", "-cp", djlJar, "org.torch4j.perf.djl.DjlPeerServer"))) {
            for (String[] c : CASES) {
                if (only != null && !only.contains(c[0])) {
                    continue;
                }
                long nT = t4j.calibrate(c[1], blockNs);
                long nD = djl.calibrate(c[2], blockNs);
                double[] perT = new double[rounds];
                double[] perD = new double[rounds];
                double[] ratio = new double[rounds];
                double loadMin = Double.MAX_VALUE;
                double loadMax = 0;
                for (int r = 0; r < rounds; r++) {
                    if (r % 2 == 0) {
                        perT[r] = t4j.run(c[1], nT) / (double) nT;
                        perD[r] = djl.run(c[2], nD) / (double) nD;
                    } else {
                        perD[r] = djl.run(c[2], nD) / (double) nD;
                        perT[r] = t4j.run(c[1], nT) / (double) nT;
                    }
                    ratio[r] = perT[r] / perD[r];
                    double load = load1();
                    loadMin = Math.min(loadMin, load);
                    loadMax = Math.max(loadMax, load);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("case", c[0]);
                row.put("torch4jNs", quantile(perT, 0.5));
                row.put("djlNs", quantile(perD, 0.5));
                row.put("ratio", quantile(ratio, 0.5));
                row.put("ratioQ1", quantile(ratio, 0.25));
                row.put("ratioQ3", quantile(ratio, 0.75));
                row.put("load1Min", loadMin);
                row.put("load1Max", loadMax);
                results.add(row);
                System.out.println(String.format(Locale.ROOT, "interleaved %-22s torch4j %10.0f ns  DJL %10.0f ns  torch4j/DJL %.3f (IQR %.3f-%.3f) load %.1f-%.1f",
                        c[0], quantile(perT, 0.5), quantile(perD, 0.5), quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75), loadMin, loadMax));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rounds", rounds);
        doc.put("blockNs", blockNs);
        doc.put("results", results);
        Files.writeString(outFile, new GsonBuilder().setPrettyPrinting().create().toJson(doc), StandardCharsets.UTF_8);
    }

    private static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double quantile(double[] a, double q) {
        double[] s = a.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
