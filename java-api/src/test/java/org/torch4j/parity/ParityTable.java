package org.torch4j.parity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The checked-in exceptions to exact parity, {@code parity/tolerances.tsv}: per PyTorch op name,
 * either a wider measured tolerance ("tol") or "random" (dtype/shape/range checks instead of values).
 */
final class ParityTable {
    /** One row: kind is "tol" or "random"; value is the rtol or the range; reason says why. */
    record Row(String op, String kind, String value, String measured, String reason) {}

    private final Map<String, Row> rows = new HashMap<>();

    static ParityTable load(String resource) throws IOException {
        ParityTable t = new ParityTable();
        try (InputStream in = ParityTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length < 5) {
                    throw new IOException(resource + ": expected 5 tab-separated columns: " + line);
                }
                t.rows.put(c[0], new Row(c[0], c[1], c[2], c[3], c[4]));
            }
        }
        return t;
    }

    Row get(String torchName) {
        return rows.get(torchName);
    }

    boolean isRandom(String torchName) {
        Row r = rows.get(torchName);
        return r != null && r.kind.equals("random");
    }

    /** The op's relative tolerance ("rtol" or "rtol,atol" in the value column), or -1 for the dtype default. */
    double rtol(String torchName) {
        Row r = rows.get(torchName);
        return r != null && r.kind.equals("tol") ? Double.parseDouble(r.value.split(",")[0].trim()) : -1;
    }

    /** The op's absolute tolerance (second number of "rtol,atol"), else 0. */
    double atol(String torchName) {
        Row r = rows.get(torchName);
        if (r == null || !r.kind.equals("tol") || !r.value.contains(",")) {
            return 0;
        }
        return Double.parseDouble(r.value.split(",")[1].trim());
    }

    private static double bound(String s) {
        String t = s.trim();
        return t.equals("inf") ? Double.POSITIVE_INFINITY : t.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(t);
    }

    /** Null when every element of {@code values} lies in the op's recorded range. */
    String checkRange(String torchName, double[] values) {
        Row r = rows.get(torchName);
        String range = r == null ? "-" : r.value.trim();
        if (range.equals("-")) {
            return null;
        }
        if (range.equals("finite")) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    return "value " + v + " is not finite";
                }
            }
            return null;
        }
        boolean loOpen = range.startsWith("(");
        boolean hiOpen = range.endsWith(")");
        String[] ends = range.substring(1, range.length() - 1).split(",");
        double lo = bound(ends[0]);
        double hi = bound(ends[1]);
        for (double v : values) {
            boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
            if (!ok) {
                return "value " + v + " outside " + range;
            }
        }
        return null;
    }
}
