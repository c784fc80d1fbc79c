package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.Recordings;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Optimizer.stateDict()/loadStateDict(): PyTorch's structure (state keyed by parameter index with
 * PyTorch's state names, recorded in optim_state_cases.txt; param_groups with "params" index lists)
 * and bit-exact resumption: 3 steps, save, a new optimizer loads it, 3 more steps == 6 steps straight.
 */
class OptimizerStateDictTest {
    static final float[] W0 = {0.5f, -1.5f, 2.0f, 3.0f};
    static final float[] V0 = {1.0f, -0.25f};

    static final Map<String, Function<List<Tensor>, Optimizer>> MAKERS = new LinkedHashMap<>();

    static {
        // the options of optim_state_cases.py, so that every state entry exists
        MAKERS.put("SGD", p -> new SGD(p, new SGD.Options(0.1).withMomentum(0.9)));
        MAKERS.put("RMSprop", p -> new RMSprop(p, new RMSprop.Options().withMomentum(0.5).withCentered(true)));
        MAKERS.put("Adam", p -> new Adam(p, new Adam.Options().withAmsgrad(true)));
        MAKERS.put("AdamW", p -> new AdamW(p, new AdamW.Options()));
        MAKERS.put("Adagrad", p -> new Adagrad(p, new Adagrad.Options()));
        MAKERS.put("Adadelta", p -> new Adadelta(p, new Adadelta.Options()));
        MAKERS.put("Adamax", p -> new Adamax(p, new Adamax.Options()));
        MAKERS.put("NAdam", p -> new NAdam(p, new NAdam.Options()));
        MAKERS.put("RAdam", p -> new RAdam(p, new RAdam.Options()));
    }

    static void lossBackward(Tensor w, Tensor v) {
        w.mul(Torch.tensor(new float[] {1.0f, 2.0f, -0.5f, 0.25f})).sub(0.3).pow(2).sum()
                .add(v.mul(v).mul(3.0).sum()).backward();
    }

    static void steps(Optimizer o, Tensor w, Tensor v, int n) {
        for (int i = 0; i < n; i++) {
            try (Scope s = Scope.open()) {
                o.zeroGrad();
                lossBackward(w, v);
                o.step();
            }
        }
    }

