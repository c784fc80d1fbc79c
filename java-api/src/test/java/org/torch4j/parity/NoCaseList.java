package org.torch4j.parity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code parity/no-case.tsv}: the generated methods that have no passing parity case, each with the
 * reason (sparse/quantized/backend-only ops, complex results the recording cannot carry, overloads
 * PyTorch rejects for every input, ...). OpParityTest fails when a method without a passing case is
 * not listed, so the count can only shrink.
 */
final class NoCaseList {
    private NoCaseList() {
    }

    /** Op key → reason. */
    static Map<String, String> load() {
        return load("/parity/no-case.tsv");
    }

    /** First column → reason of a two-column resource table ({@code parity/no-case.tsv}, {@code parity/error-only.tsv}). */
    static Map<String, String> load(String resource) {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = NoCaseList.class.getResourceAsStream(resource)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 2);
                if (cols.length < 2 || cols[1].isBlank()) {
                    throw new IllegalStateException(resource + ": a row without a reason: " + line);
                }
                out.put(cols[0], cols[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
