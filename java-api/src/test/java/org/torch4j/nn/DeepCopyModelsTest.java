package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.SGD;

/**
 * Deep copies of whole models, as PyTorch users make them: a CNN's EMA/teacher copy that keeps
 * the weights of the moment it was taken while the original trains on, and an LSTM copy that
 * computes the same output and final states. Every copy is closed and the live tensor count
 * returns to where it was.
 */
class DeepCopyModelsTest {

    private static Sequential cnn() {
        return new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2), new Dropout(0.25), new Flatten(),
                new Linear(4 * 4 * 4, 10));
    }

    /** One SGD step of cross entropy on (x, y): changes the weights, the BatchNorm statistics and the gradients. */
    private static void trainStep(Sequential model, SGD opt, Tensor x, Tensor y) {
        try (Scope s = Scope.open(); CrossEntropyLoss loss = new CrossEntropyLoss()) {
            model.train();
            opt.zeroGrad();
            loss.forward(model.forward(x), y).backward();
            opt.step();
        }
    }

    @Test
    void aCnnTeacherCopyKeepsTheWeightsOfTheMomentItWasTaken() {
        long baseline = Torch.liveTensorCount();
        try (Scope s = Scope.open(); Sequential student = cnn(); SGD opt = new SGD(student.parameters(), 0.1)) {
            Torch.manualSeed(0);
            Tensor x = Torch.randn(6, 1, 8, 8);
            Tensor y = Torch.tensor(new long[] {0, 3, 9, 1, 1, 5}, 6);
            trainStep(student, opt, x, y);
            student.eval();
            Tensor studentOut = student.forward(x);
            try (Sequential teacher = student.deepCopy()) {
                assertEquals(student.toString(), teacher.toString());
                assertFalse(teacher.isTraining());
                Map<String, Tensor> want = student.stateDict();
                teacher.stateDict().forEach((k, v) -> assertTrue(want.get(k).equal(v), k));
                assertEquals(9, want.size(), "conv weight/bias, bn weight/bias/running_mean/running_var/num_batches_tracked, linear weight/bias");
                assertNotSame(((Conv2d) student.get(0)).weight(), ((Conv2d) teacher.get(0)).weight());
                assertTrue(studentOut.equal(teacher.forward(x)), "the copy computes what the original does");

                for (int i = 0; i < 3; i++) {
                    trainStep(student, opt, x, y);
                }
                student.eval();
                assertFalse(studentOut.equal(student.forward(x)), "the original trained on");
                assertTrue(studentOut.equal(teacher.forward(x)), "the teacher still has the weights it was copied with");
                assertEquals(1L, ((BatchNorm2d) teacher.get(1)).numBatchesTracked().itemLong());
                assertEquals(4L, ((BatchNorm2d) student.get(1)).numBatchesTracked().itemLong());
            }
        }
        assertEquals(baseline, Torch.liveTensorCount(), "the models, the copy, the optimizer state and every intermediate are freed");
    }

    @Test
    void anLstmCopyGivesTheSameOutputAndStates() {
        long baseline = Torch.liveTensorCount();
        try (Scope s = Scope.open();
             LSTM lstm = new LSTM(4, 6, RNNOptions.DEFAULT.withNumLayers(2).withBatchFirst(true).withBidirectional(true))) {
            Torch.manualSeed(1);
            lstm.to(DType.FLOAT64);
            Tensor x = Torch.randn(DType.FLOAT64, 3, 5, 4);
            LSTMState h0 = new LSTMState(Torch.randn(DType.FLOAT64, 4, 3, 6), Torch.randn(DType.FLOAT64, 4, 3, 6));
            LSTMOutput want = lstm.call(x, h0);
            want.output().sum().backward(); // gradients to copy as well
            try (LSTM copy = lstm.deepCopy()) {
                assertEquals(lstm.toString(), copy.toString());
                assertEquals(DType.FLOAT64, copy.flatWeights().get(0).dtype(), "the dtype follows the original's");
                assertEquals(lstm.flatWeightsNames(), copy.flatWeightsNames());
                for (int i = 0; i < lstm.flatWeights().size(); i++) {
                    assertTrue(lstm.flatWeights().get(i).grad().equal(copy.flatWeights().get(i).grad()), lstm.flatWeightsNames().get(i));
                }
                LSTMOutput got = copy.call(x, h0);
                assertTrue(want.output().equal(got.output()), "output");
                assertTrue(want.hN().equal(got.hN()), "h_n");
                assertTrue(want.cN().equal(got.cN()), "c_n");
            }
        }
        assertEquals(baseline, Torch.liveTensorCount(), "the LSTM, its copy and every tensor of the calls are freed");
    }

    @Test
    void repeatedCopiesLeaveNoTensorBehind() {
        try (Scope s = Scope.open(); Sequential model = cnn()) {
            long before = Torch.liveTensorCount();
            for (int i = 0; i < 20; i++) {
                try (Sequential copy = model.deepCopy()) {
                    assertEquals(model.parameters().size(), copy.parameters().size());
                }
                assertEquals(before, Torch.liveTensorCount(), "copy " + i + " and its intermediates were freed");
            }
        }
    }
}
