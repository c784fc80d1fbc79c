package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;

/** Learning rates, parameter groups, zeroGrad, validation and lifetime of the optimizers. */
class OptimizerTest {
    static final float[] W0 = {0.5f, -1.5f, 2.0f, 3.0f};
    static final float[] X = {1.0f, 2.0f, -0.5f, 0.25f};

    static void lossBackward(Tensor w) {
        w.mul(Torch.tensor(X)).sub(0.3).pow(2).sum().backward();
    }

    @Test
    void learningRateReadsAndChangesEveryGroup() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(2).requiresGrad(true);
            Tensor b = Torch.zeros(2).requiresGrad(true);
            try (SGD opt = new SGD(List.of(a), 0.01)) {
                opt.addParamGroup(List.of(b), new SGD.Options(0.5));
                assertEquals(0.01, opt.lr());
                assertEquals(0.5, opt.paramGroups().get(1).lr());
                opt.setLr(0.2);
                assertEquals(0.2, opt.paramGroups().get(0).lr());
                assertEquals(0.2, opt.paramGroups().get(1).lr());
                opt.paramGroups().get(1).setLr(0.3);
                assertEquals(0.2, opt.lr());
                assertEquals(0.3, opt.paramGroups().get(1).lr());
                assertThrows(IllegalArgumentException.class, () -> opt.setLr(-1));
                assertEquals(0.01, opt.defaults().lr(), "the defaults record is not changed by setLr");
            }
        }
    }

    @Test
    void aLearningRateChangeTakesEffectAtTheNextStep() {
        for (Function<List<Tensor>, Optimizer> make : List.<Function<List<Tensor>, Optimizer>>of(
                p -> new SGD(p, new SGD.Options(0.1).withMomentum(0.9)), p -> new RMSprop(p, 0.1), p -> new Adam(p, 0.1))) {
            try (Scope s = Scope.open()) {
                Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
                try (Optimizer opt = make.apply(List.of(w))) {
                    lossBackward(w);
                    opt.step();
                    float[] afterFirst = w.toFloatArray();
                    assertFalse(java.util.Arrays.equals(W0, afterFirst), opt + " moved w");
                    opt.setLr(0.0);
                    opt.zeroGrad();
                    lossBackward(w);
                    opt.step();
                    assertArrayEquals(afterFirst, w.toFloatArray(), opt.getClass().getSimpleName() + ": lr 0 leaves w unchanged");
                    opt.setLr(0.1);
                    opt.zeroGrad();
                    lossBackward(w);
                    opt.step();
                    assertFalse(java.util.Arrays.equals(afterFirst, w.toFloatArray()), "moves again once lr is back");
                }
            }
        }
    }

    /** A group added with other options behaves exactly as a separate optimizer with those options. */
    @Test
    void parameterGroupsKeepTheirOwnOptions() {
        assertGroupEqualsSeparate(p -> new SGD(p, 0.01), (o, p) -> ((SGD) o).addParamGroup(p,
                new SGD.Options(0.05).withMomentum(0.9).withNesterov(true).withWeightDecay(0.1)),
                p -> new SGD(p, new SGD.Options(0.05).withMomentum(0.9).withNesterov(true).withWeightDecay(0.1)));
        assertGroupEqualsSeparate(p -> new RMSprop(p, 0.01), (o, p) -> ((RMSprop) o).addParamGroup(p,
                new RMSprop.Options(0.02).withAlpha(0.9).withEps(1e-6).withMomentum(0.5).withCentered(true)),
                p -> new RMSprop(p, new RMSprop.Options(0.02).withAlpha(0.9).withEps(1e-6).withMomentum(0.5).withCentered(true)));
        assertGroupEqualsSeparate(p -> new Adam(p, 0.01), (o, p) -> ((Adam) o).addParamGroup(p,
                new Adam.Options(0.2).withBetas(0.8, 0.95).withAmsgrad(true).withWeightDecay(0.1)),
                p -> new Adam(p, new Adam.Options(0.2).withBetas(0.8, 0.95).withAmsgrad(true).withWeightDecay(0.1)));
    }

    private static void assertGroupEqualsSeparate(Function<List<Tensor>, Optimizer> first,
            java.util.function.BiConsumer<Optimizer, List<Tensor>> addSecond, Function<List<Tensor>, Optimizer> separate) {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor b = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor a2 = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor b2 = Torch.tensor(W0.clone()).requiresGrad(true);
            try (Optimizer grouped = first.apply(List.of(a)); Optimizer onlyA = first.apply(List.of(a2));
                    Optimizer onlyB = separate.apply(List.of(b2))) {
                addSecond.accept(grouped, List.of(b));
                assertEquals(2, grouped.paramGroups().size());
                assertSame(b, grouped.paramGroups().get(1).params().get(0));
                for (int step = 0; step < 6; step++) {
                    for (Optimizer o : List.of(grouped, onlyA, onlyB)) {
                        o.zeroGrad();
                    }
                    lossBackward(a);
                    lossBackward(b);
                    lossBackward(a2);
                    lossBackward(b2);
                    for (Optimizer o : List.of(grouped, onlyA, onlyB)) {
                        o.step();
                    }
                    assertTrue(a.equal(a2), grouped.getClass().getSimpleName() + " group 0, step " + step);
                    assertTrue(b.equal(b2), grouped.getClass().getSimpleName() + " group 1 uses its own options, step " + step);
                }
                assertFalse(a.equal(b), "the two groups' options differ, so their parameters must too");
            }
        }
    }

    @Test
    void zeroGradSetsToNoneOrZeroes() {
        try (Scope s = Scope.open(); Linear l = new Linear(3, 2); Adam opt = new Adam(l.parameters(), 0.01)) {
            l.forward(Torch.ones(4, 3)).sum().backward();
            assertNotNull(l.weight().grad());
            opt.zeroGrad(false);
            assertEquals(0f, l.weight().grad().abs().sum().itemFloat());
            opt.zeroGrad();
            assertNull(l.weight().grad());
            assertNull(l.bias().grad());
            opt.step(); // no gradients: nothing to do, no error
        }
    }

    @Test
    void invalidOptionsAreRejectedWithPyTorchsMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD.Options(0.1).withNesterov(true));
        assertEquals("Nesterov momentum requires a momentum and zero dampening", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD.Options(0.1).withMomentum(0.9).withDampening(0.1).withNesterov(true));
        assertEquals("Invalid learning rate: -0.1", assertThrows(IllegalArgumentException.class, () -> new SGD.Options(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RMSprop.Options().withAlpha(-1));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop.Options().withEps(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Options().withBetas(1.0, 0.999));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Options().withBetas(0.9, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Adam.Options().withWeightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> new SGD.Options(Double.NaN));
    }

    @Test
    void parameterListsAreChecked() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(2).requiresGrad(true);
            assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1), "empty");
            assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a, a), 0.1), "duplicate");
            assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(a.mul(2.0)), 0.1), "non-leaf");
            try (SGD opt = new SGD(List.of(a), 0.1)) {
                assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(List.of(a)), "already in a group");
                assertEquals(1, opt.paramGroups().size());
            }
            Tensor closed = Torch.zeros(1);
            closed.close();
            assertThrows(IllegalStateException.class, () -> new Adam(List.of(closed), 0.1));
        }
    }

    @Test
    void defaultsAreThoseOfPyTorch() {
        assertEquals(new RMSprop.Options(0.01, 0.99, 1e-8, 0, 0, false), new RMSprop.Options());
        assertEquals(new Adam.Options(1e-3, 0.9, 0.999, 1e-8, 0, false), new Adam.Options());
        assertEquals(new SGD.Options(0.1, 0, 0, 0, false), new SGD.Options(0.1));
        // maximize=False, as PyTorch 1.13's default, and in the param group under PyTorch's name
        assertEquals(new SGD.Options(0.1, 0, 0, 0, false, false), new SGD.Options(0.1));
        assertEquals(new Adam.Options(1e-3, 0.9, 0.999, 1e-8, 0, false, false), new Adam.Options());
        assertEquals(new RMSprop.Options(0.01, 0.99, 1e-8, 0, 0, false, false), new RMSprop.Options());
        try (Scope s = Scope.open(); SGD opt = new SGD(List.of(Torch.zeros(2).requiresGrad(true)), new SGD.Options(0.1).withMaximize(true))) {
            assertEquals(Boolean.TRUE, opt.paramGroups().get(0).get("maximize"));
        }
        assertEquals(null, new LBFGS.Options().lineSearchFn());
    }

    @Test
    void lbfgsLineSearchIsStrongWolfeOrNone() {
        assertEquals("strong_wolfe", new LBFGS.Options().withLineSearchFn("strong_wolfe").lineSearchFn());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LBFGS.Options().withLineSearchFn("backtracking"));
        assertTrue(e.getMessage().contains("only 'strong_wolfe' is supported"), e.getMessage());
    }

    @Test
    void lbfgsStrongWolfeStepsKeepTheLiveTensorCountFlat() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor x = Torch.tensor(new float[] {1.0f, 2.0f, -0.5f, 0.25f});
            // lr=10 overshoots: every step brackets and zooms (several evaluations per line search);
            // history_size=2 bounds the curvature pairs the optimizer keeps (2 tensors each)
            try (LBFGS opt = new LBFGS(List.of(w),
                    new LBFGS.Options(10).withMaxIter(5).withHistorySize(2).withLineSearchFn("strong_wolfe"))) {
                long[] live = new long[12];
                for (int i = 0; i < live.length; i++) {
                    try (Scope step = Scope.open()) {
                        opt.step(() -> {
                            opt.zeroGrad(false);
                            Tensor loss = w.mul(x).sub(0.25).pow(4.0).sum().add(w.pow(2.0).sum().mul(0.1));
                            loss.backward();
                            return loss;
                        });
                    }
                    live[i] = Torch.liveTensorCount();
                }
                assertEquals(live[2], live[live.length - 1], "live tensors after each step: " + java.util.Arrays.toString(live));
                assertTrue((Integer) opt.state(w).get("func_evals") > 12, "the line search evaluated more than once per step");
            }
        }
    }

    @Test
    void closeFreesTheStateTensors() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
            long before = Torch.liveTensorCount();
            Adam opt = new Adam(List.of(w), new Adam.Options(0.1).withAmsgrad(true));
            try (Scope step = Scope.open()) {
                lossBackward(w);
                opt.step();
            }
            opt.zeroGrad();
            // exp_avg, exp_avg_sq, max_exp_avg_sq survive the step's Scope: the optimizer owns them
            assertEquals(before + 3, Torch.liveTensorCount());
            opt.close();
            assertEquals(before, Torch.liveTensorCount(), "close() freed the state");
            assertTrue(opt.isClosed());
            assertThrows(IllegalStateException.class, opt::step);
            assertFalse(w.isClosed(), "the parameters are the caller's");
        }
    }

    @Test
    void aClosedParameterIsAnErrorNotACrash() {
        Linear l = new Linear(3, 2);
        try (Scope s = Scope.open(); SGD opt = new SGD(l.parameters(), new SGD.Options(0.1).withMomentum(0.9))) {
            l.forward(Torch.ones(4, 3)).sum().backward();
            opt.step();
            l.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }
}
