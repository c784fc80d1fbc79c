package org.torch4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fuzz run of {@code mvn verify}: 1000 seeded sequences of public calls in forked JVMs
 * (see {@link FuzzRunner}); fails on any crash, hang, undocumented exception type or leak, and
 * prints each with the seed to replay ({@code -Dfuzz.seed=N -Dfuzz.sequences=1}). The long run is
 * {@code bash ci/fuzz.sh --long}.
 */
class FuzzTest {
    @Test
    void shortRunFindsNothing() throws Exception {
        FuzzRunner.Summary s = FuzzRunner.run(FuzzRunner.Config.fromProperties("short", 1000, List.of()));
        System.out.print(s.text());
        assertTrue(s.sequences >= s.config.sequences(), s.text());
        assertTrue(s.surface > 0 && s.invoked.cardinality() > 0, s.text());
        assertEquals(List.of(), s.failures(), s.text());
        assertEquals(0, s.count("harness"), s.text());
    }
}
