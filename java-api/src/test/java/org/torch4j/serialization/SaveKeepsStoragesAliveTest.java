package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;

/**
 * {@code Torch.save} holds a reference of its own to every storage it writes (the presets'
 * {@code Tensor.storage()} owns nothing): a conjugated tensor's dense copy crashed the JVM
 * (found by an audit of the raw native calls), and a close on another thread could free a CPU
 * tensor's bytes before they were written. In a forked JVM, as a regression could crash.
 */
class SaveKeepsStoragesAliveTest {
    @Test
    void savingACopyOrARacedTensorWritesItsBytes() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(SaveCopyMain.class);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK conj saved and loaded: 8388608 elements"), r.output());
        assertTrue(r.output().contains("OK save racing close"), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
    }
}
