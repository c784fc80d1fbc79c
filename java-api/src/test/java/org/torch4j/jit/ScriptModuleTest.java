package org.torch4j.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.Tuple;
import org.torch4j.autograd.Grad;

/**
 * TorchScript files written by PyTorch 1.13 (see {@link JitModels}) give Python's outputs, state
 * and values through {@link ScriptModule}.
 */
class ScriptModuleTest {
    private static final double TOL = 1e-6;
    /**
     * Batch 64 of the CNN: LibTorch 2.10 sums the convolution in another order than 1.13 did, so
     * single values of magnitude about 1 differ by up to 10 float32 ulps (1.2e-6 seen): 1e-6
     * absolute plus 1e-6 relative.
     */
    private static final double RTOL_BATCHED = 1e-6;

    @Test
    void scriptedModelWithControlFlowGivesPythonsOutputsOnBothBranches() {
        try (ScriptModule m = ScriptModule.load(JitModels.gate()); Scope s = Scope.open()) {
            for (String k : List.of("pos", "neg")) {
                Tensor x = JitModels.tensor(JitModels.rec("gate", "inputs", k));
                double diff = JitModels.assertClose(JitModels.rec("gate", "outputs", k), m.forward(x), TOL, "gate(" + k + ")");
                System.out.println("gate(" + k + ") max |java - python| = " + diff);
            }
            assertEquals(Map.of("pos", true, "neg", false), JitModels.expected("gate").get("branch_taken"));
        }
    }

    @Test
    void tracedCnnGivesPythonsOutputsForBatch1And64() {
        try (ScriptModule m = ScriptModule.load(JitModels.cnn()); Scope s = Scope.open()) {
            for (String k : List.of("b1", "b64")) {
                Tensor x = JitModels.tensor(JitModels.rec("cnn", "inputs", k));
                double diff = JitModels.assertClose(JitModels.rec("cnn", "outputs", k), m.forward(x), TOL, RTOL_BATCHED, "cnn(" + k + ")");
                System.out.println("cnn(" + k + ") max |java - python| = " + diff);
                try (Grad.Guard g = Grad.inferenceMode()) {
                    assertTrue(Grad.isInferenceModeEnabled());
                    Tensor y = m.forward(x);
                    JitModels.assertClose(JitModels.rec("cnn", "outputs", k), y, TOL, RTOL_BATCHED, "cnn(" + k + ") in inference mode");
                    assertFalse(y.requiresGrad());
                }
                assertFalse(Grad.isInferenceModeEnabled());
                assertTrue(Grad.isEnabled());
            }
        }
    }

