package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Buffers, the state dict and the Module tree API, against the nested model of
 * samples/parity/nn_cases.py (its repr, state_dict keys and load_state_dict messages are in
 * nn_cases.txt).
 */
class StateDictTest {
    /** Mirrors nn_cases.py's Net. */
    static final class Net extends Module {
        final Sequential features = registerModule("features",
                new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2)));
        final ModuleList heads = registerModule("heads", new ModuleList(new Linear(16, 3), new Linear(16, 2, false)));
        final ModuleDict extra = registerModule("extra", new ModuleDict(orderedOf("drop", new Dropout(0.25), "act", new GELU())));
        final Linear fc1 = registerModule("fc1", new Linear(3, 2));
        final Tensor scale;
        final Tensor scratch;

        Net() {
            try (Scope s = Scope.open()) {
                scale = registerBuffer("scale", Torch.ones(2));
                scratch = registerBuffer("scratch", Torch.zeros(1), false);
            }
        }

        static Map<String, Module> orderedOf(String k1, Module m1, String k2, Module m2) {
            Map<String, Module> m = new LinkedHashMap<>();
            m.put(k1, m1);
            m.put(k2, m2);
            return m;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = features.forward(x).flatten(1, -1);
            return fc1.forward(heads.<Linear>get(0).forward(h));
        }
    }

    @BeforeAll
    static void load() throws Exception {
        NnParityTest.load();
    }

    @Test
    void nestedModelPrintsLikePyTorch() {
        try (Net net = new Net()) {
            assertEquals(NnParityTest.EXTRA_REPRS.get("Net"), net.toString());
        }
    }

    @Test
    void stateDictHasPyTorchsKeysInPyTorchsOrder() {
        try (Net net = new Net(); Scope s = Scope.open()) {
            assertEquals(NnParityTest.netKeys, new ArrayList<>(net.stateDict().keySet()));
            assertEquals(List.of("features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "heads.0.weight",
                    "heads.0.bias", "heads.1.weight", "fc1.weight", "fc1.bias"), new ArrayList<>(net.namedParameters().keySet()),
                    "buffers are not parameters");
            assertEquals(List.of("scale", "scratch", "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked"),
                    new ArrayList<>(net.namedBuffers().keySet()), "non-persistent buffers are buffers, just not saved");
        }
    }

    @Test
    void stateDictValuesAreTheCallersReferencesSharingStorage() {
        try (Net net = new Net()) {
            long base = Torch.liveTensorCount();
            try (Scope s = Scope.open()) {
                Map<String, Tensor> sd = net.stateDict();
                assertEquals(base + sd.size(), Torch.liveTensorCount(), "one new reference per entry");
                Tensor w = sd.get("fc1.weight");
                assertNotSame(net.fc1.weight(), w);
                assertFalse(w.requiresGrad(), "detached, as PyTorch's");
                net.fc1.weight().detach().fill_(3.0);
                assertEquals(3.0, w.get(0, 0).item(), "shares storage with the parameter");
            }
            assertEquals(base, Torch.liveTensorCount(), "the scope freed them; the module's tensors are untouched");
            assertFalse(net.fc1.weight().isClosed());
        }
    }

    @Test
    void loadStateDictRoundTripsIntoTheSameObjects() {
        Torch.manualSeed(3);
        try (Net a = new Net(); Net b = new Net(); Scope s = Scope.open()) {
            a.train();
            a.forward(Torch.randn(2, 1, 4, 4)); // moves a's running stats and counter
            Tensor bWeight = b.fc1.weight();
            StateDictLoader.IncompatibleKeys r = b.loadStateDict(a.stateDict());
            assertTrue(r.isEmpty());
            assertEquals("<All keys matched successfully>", r.toString());
            assertSame(bWeight, b.fc1.weight(), "copied in place: optimizers keep their parameters");
            a.stateDict().forEach((k, v) -> assertTrue(v.equal(b.stateDict().get(k)), k));
            assertEquals(1, b.features.<BatchNorm2d>get(1).numBatchesTracked().itemLong());
            assertTrue(b.fc1.weight().requiresGrad(), "still a parameter");
        }
    }

    @Test
    void loadStateDictListsEveryProblemAsPyTorchDoes() {
        try (Net net = new Net(); Net other = new Net(); Scope s = Scope.open()) {
            Map<String, Tensor> bad = new LinkedHashMap<>(net.stateDict());
            bad.remove("fc1.weight");
            bad.remove("features.1.num_batches_tracked"); // 1.13 without version metadata: loaded as 0, not missing
            bad.put("fc1.extra", Torch.zeros(1));
            bad.put("heads.1.bias", Torch.zeros(2));
            bad.put("heads.0.weight", Torch.zeros(3, 2));
            bad.put("features.0.bias", Torch.zeros(5));
            IllegalArgumentException strict = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(bad, true));
            assertEquals(NnParityTest.ERRORS.get("strict_True"), strict.getMessage());
            IllegalArgumentException lax = assertThrows(IllegalArgumentException.class, () -> other.loadStateDict(bad, false));
            assertEquals(NnParityTest.ERRORS.get("strict_False"), lax.getMessage());

            Map<String, Tensor> ok = new LinkedHashMap<>(net.stateDict());
            ok.remove("fc1.bias");
            ok.put("unknown", Torch.zeros(1));
            StateDictLoader.IncompatibleKeys r = other.loadStateDict(ok, false);
            assertEquals(NnParityTest.ERRORS.get("nonstrict_ok"), r.toString());
            assertEquals(List.of("fc1.bias"), r.missingKeys());
            assertEquals(List.of("unknown"), r.unexpectedKeys());
        }
    }

    @Test
    void buffersMoveWithToAndStayOutOfParameters() {
        try (BatchNorm2d bn = new BatchNorm2d(3); Scope s = Scope.open()) {
            Tensor mean = bn.runningMean();
            bn.to(DType.FLOAT64);
            assertSame(mean, bn.runningMean(), "converted in place");
            assertEquals(DType.FLOAT64, bn.runningMean().dtype());
            assertEquals(DType.FLOAT64, bn.weight().dtype());
            assertEquals(DType.INT64, bn.numBatchesTracked().dtype(), "integer buffers keep their dtype");
            assertEquals(2, bn.parameters().size());
            assertEquals(6, bn.numParameters());
            bn.to(org.torch4j.Device.CPU);
            assertEquals(3, bn.buffers().size());
        }
    }

    @Test
    void treeApi() {
        try (Net net = new Net()) {
            assertEquals(List.of("", "features", "features.0", "features.1", "features.2", "features.3", "heads", "heads.0", "heads.1",
                    "extra", "extra.drop", "extra.act", "fc1"), new ArrayList<>(net.namedModules().keySet()));
            assertEquals(List.of("features", "heads", "extra", "fc1"), new ArrayList<>(net.namedChildren().keySet()));
            List<String> visited = new ArrayList<>();
            net.apply(m -> visited.add(m.moduleName()));
            assertEquals("Net", visited.get(visited.size() - 1), "apply visits children first, then the module");
            assertEquals(13, visited.size());
            net.requiresGrad_(false);
            assertTrue(net.parameters().stream().noneMatch(Tensor::requiresGrad));
            net.requiresGrad_(true);
            long n = 4 * 9 + 4 + 4 + 4 + 16 * 3 + 3 + 16 * 2 + 3 * 2 + 2;
            assertEquals(n, net.numParameters());
            Module old = net.extra.put("act", new ReLU());
            assertTrue(old instanceof GELU);
            old.close();
            assertTrue(net.toString().contains("(act): ReLU()"));
            assertNull(net.extra.put("new", new Tanh()));
            assertEquals(List.of("drop", "act", "new"), new ArrayList<>(net.extra.keySet()));
        }
    }

    @Test
    void moduleClosesItsBuffers() {
        long base = Torch.liveTensorCount();
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(base + 5, Torch.liveTensorCount(), "2 parameters + 3 buffers");
        bn.close();
        assertEquals(base, Torch.liveTensorCount());
    }

    @Test
    void multiInputForward() {
        try (Scope s = Scope.open(); MSELoss mse = new MSELoss(); Bilinear bl = new Bilinear(2, 3, 4);
                TripletMarginLoss tl = new TripletMarginLoss(); Linear lin = new Linear(2, 2)) {
            Tensor a = Torch.ones(2, 2);
            assertEquals(0.0, mse.forward(a, a).item());
            assertEquals(0.0, ((Module) mse).forward(new Tensor[] {a, a}).item(), "varargs reaches the two-input forward");
            assertArrayEquals(new long[] {5, 4}, bl.forward(Torch.ones(5, 2), Torch.ones(5, 3)).shape());
            Tensor x = Torch.randn(3, 4);
            assertEquals(0, tl.forward(x, x, x.add(10.0)).dim());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mse.forward(a));
            assertEquals("MSELoss.forward takes 2 inputs (input, target), got 1: call forward(input, target)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lin.forward(a, a));
            assertEquals("Linear.forward takes 1 input, got 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> tl.forward(x, x));
            assertEquals("TripletMarginLoss.forward takes 3 inputs (anchor, positive, negative), got 2", e.getMessage());
        }
    }
}
