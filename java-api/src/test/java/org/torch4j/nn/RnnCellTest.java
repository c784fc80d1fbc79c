package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.nn.RnnBadInputTest.assertMessage;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * RNNCell, LSTMCell and GRUCell beyond the parity cases (RnnParityTest): wrong sizes, inputs and
 * states are exceptions naming the module and the shapes (LibTorch's own cells crash on some of
 * them), and a sequence loop of cell steps in per-step Scopes leaves no tensor behind.
 */
class RnnCellTest {

    @Test
    void wrongSizesAreRefusedAtConstruction() {
        assertMessage("RNNCell: input_size and hidden_size must be >= 0, got input_size=-1, hidden_size=4", () -> new RNNCell(-1, 4));
        assertMessage("RNNCell: Unknown nonlinearity: sigmoid (expected 'tanh' or 'relu')", () -> new RNNCell(3, 4, true, "sigmoid"));
        assertThrows(NullPointerException.class, () -> new RNNCell(3, 4, true, null));
        assertMessage("LSTMCell: input_size=3, hidden_size=4611686018427387904 give weights with more elements than a tensor can have",
                () -> new LSTMCell(3, 1L << 62));
        assertMessage("GRUCell: input_size and hidden_size must be >= 0, got input_size=3, hidden_size=-2", () -> new GRUCell(3, -2));
    }

    @Test
    void wrongInputsAndStatesNameTheModuleAndShapes() {
        try (Scope s = Scope.open(); LSTMCell lstm = new LSTMCell(3, 4); GRUCell gru = new GRUCell(3, 4); RNNCell rnn = new RNNCell(3, 4)) {
            assertMessage("LSTMCell(3, 4): Expected input to be 1-D or 2-D but received 3-D tensor [5, 2, 3]", () -> lstm.call(Torch.randn(5, 2, 3)));
            assertMessage("GRUCell(3, 4): input has inconsistent input_size: got 7 expected 3 (input [2, 7])", () -> gru.forward(Torch.randn(2, 7)));
            assertMessage("RNNCell(3, 4): expected hx of shape (2, 4), got [3, 4] (input [2, 3])",
                    () -> rnn.forward(Torch.randn(2, 3), Torch.zeros(3, 4)));
            assertMessage("RNNCell(3, 4): expected hx of shape (2, 4), got [2, 5] (input [2, 3])",
                    () -> rnn.forward(Torch.randn(2, 3), Torch.zeros(2, 5)));
            assertMessage("GRUCell(3, 4): for unbatched 1-D input [3], hx should also be 1-D but got [1, 4]",
                    () -> gru.forward(Torch.randn(3), Torch.zeros(1, 4)));
            assertMessage("GRUCell(3, 4): expected hx of shape (4,), got [5] (input [3])", () -> gru.forward(Torch.randn(3), Torch.zeros(5)));
            assertMessage("LSTMCell(3, 4): expected hx[1] of shape (2, 4), got [1, 4] (input [2, 3])",
                    () -> lstm.call(Torch.randn(2, 3), new LSTMState(Torch.zeros(2, 4), Torch.zeros(1, 4))));
            assertMessage("LSTMCell(3, 4): for batched 2-D input [2, 3], hx[0] should also be 2-D but got [4]",
                    () -> lstm.call(Torch.randn(2, 3), new LSTMState(Torch.zeros(4), Torch.zeros(2, 4))));
            assertMessage("LSTMCell(3, 4): input is float64 on cpu, the parameters float32 on cpu (convert the input, or the module with to())",
                    () -> lstm.call(Torch.randn(2, 3).to(DType.FLOAT64)));
            assertMessage("GRUCell(3, 4): hx is int64 on cpu, the parameters float32 on cpu (convert the hx, or the module with to())",
                    () -> gru.forward(Torch.randn(2, 3), Torch.zeros(2, 4).to(DType.INT64)));
            NullPointerException npe = assertThrows(NullPointerException.class, () -> rnn.forward((Tensor) null));
            assertEquals("RNNCell(3, 4): input is null", npe.getMessage());
            IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> lstm.forward(Torch.randn(2, 3), Torch.randn(2, 4)));
            assertTrue(two.getMessage().contains("LSTMCell.forward takes 1 input (or call(input, LSTMState))"), two.getMessage());
        }
        LSTMCell closed = new LSTMCell(3, 4);
        closed.close();
        try (Scope s = Scope.open()) {
            assertThrows(IllegalStateException.class, () -> closed.call(Torch.randn(2, 3)));
        }
    }

    @Test
    void shapesAndTheReluNonlinearity() {
        try (Scope s = Scope.open(); LSTMCell lstm = new LSTMCell(3, 0); RNNCell relu = new RNNCell(3, 4, true, "relu")) {
            LSTMState z = lstm.call(Torch.randn(2, 3)); // hidden_size 0, as PyTorch allows
            assertEquals(2, z.h().size(0));
            assertEquals(0, z.c().size(1));
            Tensor h = relu.forward(Torch.randn(6, 3));
            assertTrue(h.min().item() >= 0, "relu nonlinearity");
            assertEquals("RNNCell(3, 4, nonlinearity=relu)", relu.toString());
            assertEquals(1, relu.forward(Torch.randn(3)).dim());
        }
    }

    @Test
    void aSequenceLoopOfCellStepsLeavesNoTensorBehind() {
        try (LSTMCell cell = new LSTMCell(8, 16); Tensor xs = Torch.randn(50, 4, 8)) {
            long afterFirst = 0;
            for (int epoch = 0; epoch < 20; epoch++) {
                try (Scope s = Scope.open()) {
                    LSTMState st = null;
                    for (int t = 0; t < 50; t++) {
                        st = cell.call(xs.select(0, t), st);
                    }
                    st.h().sum().backward();
                }
                cell.zeroGrad();
                if (epoch == 0) {
                    afterFirst = Torch.liveTensorCount(); // the parameters' gradients exist from here on
                }
            }
            assertEquals(afterFirst, Torch.liveTensorCount(), "live tensors after 19 more sequences of 50 steps");
        }
    }
}