    @Test
    void stateMatchesPythonsNamedParametersBuffersAndStateDict() {
        for (String model : List.of("gate", "cnn")) {
            try (ScriptModule m = ScriptModule.load(JitModels.dir().resolve(model + ".pt")); Scope s = Scope.open()) {
                check(model, "parameters", m.namedParameters());
                check(model, "buffers", m.namedBuffers());
                check(model, "state_dict", m.stateDict());
                assertTrue(m.namedParameters().values().iterator().next().requiresGrad());
                assertFalse(m.stateDict().values().iterator().next().requiresGrad());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void check(String model, String section, Map<String, Tensor> got) {
        Map<String, Object> want = (Map<String, Object>) JitModels.expected(model).get(section);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), model + " " + section + " names (in order)");
        for (String k : want.keySet()) {
            JitModels.assertClose((Map<String, Object>) want.get(k), got.get(k), 0, model + " " + section + " " + k);
        }
    }

    @Test
    void runConvertsTuplesListsDictsAndScalarsBothWays() {
        try (ScriptModule m = ScriptModule.load(JitModels.gate()); Scope s = Scope.open()) {
            assertEquals(List.of("forward", "counts", "describe", "in_training", "nested", "pair", "stats"), m.methodNames());
            // pair(x, n) -> (x * n, n + 1)             [Python: (tensor([3., 3.]), 4)]
            List<?> pair = (Tuple) m.run("pair", Torch.ones(2), 3L);
            assertArrayEquals(new float[] {3f, 3f}, ((Tensor) pair.get(0)).toFloatArray());
            assertEquals(4L, pair.get(1));
            assertEquals(4L, ((Tuple) m.run("pair", Torch.ones(2), 3)).get(1)); // an Integer is an int too
            // stats([ones(2), ones(3)], 2.0) -> {'sum': tensor(10.), 'first': tensor([2., 2.])}
            Map<?, ?> stats = (Map<?, ?>) m.run("stats", List.of(Torch.ones(2), Torch.ones(3)), 2.0);
            assertEquals(List.of("sum", "first"), List.copyOf(stats.keySet()));
            assertEquals(10.0, ((Tensor) stats.get("sum")).item());
            assertArrayEquals(new float[] {2f, 2f}, ((Tensor) stats.get("first")).toFloatArray());
            // describe({'b': ones(2), 'a': ones(3)}, 't', True, None) -> ([3, 2], 't:a,b', False, None)
            Map<String, Tensor> d = new LinkedHashMap<>();
            d.put("b", Torch.ones(2));
            d.put("a", Torch.ones(3));
            List<?> desc = (Tuple) m.run("describe", d, "t", true, null);
            assertEquals(List.of(3L, 2L), desc.get(0));
            assertEquals("t:a,b", desc.get(1));
            assertEquals(false, desc.get(2));
            assertNull(desc.get(3));
            // ... with a tensor for the Optional[Tensor]: its sum as a float
            assertEquals(6.0, ((Tuple) m.run("describe", d, "t", false, Torch.full(new long[] {3}, 2.0))).get(3));
            // nested((ones(2), [1, 2]), ['x', 'y']) -> [('x', 3), ('y', 4)]
            List<?> nested = (List<?>) m.run("nested", new Object[] {Torch.ones(2), List.of(1L, 2L)}, List.of("x", "y"));
            assertEquals(2, nested.size());
            assertEquals(Tuple.of("x", 3L), nested.get(0));
            assertEquals(Tuple.of("y", 4L), nested.get(1));
            // counts({'a': 3, 'b': 5}) -> {'a': 1.5, 'b': 2.5}
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("a", 3L);
            counts.put("b", 5L);
            assertEquals(Map.of("a", 1.5, "b", 2.5), m.run("counts", counts));
            assertEquals(Map.of(), m.run("counts", Map.of()));
            assertEquals(false, m.run("in_training"));
            assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) (List<?>) nested).add("z"));
        }
    }

    @Test
    void trainEvalAndToChangeTheModule() {
        try (ScriptModule m = ScriptModule.load(JitModels.gate(), org.torch4j.Device.CPU)) {
            assertFalse(m.isTraining()); // saved after eval(), as torch.jit.load keeps it
            assertTrue(m.train().isTraining());
            assertEquals(true, m.run("in_training"));
            assertFalse(m.eval().isTraining());
            assertEquals(false, m.run("in_training"));
            assertTrue(m == m.to(org.torch4j.Device.CPU));
        }
    }

    @Test
    void returnedTensorsAreTheCallersAndOutliveTheModule() {
        long live = Torch.liveTensorCount();
        Tensor p;
        try (Scope s = Scope.open()) {
            try (ScriptModule m = ScriptModule.load(JitModels.gate())) {
                p = m.namedParameters().get("fc.bias");
                m.forward(Torch.ones(1, 4));
                m.run("stats", List.of(Torch.ones(2)), 1.0);
            }
            assertEquals(3, p.numel()); // still valid after the module closed
        }
        assertTrue(p.isClosed(), "the scope frees what the module returned");
        assertEquals(live, Torch.liveTensorCount());
    }

    @Test
    void closeFreesAndDroppedModulesAreFreedByTheSafetyNet() throws InterruptedException {
        long base = ScriptModule.liveCount();
        ScriptModule.load(JitModels.gate()).close();
        assertEquals(base, ScriptModule.liveCount(), "close() frees the native module");
        for (int i = 0; i < 50; i++) {
            ScriptModule.load(JitModels.gate()); // dropped unclosed
        }
        assertTrue(ScriptModule.liveCount() >= base + 1);
        for (int i = 0; i < 100 && ScriptModule.liveCount() > base; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(base, ScriptModule.liveCount(), "the Cleaner freed every dropped module");
    }
}
