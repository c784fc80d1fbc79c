package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing key is a documented IllegalArgumentException naming the keys (fuzz seed 11179 found a NoSuchElementException). */
class ModuleDictKeyTest {
    @Test
    void missingKeyIsIllegalArgumentNamingTheKeys() {
        Map<String, Module> m = new LinkedHashMap<>();
        GELU act = new GELU();
        m.put("act", act);
        try (ModuleDict d = new ModuleDict(m)) {
            assertSame(act, d.get("act"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.get(""));
            assertTrue(e.getMessage().contains("no key ''") && e.getMessage().contains("[act]"), e.getMessage());
        }
    }
}
