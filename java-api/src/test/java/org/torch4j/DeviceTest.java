package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Device} parsing and identity; needs no native library and no GPU. */
class DeviceTest {

    @Test
    void parsesPyTorchSpellings() {
        assertSame(Device.CPU, Device.of("cpu"));
        assertSame(Device.CPU, Device.of(" CPU "));
        assertEquals(Device.cuda(0), Device.of("cuda"));
        assertEquals(Device.cuda(0), Device.of("cuda:0"));
        assertEquals(Device.cuda(1), Device.of("CUDA:1"));
        assertEquals(Device.cuda(12), Device.of("\tcuda:12\n"));
        assertEquals(Device.cuda(2147483647), Device.of("cuda:2147483647"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "gpu", "cuda:", "cuda:-1", "cuda:+1", "cuda: 1", "cuda:1.0", "cuda:x", "cuda0",
        "cuda:2147483648", "cuda:99999999999999", "cpu:0", "mps", "cuda:0:1"})
    void rejectsEverythingElseWithAMessageListingTheForms(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.of(spec));
        assertTrue(e.getMessage().contains("expected cpu, cuda or cuda:N"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> Device.of(null));
    }

    @Test
    void negativeIndexIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.cuda(-1));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }

    @Test
    void identityAndPrinting() {
        assertEquals(Device.cuda(3), Device.cuda(3));
        assertEquals(Device.cuda(3).hashCode(), Device.cuda(3).hashCode());
        assertNotEquals(Device.cuda(0), Device.cuda(1));
        assertNotEquals(Device.CPU, Device.cuda(0));
        assertEquals("cpu", Device.CPU.toString());
        assertEquals("cuda:3", Device.cuda(3).toString());
        for (Device d : new Device[] {Device.CPU, Device.cuda(0), Device.cuda(7)}) {
            assertEquals(d, Device.of(d.toString()), "round trip of " + d);
        }
        assertTrue(Device.CPU.isCpu());
        assertFalse(Device.CPU.isCuda());
        assertTrue(Device.cuda(0).isCuda());
        assertEquals(Device.Type.CUDA, Device.cuda(2).type());
        assertEquals(2, Device.cuda(2).index());
        assertEquals(-1, Device.CPU.index());
    }
}
