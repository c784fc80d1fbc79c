package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.autograd.Grad;

/** {@link Module}, {@link Sequential}: names, typed access, user modules, grads, modes, dtype, close. */
class ModuleTest {

    /** A user module with one scalar parameter: y = s * x. */
    static final class Scale extends Module {
        final Tensor s;

        Scale(double value) {
            try (Scope scope = Scope.open()) {
                s = registerParameter("s", Torch.scalar(value));
            }
        }

        @Override
        public Tensor forward(Tensor x) {
            return s.mul(x);
        }
    }

    /** PyTorch: class Net(nn.Module): self.sub = Sequential(Linear(2,3), Linear(3,1)); self.scale = Parameter(ones(())) */
    static final class Net extends Module {
        final Sequential sub = registerModule("sub", new Sequential(new Linear(2, 3), new Linear(3, 1)));
        final Tensor scale;

        Net() {
            try (Scope scope = Scope.open()) {
                scale = registerParameter("scale", Torch.ones());
            }
        }

        @Override
        public Tensor forward(Tensor x) {
            return sub.forward(x).mul(scale);
        }
    }

    // Names printed by /usr/bin/python3 for the same structures:
    //   [n for n, _ in torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1)).named_parameters()]
    //   -> ['0.weight', '0.bias']
    //   [n for n, _ in Net().named_parameters()]
    //   -> ['scale', 'sub.0.weight', 'sub.0.bias', 'sub.1.weight', 'sub.1.bias']
    //   shared = Linear(2, 2); [n for n, _ in Sequential(shared, shared).named_parameters()] -> ['0.weight', '0.bias']
    @Test
    void parametersHavePyTorchsNames() {
        try (Sequential seq = new Sequential(new Linear(3, 1), new Flatten(0, 1)); Scale user = new Scale(2.0); Net net = new Net()) {
            assertEquals(List.of("0.weight", "0.bias"), List.copyOf(seq.namedParameters().keySet()));
            assertEquals(List.of("s"), List.copyOf(user.namedParameters().keySet()));
            assertEquals(List.of("scale", "sub.0.weight", "sub.0.bias", "sub.1.weight", "sub.1.bias"),
                    List.copyOf(net.namedParameters().keySet()));
            assertEquals(List.of("scale"), List.copyOf(net.namedParameters(false).keySet()));
            assertEquals(List.copyOf(net.namedParameters().values()), net.parameters());
            assertEquals(List.of("sub"), List.copyOf(net.namedChildren().keySet()));
        }
        Linear shared = new Linear(2, 2);
        try (Sequential twice = new Sequential(shared, shared)) {
            assertEquals(List.of("0.weight", "0.bias"), List.copyOf(twice.namedParameters().keySet()));
            assertEquals(2, twice.parameters().size(), "a shared module's parameters are listed once");
        }
    }

    /*
     * /usr/bin/python3: torch.manual_seed(5); m = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Linear(3, 1))
     * print([(n, p.flatten().tolist()) for n, p in m.named_parameters()]); print(m(torch.tensor([[0.5, -1.0]])).tolist())
     */
    @Test
    void sequentialInitialisesInOrderAndChainsForward() {
        Torch.manualSeed(5);
        try (Sequential m = new Sequential(new Linear(2, 3), new Linear(3, 1)); Scope s = Scope.open()) {
            var p = m.namedParameters();
            assertArrayEquals(new float[] {0.46704667806625366f, -0.5287590026855469f, 0.5762491226196289f, 0.4524451494216919f,
                0.5941159725189209f, -0.5421455502510071f}, p.get("0.weight").toFloatArray());
            assertArrayEquals(new float[] {-0.47462207078933716f, 0.33646881580352783f, -0.6600634455680847f}, p.get("0.bias").toFloatArray());
            assertArrayEquals(new float[] {0.5706353783607483f, 0.12289311736822128f, 0.07456047087907791f}, p.get("1.weight").toFloatArray());
            assertArrayEquals(new float[] {-0.4937358498573303f}, p.get("1.bias").toFloatArray());
            Tensor out = m.forward(Torch.tensor(new float[] {0.5f, -1.0f}, 1, 2));
            assertArrayEquals(new float[] {-0.29507410526275635f}, out.toFloatArray());
        }
    }

