package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;

/**
 * The evidence behind step 6's parity rule: along the whole 2000-step run of the tutorial's step 6
 * (seed 0, 1 and 42), every update of torch4j's RMSprop is bit-identical to PyTorch 1.13's
 * {@code _single_tensor_rmsprop} formula evaluated with the same kernels:
 * <pre>
 * square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
 * avg = square_avg.sqrt().add_(eps)
 * param.addcdiv_(grad, avg, value=-lr)
 * </pre>
 * So where step 6 parts from the recording in RMSprop's oscillating phase, the optimizer is not
 * the cause: the inputs and the forward/backward kernels of LibTorch 2.10 and 1.13 differ in the
 * last bit, and that phase amplifies it.
 */
class RMSpropFormulaTest {
    @Test
    void everyStepEqualsPyTorchsFormula() {
        for (long seed : new long[] {0, 1, 42}) {
            Torch.manualSeed(seed);
            int differing = 0;
            int updates = 0;
            try (Scope main = Scope.open();
                    Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
                    MSELoss lossFn = new MSELoss(Reduction.SUM)) {
                Tensor x = Torch.linspace(-Math.PI, Math.PI, 2000);
                Tensor y = x.sin();
                Tensor xx = x.unsqueeze(-1).pow(Torch.tensor(new long[] {1, 2, 3}));
                List<Tensor> params = model.parameters();
                Tensor[] squareAvg = new Tensor[params.size()];
                for (int i = 0; i < squareAvg.length; i++) {
                    squareAvg[i] = Torch.zeros(params.get(i).shape());
                }
                Scalar alpha = new Scalar(0.99);
                Scalar oneMinusAlpha = new Scalar(1 - 0.99);
                Scalar eps = new Scalar(1e-8);
                Scalar minusLr = new Scalar(-1e-3);
                try (RMSprop optimizer = new RMSprop(params, 1e-3)) {
                    for (int t = 0; t < 2000; t++) {
                        try (Scope it = Scope.open()) {
                            Tensor loss = lossFn.forward(model.forward(xx), y);
                            optimizer.zeroGrad();
                            loss.backward();
                            Tensor[] expected = new Tensor[params.size()];
                            try (var g = Grad.noGrad()) {
                                for (int i = 0; i < expected.length; i++) {
                                    org.bytedeco.pytorch.Tensor grad = params.get(i).grad().unwrap();
                                    squareAvg[i].unwrap().mul_(alpha).addcmul_(grad, grad, oneMinusAlpha);
                                    try (org.bytedeco.pytorch.Tensor avg = squareAvg[i].unwrap().sqrt()) {
                                        avg.add_(eps);
                                        expected[i] = params.get(i).clone();
                                        expected[i].unwrap().addcdiv_(grad, avg, minusLr);
                                    }
                                }
                            }
                            optimizer.step();
                            for (int i = 0; i < expected.length; i++) {
                                updates++;
                                if (!expected[i].equal(params.get(i))) {
                                    differing++;
                                }
                            }
                        }
                    }
                }
            }
            assertEquals(4000, updates);
            assertEquals(0, differing, "seed " + seed + ": RMSprop updates that differ from the formula");
        }
    }
}
