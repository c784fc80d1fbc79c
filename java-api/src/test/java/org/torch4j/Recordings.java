package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a recording of samples/parity/recordings (copied to the test classpath under /parity/): its non-comment lines, split on blanks. */
public final class Recordings {
    private Recordings() {
    }

    public static List<String[]> rows(String file) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Recordings.class.getResourceAsStream("/parity/" + file)) {
            assertNotNull(in, file + " is on the test classpath (java-api/pom.xml copies samples/parity/recordings/*_cases.txt)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Python's repr of a float, or "nan"/"inf", as a double. */
    public static double number(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
