package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.optim.Adam;

/**
 * An LSTM training loop with a Scope per iteration keeps {@link Torch#liveTensorCount()} flat:
 * every output, final state, zero initial state, gradient temporary and the optimizer's state
 * are accounted for, in training and in eval mode, with and without an initial state, for
 * {@code forward} (which frees the final state it does not return) as for {@code call}.
 */
class RnnMemoryTest {
    @Test
    void lstmTrainingLoopKeepsLiveTensorsFlat() {
        Torch.manualSeed(0);
        try (LSTM lstm = new LSTM(3, 8, RNNOptions.DEFAULT.withNumLayers(2).withDropout(0.2).withBatchFirst(true));
                GRU gru = new GRU(3, 4);
                Linear head = new Linear(8, 2);
                CrossEntropyLoss lossFn = new CrossEntropyLoss()) {
            java.util.List<Tensor> params = new java.util.ArrayList<>(lstm.parameters());
            params.addAll(head.parameters());
            try (Adam opt = new Adam(params, 0.01)) {
                long base = -1;
                double firstLoss = 0;
                double lastLoss = 0;
                for (int i = 0; i < 120; i++) {
                    if (i == 20) {
                        base = Torch.liveTensorCount(); // after warm-up: Adam's state exists from step 1 on
                    }
                    try (Scope s = Scope.open()) {
                        Tensor x = Torch.randn(4, 6, 3);
                        Tensor y = x.sum(1).select(1, 0).gt(0).to(org.torch4j.DType.INT64);
                        LSTMOutput r = i % 2 == 0 ? lstm.call(x)
                                : lstm.call(x, new LSTMState(Torch.zeros(2, 4, 8), Torch.zeros(2, 4, 8)));
                        Tensor loss = lossFn.forward(head.forward(r.hN().select(0, 1)), y);
                        opt.zeroGrad();
                        loss.backward();
                        opt.step();
                        lastLoss = loss.item();
                        if (i == 0) {
                            firstLoss = lastLoss;
                        }
                        lstm.forward(x); // the output alone; the unused state is freed at once
                        gru.forward(x.transpose(0, 1));
                        lstm.eval();
                        try (Grad.Guard g = Grad.noGrad()) {
                            lstm.call(x.select(0, 0)); // unbatched
                        }
                        lstm.train();
                    }
                    if (base >= 0) {
                        assertEquals(base, Torch.liveTensorCount(), "live tensors after iteration " + i);
                    }
                }
                assertTrue(lastLoss < firstLoss, "the loop trained (" + firstLoss + " -> " + lastLoss + ")");
            }
        }
    }
}
