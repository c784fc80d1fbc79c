package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/** The open base: a Java subclass with its own update and state, step(Closure), zeroGrad. */
class CustomOptimizerTest {
    /** Plain SGD with momentum written by a user against the public API. */
    static final class MySGD extends Optimizer {
        MySGD(Iterable<Tensor> params, double lr, double momentum) {
            super(params, Map.of("lr", lr, "momentum", momentum));
        }

        @Override
        protected void update(ParamGroup group, Tensor param, Map<String, Object> state) {
            try (Scope s = Scope.open()) {
                Tensor grad = param.grad();
                Tensor buf = (Tensor) state.get("momentum_buffer");
                if (buf == null) {
                    buf = grad.clone().unscoped(); // owned by the optimizer from now on
                    state.put("momentum_buffer", buf);
                } else {
                    buf.mul_(group.getDouble("momentum")).add_(grad);
                }
                param.add_(buf, -group.lr());
            }
        }
    }

    static final float[] W0 = {0.5f, -1.5f, 2.0f, 3.0f};

    static Tensor loss(Tensor w) {
        return w.mul(Torch.tensor(new float[] {1.0f, 2.0f, -0.5f, 0.25f})).sub(0.3).pow(2).sum();
    }

    @Test
    void aJavaSubclassMatchesTheBuiltInSGD() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor b = Torch.tensor(W0.clone()).requiresGrad(true);
            try (MySGD mine = new MySGD(List.of(a), 0.01, 0.9); SGD builtIn = new SGD(List.of(b), new SGD.Options(0.01).withMomentum(0.9))) {
                for (int i = 0; i < 5; i++) {
                    try (Scope it = Scope.open()) {
                        mine.zeroGrad();
                        builtIn.zeroGrad();
                        loss(a).backward();
                        loss(b).backward();
                        mine.step();
                        builtIn.step();
                    }
                }
                assertArrayEquals(b.toFloatArray(), a.toFloatArray());
                long live = Torch.liveTensorCount();
                mine.close();
                assertEquals(live - 1, Torch.liveTensorCount(), "close() freed the subclass's state tensor");
            }
        }
    }

    @Test
    void stepWithAClosureReturnsItsLossAndRunsWithGrad() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
            try (SGD opt = new SGD(List.of(w), 0.01)) {
                Tensor l;
                try (Grad.Guard g = Grad.noGrad()) { // the closure still builds a graph
                    l = opt.step(() -> {
                        opt.zeroGrad();
                        Tensor x = loss(w);
                        x.backward();
                        return x;
                    });
                }
                assertNotNull(l);
                assertTrue(l.item() > 0);
                assertEquals(l.item(), loss(Torch.tensor(W0.clone())).item());
                assertTrue(loss(w).item() < l.item(), "the step moved w downhill");
            }
        }
    }

    @Test
    void aSubclassWithoutUpdateSaysSo() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.zeros(2).requiresGrad(true);
            Optimizer bare = new Optimizer(List.of(w), Map.of("lr", 0.1)) {
            };
            w.sum().backward();
            assertThrows(UnsupportedOperationException.class, bare::step);
            assertEquals(0.1, bare.lr());
            assertEquals(Map.of("lr", 0.1), bare.defaultOptions());
        }
    }
}
