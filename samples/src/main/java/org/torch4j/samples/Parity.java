package org.torch4j.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a step's printed lines with a recording made by real PyTorch: same number of lines,
 * the same words, and every number within a relative tolerance (absolute where the recorded
 * value is 0).
 */
public final class Parity {
    private Parity() {
    }

    /**
     * Outcome of one comparison. {@code bands} lists what a {@link ParityRule} checked, each with
     * its bound and worst error (empty for the plain {@link #compare(List, List, double)}).
     */
    public record Verdict(boolean pass, double worstRelativeError, String worstAt, String firstMismatch, List<Band> bands) {
        public Verdict {
            bands = List.copyOf(bands);
        }

        public Verdict(boolean pass, double worstRelativeError, String worstAt, String firstMismatch) {
            this(pass, worstRelativeError, worstAt, firstMismatch, List.of());
        }

        public String summary(double tolerance) {
            String err = String.format(java.util.Locale.ROOT, "worst relative error %.3g", worstRelativeError);
            return (pass ? "PASS" : "FAIL") + " (" + err + (worstAt == null ? "" : " at \"" + worstAt + "\"")
                    + ", tolerance " + tolerance + ")" + (firstMismatch == null ? "" : ": " + firstMismatch);
        }

        /** One line: PASS/FAIL, then each band's worst error against its bound. */
        public String summary() {
            if (bands.isEmpty()) {
                return summary(Double.NaN);
            }
            if (bands.size() == 1 && bands.get(0).kind() == Kind.RELATIVE) {
                return summary(bands.get(0).bound());
            }
            StringBuilder sb = new StringBuilder(pass ? "PASS (" : "FAIL (");
            for (int i = 0; i < bands.size(); i++) {
                sb.append(i > 0 ? "; " : "").append(bands.get(i));
            }
            sb.append(')');
            if (firstMismatch != null) {
                sb.append(": ").append(firstMismatch);
            }
            return sb.toString();
        }

        /** The band called {@code name}. */
        public Band band(String name) {
            return bands.stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no band " + name + " in " + bands));
        }
    }

    /** How a band measures error: relative to the recorded value, or absolute. */
    public enum Kind { RELATIVE, ABSOLUTE }

    /** One checked group of numbers: its worst error (and where), against its bound. */
    public record Band(String name, Kind kind, double bound, double worst, String worstAt, int count) {
        public boolean pass() {
            return worst <= bound;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: worst %s %.3g%s, bound %s (%d numbers)", name,
                    kind == Kind.RELATIVE ? "relative" : "absolute", worst,
                    worstAt == null ? "" : " at \"" + worstAt + "\"", bound, count);
        }
    }

    /** Classpath resource of the recording for {@code step} and {@code seed}. */
    public static String resource(int step, long seed) {
        return "/parity/step" + step + "_seed" + seed + ".txt";
    }

    /** The recorded lines, if this step/seed was recorded. */
    public static Optional<List<String>> recording(int step, long seed) {
        try (InputStream in = Parity.class.getResourceAsStream(resource(step, seed))) {
            if (in == null) {
                return Optional.empty();
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        lines.add(line.strip());
                    }
                }
            }
            return Optional.of(lines);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource(step, seed), e);
        }
    }

    /** Compares every line; numbers within {@code tolerance}, other words exactly. */
    public static Verdict compare(List<String> expected, List<String> actual, double tolerance) {
        return compare(expected, actual, tolerance, 0);
    }

    /**
     * As {@link #compare(List, List, double)}, but a recorded number smaller in magnitude than
     * {@code floor} is compared relative to {@code floor} instead of to itself: for values that are
     * rounding noise around an exact zero (see {@link Samples#relativeFloor}).
     */
    public static Verdict compare(List<String> expected, List<String> actual, double tolerance, double floor) {
        double worst = 0;
        String worstAt = null;
        String mismatch = null;
        int numbers = 0;
        if (expected.size() != actual.size()) {
            mismatch = "expected " + expected.size() + " lines, got " + actual.size();
        }
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String[] e = expected.get(i).split("\\s+");
            String[] a = actual.get(i).strip().split("\\s+");
            if (e.length != a.length) {
                mismatch = mismatch != null ? mismatch : "line " + (i + 1) + ": expected \"" + expected.get(i) + "\", got \"" + actual.get(i) + "\"";
                continue;
            }
            for (int k = 0; k < e.length; k++) {
                // a number glued to an opening bracket ("P3(0.25" in step 4) is still a number
                int pe = e[k].lastIndexOf('(');
                int pa = a[k].lastIndexOf('(');
                boolean glued = pe >= 0 && pe == pa && e[k].regionMatches(0, a[k], 0, pe + 1);
                Double ev = number(glued ? e[k].substring(pe + 1) : e[k]);
                Double av = number(glued ? a[k].substring(pa + 1) : a[k]);
                if (ev == null || av == null) {
                    if (!e[k].equals(a[k]) && mismatch == null) {
                        mismatch = "line " + (i + 1) + ": expected \"" + expected.get(i) + "\", got \"" + actual.get(i) + "\"";
                    }
                    continue;
                }
                numbers++;
                double err = relativeError(av, ev, floor);
                if (err > worst || Double.isNaN(err)) {
                    worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
                    worstAt = actual.get(i).strip();
                }
                if (!(err <= tolerance) && mismatch == null) {
                    mismatch = "line " + (i + 1) + ": " + a[k] + " vs recorded " + e[k];
                }
            }
        }
        return new Verdict(mismatch == null, worst, worstAt, mismatch,
                List.of(new Band("every number", Kind.RELATIVE, tolerance, worst, worstAt, numbers)));
    }

    /** |actual - expected| / |expected|, or the absolute difference when expected is 0. */
    public static double relativeError(double actual, double expected) {
        return relativeError(actual, expected, 0);
    }

    /** |actual - expected| / max(|expected|, floor), or the absolute difference when that is 0. */
    public static double relativeError(double actual, double expected, double floor) {
        if (actual == expected) {
            return 0;
        }
        double diff = Math.abs(actual - expected);
        double scale = Math.max(Math.abs(expected), floor);
        return scale == 0 ? diff : diff / scale;
    }

    static Double number(String word) {
        char c = word.isEmpty() ? ' ' : word.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '.' || c == 'n' || c == 'i')) {
            return null;
        }
        try {
            return switch (word) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(word);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
