package org.torch4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The short fuzz run of {@code mvn verify}: 1000 seeded sequences of public calls in forked JVMs
 * (see {@link FuzzRunner}); fails on any crash, hang, undocumented exception type or leak that is
 * not a known open defect ({@code known-findings.tsv}, each line naming its owner), and prints
 * every finding with the seed to replay ({@code -Dfuzz.seed=N -Dfuzz.sequences=1}). The long run is
 * {@code bash ci/fuzz.sh --long}, which counts every finding.
 */
class FuzzTest {
    record Known(String kind, Pattern detail, String why) {
    }

    static List<Known> known() throws Exception {
        List<Known> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FuzzTest.class.getResourceAsStream("known-findings.tsv"), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    String[] f = l.split("\t");
                    out.add(new Known(f[0], Pattern.compile(f[1]), f[2]));
                }
            }
        }
        return out;
    }

    @Test
    void shortRunFindsNothingNew() throws Exception {
        FuzzRunner.Summary s = FuzzRunner.run(FuzzRunner.Config.fromProperties("short", 1000, List.of()));
        System.out.print(s.text());
        List<Known> known = known();
        List<FuzzRunner.Finding> fresh = new ArrayList<>();
        for (FuzzRunner.Finding f : s.failures()) {
            if (known.stream().noneMatch(k -> k.kind().equals(f.kind()) && k.detail().matcher(f.detail()).find())) {
                fresh.add(f);
            }
        }
        System.out.println("fuzz: " + (s.failures().size() - fresh.size()) + " findings are known open defects (known-findings.tsv), "
                + fresh.size() + " are new");
        assertTrue(s.sequences >= s.config.sequences(), s.text());
        assertTrue(s.surface > 0 && s.invoked.cardinality() > 0, s.text());
        assertEquals(0, s.count("harness"), s.text());
        assertEquals(List.of(), fresh, s.text());
    }
}
