package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Wrong options, inputs and initial states of RNN / LSTM / GRU: exceptions naming the module and the shapes. */
class RnnBadInputTest {
    static void assertMessage(String expected, Runnable r) {
        Exception e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void optionsAreCheckedWithPyTorchsMessages() {
        assertMessage("proj_size has to be smaller than hidden_size", () -> new LSTM(3, 4, RNNOptions.DEFAULT.withProjSize(4)));
        assertMessage("proj_size argument is only supported for LSTM, not RNN or GRU", () -> new GRU(3, 4, RNNOptions.DEFAULT.withProjSize(2)));
        assertMessage("Unknown nonlinearity 'sigmoid'", () -> RNNOptions.DEFAULT.withNonlinearity("sigmoid"));
        assertMessage("dropout should be a number in range [0, 1] representing the probability of an element being zeroed",
                () -> RNNOptions.DEFAULT.withDropout(1.5));
        assertMessage("LSTM: nonlinearity is an option of RNN only, got nonlinearity='relu'",
                () -> new LSTM(3, 4, RNNOptions.DEFAULT.withNonlinearity("relu")));
    }

    @Test
    void layerCountsOutsideWhatCanBeBuiltAreRefused() {
        // PyTorch 1.13 fails num_layers=0 with an IndexError; 2^40 layers looped allocating (fuzz seed 1541)
        assertMessage("num_layers must be >= 1, got 0", () -> new GRU(0, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GRU(0, 2, 1L << 40));
        assertTrue(e.getMessage().contains("num_layers=1099511627776 needs more parameter tensors than this JVM's heap"), e.getMessage());
    }

    @Test
    void wrongInputsNameTheModuleAndShapes() {
        try (Scope s = Scope.open(); LSTM lstm = new LSTM(3, 4, 2); GRU gru = new GRU(3, 4)) {
            assertMessage("LSTM(3, 4): expected 2D (unbatched) or 3D (batched) input, got [5]", () -> lstm.call(Torch.randn(5)));
            assertMessage("LSTM(3, 4): input.size(-1) must be equal to input_size. Expected 3, got 7 (input [5, 2, 7])",
                    () -> lstm.call(Torch.randn(5, 2, 7)));
            assertMessage("LSTM(3, 4): expected hx[0] size (2, 2, 4), got [2, 3, 4] (input [5, 2, 3])",
                    () -> lstm.call(Torch.randn(5, 2, 3), new LSTMState(Torch.zeros(2, 3, 4), Torch.zeros(2, 2, 4))));
            assertMessage("LSTM(3, 4): expected hx[1] size (2, 2, 4), got [1, 2, 4] (input [5, 2, 3])",
                    () -> lstm.call(Torch.randn(5, 2, 3), new LSTMState(Torch.zeros(2, 2, 4), Torch.zeros(1, 2, 4))));
            assertMessage("GRU(3, 4): for unbatched 2-D input [5, 1, 3], hx should also be 2-D but got [1, 1, 4]",
                    () -> gru.call(Torch.randn(5, 3), Torch.zeros(1, 1, 4)));
            assertMessage("GRU(3, 4): for batched 3-D input [5, 2, 3], hx should also be 3-D but got [1, 4]",
                    () -> gru.call(Torch.randn(5, 2, 3), Torch.zeros(1, 4)));
            assertMessage("GRU(3, 4): expected hx size (1, 4), got [2, 4] (input [5, 1, 3])",
                    () -> gru.call(Torch.randn(5, 3), Torch.zeros(2, 4)));
            assertThrows(NullPointerException.class, () -> gru.call(null));
            assertMessage("GRU(3, 4): input is float64 on cpu, the parameters float32 on cpu (convert the input, or the module with to())",
                    () -> gru.call(Torch.randn(5, 2, 3).to(DType.FLOAT64)));
            // what LibTorch itself rejects (an initial state of another dtype): a one-line TorchException naming the op
            RuntimeException e = assertThrows(RuntimeException.class, () -> gru.call(Torch.randn(5, 2, 3), Torch.zeros(1, 2, 4).to(DType.FLOAT64)));
            assertTrue(e.getMessage().startsWith("gru: "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains("[float32[12, 3], float32[12, 4]"), e.getMessage());
        }
    }

    @Test
    void shapesOfEveryLayout() {
        try (Scope s = Scope.open();
                LSTM proj = new LSTM(3, 6, RNNOptions.DEFAULT.withNumLayers(2).withBidirectional(true).withProjSize(2).withBatchFirst(true));
                RNN rnn = new RNN(3, 4, RNNOptions.DEFAULT.withNonlinearity("relu"))) {
            LSTMOutput r = proj.call(Torch.randn(2, 5, 3));
            assertEquals(List.of(2L, 5L, 4L), List.of(r.output().size(0), r.output().size(1), r.output().size(2)));
            assertEquals(List.of(4L, 2L, 2L), List.of(r.hN().size(0), r.hN().size(1), r.hN().size(2)));
            assertEquals(List.of(4L, 2L, 6L), List.of(r.cN().size(0), r.cN().size(1), r.cN().size(2)));
            LSTMOutput u = proj.call(Torch.randn(5, 3)); // unbatched: batch_first does not apply
            assertEquals(2, u.output().dim());
            assertEquals(5, u.output().size(0));
            assertEquals(2, u.hN().dim());
            RNNOutput o = rnn.call(Torch.randn(7, 2, 3));
            Tensor min = o.output().min();
            assertTrue(min.item() >= 0, "relu nonlinearity");
            assertEquals("relu", rnn.nonlinearity());
            assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"), rnn.flatWeightsNames());
        }
    }
}