    @Test
    void stateNamesAreThoseOfPyTorch() {
        for (String[] row : Recordings.rows("optim_state_cases.txt")) {
            String name = row[0];
            try (Scope s = Scope.open()) {
                Tensor w = Torch.tensor(new float[] {0.5f, -1.5f}).requiresGrad(true);
                try (Optimizer o = MAKERS.get(name).apply(List.of(w))) {
                    w.mul(w).sum().backward();
                    o.step();
                    @SuppressWarnings("unchecked")
                    Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) o.stateDict().get("state");
                    TreeSet<String> expected = new TreeSet<>(List.of(row).subList(1, row.length));
                    assertEquals(expected, new TreeSet<>(state.get(0).keySet()), name);
                }
            }
        }
    }

    @Test
    void resumingFromAStateDictIsBitExact() {
        for (Map.Entry<String, Function<List<Tensor>, Optimizer>> e : MAKERS.entrySet()) {
            try (Scope s = Scope.open()) {
                // 6 steps straight, two groups (the second with another lr)
                Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
                Tensor v = Torch.tensor(V0.clone()).requiresGrad(true);
                float[] straightW;
                float[] straightV;
                try (Optimizer o = e.getValue().apply(List.of(w))) {
                    o.addParamGroup(List.of(v), Map.of("lr", o.lr() * 2));
                    steps(o, w, v, 6);
                    straightW = w.toFloatArray();
                    straightV = v.toFloatArray();
                }
                // 3 steps, save, fresh parameters with those values, fresh optimizer, load, 3 steps
                Tensor w1 = Torch.tensor(W0.clone()).requiresGrad(true);
                Tensor v1 = Torch.tensor(V0.clone()).requiresGrad(true);
                Map<String, Object> saved;
                try (Optimizer o = e.getValue().apply(List.of(w1))) {
                    o.addParamGroup(List.of(v1), Map.of("lr", o.lr() * 2));
                    steps(o, w1, v1, 3);
                    saved = o.stateDict();
                }
                Tensor w2 = Torch.tensor(w1.toFloatArray()).requiresGrad(true);
                Tensor v2 = Torch.tensor(v1.toFloatArray()).requiresGrad(true);
                try (Optimizer o = e.getValue().apply(List.of(w2))) {
                    o.addParamGroup(List.of(v2), Map.of());
                    o.loadStateDict(saved);
                    assertEquals(o.paramGroups().get(0).lr() * 2, o.paramGroups().get(1).lr(), "group options come from the dict");
                    steps(o, w2, v2, 3);
                }
                assertArrayEquals(straightW, w2.toFloatArray(), e.getKey() + ": 3 + load + 3 == 6 steps");
                assertArrayEquals(straightV, v2.toFloatArray(), e.getKey() + ": second group too");
                assertFalse(java.util.Arrays.equals(W0, straightW), "the steps moved w");
            }
        }
    }

    static void lbfgsSteps(LBFGS o, Tensor w, Tensor v, int n) {
        for (int i = 0; i < n; i++) {
            try (Scope s = Scope.open()) {
                o.step(() -> {
                    o.zeroGrad();
                    Tensor l = w.mul(Torch.tensor(new float[] {1.0f, 2.0f, -0.5f, 0.25f})).sub(0.3).pow(2).sum().add(v.mul(v).mul(3.0).sum());
                    l.backward();
                    return l;
                });
            }
        }
    }

    @Test
    void lbfgsResumesBitExactlyWithItsHistory() {
        LBFGS.Options opts = new LBFGS.Options(0.1).withMaxIter(3).withHistorySize(2);
        try (Scope s = Scope.open()) {
            Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor v = Torch.tensor(V0.clone()).requiresGrad(true);
            float[] straight;
            try (LBFGS o = new LBFGS(List.of(w, v), opts)) {
                lbfgsSteps(o, w, v, 4);
                straight = w.toFloatArray();
            }
            Tensor w1 = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor v1 = Torch.tensor(V0.clone()).requiresGrad(true);
            Map<String, Object> saved;
            try (LBFGS o = new LBFGS(List.of(w1, v1), opts)) {
                lbfgsSteps(o, w1, v1, 2);
                saved = o.stateDict();
            }
            Tensor w2 = Torch.tensor(w1.toFloatArray()).requiresGrad(true);
            Tensor v2 = Torch.tensor(v1.toFloatArray()).requiresGrad(true);
            long before = Torch.liveTensorCount();
            try (LBFGS o = new LBFGS(List.of(w2, v2), opts)) {
                o.loadStateDict(saved);
                lbfgsSteps(o, w2, v2, 2);
            }
            assertArrayEquals(straight, w2.toFloatArray(), "LBFGS: 2 + load + 2 == 4 steps");
            assertEquals(before, Torch.liveTensorCount(), "close() freed LBFGS's history tensors");
            assertFalse(java.util.Arrays.equals(W0, straight));
            assertThrows(IllegalArgumentException.class, () -> new LBFGS(List.of(w2)).addParamGroup(List.of(v2), Map.of()));
            assertThrows(UnsupportedOperationException.class, () -> new LBFGS(List.of(w2)).step());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void structureIsPyTorchs() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(2).requiresGrad(true);
            Tensor b = Torch.zeros(3).requiresGrad(true);
            Tensor c = Torch.zeros(1).requiresGrad(true);
            try (Adam o = new Adam(List.of(a, b), 0.01)) {
                o.addParamGroup(List.of(c), new Adam.Options(0.5));
                a.sum().add(c.sum()).backward(); // b gets no gradient: no state
                o.step();
                Map<String, Object> d = o.stateDict();
                Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) d.get("state");
                assertEquals(new TreeSet<>(List.of(0, 2)), new TreeSet<>(state.keySet()));
                assertEquals(1.0, state.get(0).get("step"));
                List<Map<String, Object>> groups = (List<Map<String, Object>>) d.get("param_groups");
                assertEquals(List.of(0, 1), groups.get(0).get("params"));
                assertEquals(List.of(2), groups.get(1).get("params"));
                assertEquals(0.5, groups.get(1).get("lr"));
                assertEquals(List.of(0.9, 0.999), groups.get(0).get("betas"));
                Tensor saved = (Tensor) state.get(0).get("exp_avg");
                saved.zero_();
                assertFalse(((Tensor) ((Map<Integer, Map<String, Object>>) o.stateDict().get("state")).get(0).get("exp_avg")).equal(saved),
                        "stateDict returns copies");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void mismatchedDictsAreRejectedWithPyTorchsMessages() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.zeros(2).requiresGrad(true);
            Tensor b = Torch.zeros(3).requiresGrad(true);
            try (SGD one = new SGD(List.of(a), 0.1); SGD two = new SGD(List.of(a, b), 0.1)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(two.stateDict()));
                assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", e.getMessage());
                Map<String, Object> d = two.stateDict();
                ((List<Object>) d.get("param_groups")).add(new LinkedHashMap<>(Map.of("params", new ArrayList<>(List.of(2)))));
                e = assertThrows(IllegalArgumentException.class, () -> two.loadStateDict(d));
                assertEquals("loaded state dict has a different number of parameter groups", e.getMessage());
            }
        }
    }

    @Test
    void loadingReplacesAndFreesTheOldState() {
        try (Scope s = Scope.open()) {
            Tensor w = Torch.tensor(W0.clone()).requiresGrad(true);
            Tensor v = Torch.tensor(V0.clone()).requiresGrad(true);
            try (Adam o = new Adam(List.of(w), 0.1)) {
                o.addParamGroup(List.of(v));
                steps(o, w, v, 2);
                long before = Torch.liveTensorCount();
                try (Scope inner = Scope.open()) {
                    o.loadStateDict(o.stateDict());
                }
                assertEquals(before, Torch.liveTensorCount(), "old state freed, copies of the dict's freed with their Scope");
                assertTrue(before > 0);
            }
        }
    }
}