    @Test
    void getIsTyped() {
        try (Sequential m = new Sequential(new Linear(3, 1), new Flatten(0, 1), new Scale(3.0))) {
            Linear first = m.get(0);
            assertEquals(3, first.inFeatures());
            Flatten flat = m.get(1, Flatten.class);
            assertEquals(0, flat.startDim());
            Scale last = m.get(-1);
            assertEquals(3.0, last.s.item());
            assertSame(first, m.get(0, Module.class));
            ClassCastException e = assertThrows(ClassCastException.class, () -> m.get(1, Linear.class));
            assertTrue(e.getMessage().contains("Flatten") && e.getMessage().contains("Linear"), e.getMessage());
            assertThrows(ClassCastException.class, () -> {
                Linear wrong = m.get(1); // unchecked: fails where it is assigned
                wrong.inFeatures();
            });
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(3));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(-4));
            assertEquals(3, m.size());
        }
    }

    @Test
    void userModuleInsideSequential() {
        Torch.manualSeed(1);
        try (Sequential m = new Sequential(new Linear(2, 1), new Scale(-3.0)); Scope s = Scope.open()) {
            assertEquals(List.of("0.weight", "0.bias", "1.s"), List.copyOf(m.namedParameters().keySet()));
            Tensor x = Torch.tensor(new float[] {1.0f, 2.0f, -1.0f, 0.5f}, 2, 2);
            Linear lin = m.get(0);
            Scale scale = m.get(1);
            Tensor expected = lin.forward(x).mul(scale.s);
            Tensor out = m.forward(x);
            assertTrue(out.equal(expected), "forward chains the Java module after the built-in one");
            out.sum().backward();
            // d/ds sum(s * lin(x)) = sum(lin(x))
            assertEquals(lin.forward(x).sum().itemFloat(), scale.s.grad().itemFloat());
            assertNotNull(lin.weight().grad(), "the gradient reaches the built-in module through the user module");
        }
    }

    @Test
    void zeroGradSetsGradientsToNone() {
        try (Net net = new Net(); Scope s = Scope.open()) {
            net.forward(Torch.ones(4, 2)).sum().backward();
            for (Tensor p : net.parameters()) {
                assertNotNull(p.grad());
            }
            net.zeroGrad();
            for (Tensor p : net.parameters()) {
                assertNull(p.grad(), "grad is None after zeroGrad()");
            }
        }
    }

    @Test
    void zeroGradFalseZeroesInPlace() {
        try (Net net = new Net(); Scope s = Scope.open()) {
            net.forward(Torch.ones(4, 2)).sum().backward();
            assertFalse(net.scale.grad().itemFloat() == 0f);
            net.zeroGrad(false);
            for (Tensor p : net.parameters()) {
                Tensor g = p.grad();
                assertNotNull(g, "still defined");
                assertEquals(0f, g.abs().sum().itemFloat());
            }
        }
    }

    @Test
    void trainAndEvalReachEverySubmodule() {
        try (Net net = new Net()) {
            assertTrue(net.isTraining());
            net.eval();
            assertFalse(net.isTraining());
            assertFalse(net.sub.isTraining());
            assertFalse(net.sub.get(1, Linear.class).isTraining());
            net.train();
            assertTrue(net.sub.get(0, Linear.class).isTraining());
        }
    }

    @Test
    void toDTypeConvertsInPlaceKeepingTheParameterObjects() {
        Torch.manualSeed(0);
        try (Linear l = new Linear(3, 1); Scope s = Scope.open()) {
            Tensor w = l.weight();
            float[] before = w.toFloatArray();
            l.forward(Torch.ones(1, 3)).sum().backward();
            l.to(DType.FLOAT64);
            assertSame(w, l.weight());
            assertEquals(DType.FLOAT64, w.dtype());
            assertEquals(DType.FLOAT64, w.grad().dtype(), "the gradient follows");
            assertTrue(w.requiresGrad() && w.isLeaf());
            double[] after = w.toDoubleArray();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i], after[i], 0.0);
            }
            assertEquals(DType.FLOAT64, l.forward(Torch.ones(DType.FLOAT64, 1, 3)).dtype());
            assertThrows(IllegalArgumentException.class, () -> l.to(DType.INT64));
        }
    }

    @Test
    void toCudaWithoutCudaIsAJavaException() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Torch.cudaAvailable());
        try (Linear l = new Linear(3, 1)) {
            assertThrows(TorchException.class, () -> l.to(Device.cuda(0)));
            assertEquals(Device.CPU, l.weight().device(), "nothing moved");
            l.to(Device.CPU);
            assertEquals(Device.CPU, l.weight().device());
        }
    }

    @Test
    void registerParameterMakesANewLeafSharingStorage() {
        try (Scope s = Scope.open(); Scale m = new Scale(0.0)) {
            Tensor value = Torch.zeros(3);
            Tensor p = m.registerParameter("v", value);
            Tensor frozen = m.registerParameter("frozen", Torch.ones(2), false);
            assertTrue(p != value && p.requiresGrad() && p.isLeaf());
            assertFalse(value.requiresGrad(), "the caller's tensor is not changed");
            assertFalse(frozen.requiresGrad());
            try (var g = Grad.noGrad()) {
                p.add_(1.0);
            }
            assertArrayEquals(new float[] {1f, 1f, 1f}, value.toFloatArray(), "storage is shared, as nn.Parameter(t) shares it");
            value.close();
            assertEquals(3, p.numel(), "closing the caller's tensor leaves the parameter valid");
            assertNull(m.registerParameter("absent", null));
            assertEquals(List.of("s", "v", "frozen"), List.copyOf(m.namedParameters().keySet()));
            assertThrows(IllegalArgumentException.class, () -> m.registerParameter("v", Torch.zeros(1)));
            assertThrows(IllegalArgumentException.class, () -> m.registerParameter("a.b", Torch.zeros(1)));
            assertThrows(IllegalArgumentException.class, () -> m.registerParameter("", Torch.zeros(1)));
            assertThrows(IllegalArgumentException.class, () -> m.registerModule("s", new Flatten()));
            assertThrows(TorchException.class, () -> m.registerParameter("ints", Torch.zeros(DType.INT64, 2)),
                    "only floating point tensors can require gradients");
        }
    }

    @Test
    void registrationCyclesAreRejected() {
        try (Sequential outer = new Sequential(); Sequential inner = new Sequential()) {
            outer.add(inner);
            assertThrows(IllegalArgumentException.class, () -> inner.add(outer));
            assertThrows(IllegalArgumentException.class, () -> outer.add(outer));
        }
    }

    @Test
    void missingForwardIsReportedAsInPyTorch() {
        try (Module m = new Module() { }; Scope s = Scope.open()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> m.forward(Torch.zeros(1)));
            assertTrue(e.getMessage().contains("missing the required forward"), e.getMessage());
        }
    }

    @Test
    void emptySequentialReturnsItsInput() {
        try (Sequential m = new Sequential(); Scope s = Scope.open()) {
            Tensor x = Torch.zeros(2);
            assertSame(x, m.forward(x));
        }
    }

    @Test
    void closeFreesEveryParameterAndLaterUseThrows() {
        long baseline = Torch.liveTensorCount();
        Net net = new Net();
        Tensor w = net.sub.get(0, Linear.class).weight();
        assertEquals(baseline + 5, Torch.liveTensorCount(), "five parameters, each one owned tensor");
        net.close();
        assertEquals(baseline, Torch.liveTensorCount(), "close() freed all of them");
        net.close(); // idempotent
        assertTrue(net.isClosed() && net.sub.isClosed());
        assertThrows(IllegalStateException.class, net::parameters);
        assertThrows(IllegalStateException.class, () -> net.forward((Tensor) null));
        assertThrows(IllegalStateException.class, () -> net.sub.get(0));
        assertThrows(IllegalStateException.class, net::train);
        assertThrows(IllegalStateException.class, () -> net.registerParameter("x", null));
        assertThrows(IllegalStateException.class, w::numel);
        assertThrows(IllegalStateException.class, () -> net.scale.add(1.0));
        assertTrue(net.toString().contains("<closed>"));
    }

    @Test
    void printsLikePyTorch() {
        try (Sequential m = new Sequential(new Linear(3, 1), new Flatten(0, 1))) {
            assertEquals("Sequential(\n  (0): Linear(in_features=3, out_features=1, bias=True)\n  (1): Flatten(start_dim=0, end_dim=1)\n)",
                    m.toString());
        }
    }
}
