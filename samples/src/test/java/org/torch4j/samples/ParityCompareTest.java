package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison itself must catch what it is there to catch. */
class ParityCompareTest {
    @Test
    void numbersWithinToleranceWordsExactly() {
        List<String> rec = List.of("99 100.0", "Result: y = 1.0 + 2.0 x");
        assertTrue(Parity.compare(rec, List.of("99 100.00001", "Result: y = 1.0 + 2.0 x"), 1e-6).pass());
        assertFalse(Parity.compare(rec, List.of("99 100.001", "Result: y = 1.0 + 2.0 x"), 1e-6).pass());
        assertFalse(Parity.compare(rec, List.of("99 100.0", "Result: y = 1.0 + 2.0 z"), 1e-6).pass());
        assertFalse(Parity.compare(rec, List.of("99 100.0"), 1e-6).pass(), "missing line");
        assertFalse(Parity.compare(rec, List.of("99 nan", "Result: y = 1.0 + 2.0 x"), 1e-6).pass(), "NaN never passes");
        assertEquals(1e-3, Parity.compare(List.of("1.0"), List.of("1.001"), 1).worstRelativeError(), 1e-12);
    }
}
