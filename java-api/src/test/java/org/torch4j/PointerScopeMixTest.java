package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.torch4j.bindings.Scalars;

/**
 * Code that mixes the facade with the raw presets may hold a JavaCPP PointerScope open: natives
 * the facade caches for the JVM's life must not be adopted (and freed) by it.
 */
class PointerScopeMixTest {
    @Test
    void cachedOperandsMadeInsideAPointerScopeSurviveIt() {
        Tensor x = Torch.ones(3);
        try (PointerScope ps = new PointerScope()) {
            try (Scope s = Scope.open()) {
                assertEquals(3 * 12345.678f, (float) x.mul(12345.678).sum().item(), 1e-2);
                assertEquals(3 * 7.25, x.add(6.25).sum().item());
                Scalars.of(98765.4321);
                Scalars.of(424242L);
            }
        }
        // the same values again, now served from the cache
        try (Scope s = Scope.open()) {
            assertEquals(3 * 12345.678f, (float) x.mul(12345.678).sum().item(), 1e-2);
            assertEquals(3 * 7.25, x.add(6.25).sum().item());
            assertFalse(Scalars.of(98765.4321).isNull());
            assertEquals(98765.4321, Scalars.of(98765.4321).toDouble());
            assertEquals(424242L, Scalars.of(424242L).toLong());
        }
        x.close();
    }
}
