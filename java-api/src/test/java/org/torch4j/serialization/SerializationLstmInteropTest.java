package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.LSTMOutput;
import org.torch4j.nn.RNNOptions;

/**
 * An nn.LSTM's state dict through torch.save/torch.load in both directions with real PyTorch 1.13
 * (interop.py lstm_write / lstm_check): a state dict Python saved, loaded into a torch4j LSTM, gives
 * Python's output and final states; a state dict torch4j saved, loaded into a fresh nn.LSTM (strict),
 * gives torch4j's. Both sides compute the input from the same formula; the LSTM has two layers, both
 * directions and batch_first, so every one of its 16 weights and biases takes part.
 */
class SerializationLstmInteropTest {
    static final double TOL = 1e-6;

    /** interop.py's lstm(). */
    static LSTM lstm() {
        return new LSTM(3, 5, RNNOptions.DEFAULT.withNumLayers(2).withBatchFirst(true).withBidirectional(true));
    }

    /** interop.py's lstm_input(): sin(arange(24).reshape(2, 4, 3) / 5). */
    static Tensor input() {
        return Torch.arange(24).to(DType.FLOAT32).reshape(2, 4, 3).div(5.0).sin();
    }

    private static void assertClose(String what, Tensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        double err = got.sub(want).abs().max().item();
        System.out.println("lstm interop " + what + ": max error " + err);
        assertTrue(err <= TOL, what + ": max error " + err + " > " + TOL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pythonSavedStateDictGivesPythonsOutput(@TempDir Path dir) throws Exception {
        Interop.python("lstm_write", dir);
        try (Scope s = Scope.open(); LSTM m = lstm()) {
            Object loaded = Torch.load(dir.resolve("py_lstm_state.pt"));
            assertInstanceOf(LinkedHashMap.class, loaded, "torch.save(state_dict) loads as an ordered map");
            Map<String, Tensor> state = (Map<String, Tensor>) loaded;
            assertEquals(List.copyOf(m.stateDict().keySet()), List.copyOf(state.keySet()), "PyTorch's keys, in order");
            m.loadStateDict(state);
            Map<String, Object> want = (Map<String, Object>) Torch.load(dir.resolve("py_lstm_out.pt"));
            try (Grad.Guard g = Grad.noGrad(); LSTMOutput out = m.call(input())) {
                assertClose("output", (Tensor) want.get("output"), out.output());
                assertClose("h_n", (Tensor) want.get("h_n"), out.hN());
                assertClose("c_n", (Tensor) want.get("c_n"), out.cN());
            }
        }
    }

    @Test
    void javaSavedStateDictGivesJavasOutputInPython(@TempDir Path dir) throws Exception {
        Torch.manualSeed(5);
        try (Scope s = Scope.open(); LSTM m = lstm()) {
            Torch.save(m.stateDict(), dir.resolve("java_lstm_state.pt"));
            try (Grad.Guard g = Grad.noGrad(); LSTMOutput out = m.call(input())) {
                Map<String, Tensor> io = new LinkedHashMap<>();
                io.put("output", out.output());
                io.put("h_n", out.hN());
                io.put("c_n", out.cN());
                Torch.save(io, dir.resolve("java_lstm_out.pt"));
            }
        }
        String report = Interop.python("lstm_check", dir);
        System.out.print(report);
        for (String what : List.of("output", "h_n", "c_n")) {
            assertTrue(report.contains("OK java lstm " + what), report);
        }
    }
}
