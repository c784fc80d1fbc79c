package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.autograd.TestFunctions.Exp;
import org.torch4j.autograd.TestFunctions.Fixed;
import org.torch4j.autograd.TestFunctions.Identity;
import org.torch4j.autograd.TestFunctions.MatMul;
import org.torch4j.autograd.TestFunctions.MulAdd;
import org.torch4j.autograd.TestFunctions.P3;
import org.torch4j.autograd.TestFunctions.SinAndMul;
import org.torch4j.autograd.TestFunctions.Throwing;

/**
 * {@link Function} semantics: exact forward values, gradients exactly as backward returned them,
 * several inputs and outputs, retained graphs, chaining, scopes, GC, no-grad, errors. Every test
 * also checks that the live-context and live-tensor counts return to where they started.
 */
class FunctionTest {
    private Scope scope;
    private long tensorsBefore;
    private long contextsBefore;

    @BeforeEach
    void open() {
        Torch.manualSeed(7);
        tensorsBefore = Torch.liveTensorCount();
        contextsBefore = Function.liveContexts();
        scope = Scope.open();
    }

    @AfterEach
    void closeAndCheckBaseline() {
        scope.close();
        assertEquals(contextsBefore, Function.liveContexts(), "live contexts after the test's scope closed");
        assertEquals(tensorsBefore, Torch.liveTensorCount(), "live tensors after the test's scope closed");
    }

    private static int[] bits(Tensor t) {
        float[] f = t.toFloatArray();
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    private static Tensor special() {
        return Torch.tensor(new float[] {-2.5f, -1f, -0f, 0f, 0.3f, 1e-30f, 7f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE, -Float.MAX_VALUE});
    }

    @Test
    void forwardIsBitIdenticalToForwardAlone() {
        Tensor x = special().requiresGrad(true);
        P3 p3 = new P3();
        Tensor y = p3.apply(x);
        Tensor alone = Grad.noGrad(() -> P3.forwardAlone(x));
        assertArrayEquals(bits(alone), bits(y));
        assertTrue(y.requiresGrad());
        assertEquals("PutBackward0", y.gradFn());
        // -0.0 and NaN payloads survive too (an identity keeps every bit of its input)
        Tensor z = new Identity().apply(x);
        assertArrayEquals(bits(x), bits(z));
        Tensor d = Torch.tensor(new double[] {-0.0, Double.NaN, 1e-300}).requiresGrad(true);
        Tensor e = new Identity().apply(d.mul(1.0));
        double[] got = e.toDoubleArray();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(got[0]));
        assertTrue(Double.isNaN(got[1]));
        assertEquals(1e-300, got[2]);
    }

    @Test
    void gradientIsExactlyWhatBackwardReturned() {
        Tensor x = Torch.randn(6).requiresGrad(true);
        Tensor r = Torch.randn(6);
        new Fixed(r).apply(x).sum().backward();
        assertArrayEquals(bits(r), bits(x.grad()));

        Tensor u = Torch.randn(2000).requiresGrad(true);
        Tensor g = Torch.randn(2000);
        P3 p3 = new P3();
        p3.apply(u).backward(g, false);
        Tensor expected = Grad.noGrad(() -> P3.backwardAlone(g, u));
        assertArrayEquals(bits(expected), bits(u.grad()));
        assertEquals(1, p3.backwardCalls.get());
    }

    @Test
    void severalInputsSomeWithoutGradAndAConstant() {
        Tensor x = Torch.randn(4).requiresGrad(true);
        Tensor y = Torch.randn(4);                      // does not require grad
        Tensor c = Torch.full(new long[] {4}, 10.0);    // constant
        AtomicReference<boolean[]> needs = new AtomicReference<>();
        Function f = new MulAdd() {
            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                needs.set(new boolean[] {ctx.needsInputGrad(0), ctx.needsInputGrad(1), ctx.needsInputGrad(2)});
                return super.backward(ctx, g);
            }
        };
        Tensor z = f.apply(x, y, c)[0];
        assertArrayEquals(bits(Grad.noGrad(() -> x.mul(y).add(c))), bits(z));
        Tensor g = Torch.randn(4);
        z.backward(g, false);
        assertArrayEquals(new boolean[] {true, false, false}, needs.get());
        assertArrayEquals(bits(g.mul(1.0).mul(y)), bits(x.grad()));
        assertNull(y.grad());
        assertNull(c.grad());
        assertFalse(y.requiresGrad());
        assertFalse(c.requiresGrad());

        // both x and y require grad: two sources linked into one output
        Tensor y2 = y.clone().requiresGrad(true);
        Tensor x2 = x.detach().clone().requiresGrad(true);
        f.apply(x2, y2, c)[0].backward(g, false);
        assertArrayEquals(new boolean[] {true, true, false}, needs.get());
        assertArrayEquals(bits(g.mul(y2.detach())), bits(x2.grad()));
        assertArrayEquals(bits(g.mul(x2.detach())), bits(y2.grad()));
    }

    @Test
    void nullGradientForAnInputThatNeedsOne() {
        Tensor x = Torch.randn(3).requiresGrad(true);
        Tensor w = Torch.randn(3).requiresGrad(true);
        Function f = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                return new Tensor[] {in[0].add(in[1])};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {g[0], null};
            }
        };
        f.apply(x, w)[0].sum().backward();
        assertArrayEquals(new float[] {1, 1, 1}, x.grad().toFloatArray());
        // documented difference from PyTorch (which leaves w.grad None): w receives zeros
        assertArrayEquals(new float[] {0, 0, 0}, w.grad().toFloatArray());
        w.setGrad(null);
        // and nothing else changes: a second use that does give w a gradient accumulates normally
        f.apply(x, w)[0].sum().add(w.sum()).backward();
        assertArrayEquals(new float[] {1, 1, 1}, w.grad().toFloatArray());
    }

    @Test
    void severalOutputsWithAbsentGradientsAsZerosOrNull() {
        Tensor x = Torch.randn(DType.FLOAT64, 3).requiresGrad(true);
        Tensor y = Torch.randn(DType.FLOAT64, 3).requiresGrad(true);
        SinAndMul f = new SinAndMul(true);
        Tensor[] out = f.apply(x, y);
        assertEquals(2, out.length);
        assertArrayEquals(Grad.noGrad(() -> x.sin()).toDoubleArray(), out[0].toDoubleArray());
        out[0].sum().backward();             // only the first output is used
        assertArrayEquals(new boolean[] {false, false}, f.nulls, "materialised: zeros, not null");
        assertArrayEquals(Grad.noGrad(() -> x.cos()).toDoubleArray(), x.grad().toDoubleArray());
        // dy = g1 * x with g1 = zeros: exactly zero (materialised), not absent
        assertArrayEquals(new double[3], y.grad().toDoubleArray(), 0.0);

        x.setGrad(null);
        y.setGrad(null);
        SinAndMul g = new SinAndMul(false);
        Tensor[] out2 = g.apply(x, y);
        out2[1].sum().backward();
        assertArrayEquals(new boolean[] {true, false}, g.nulls, "not materialised: null");
        assertArrayEquals(y.detach().toDoubleArray(), x.grad().toDoubleArray());
        assertArrayEquals(x.detach().toDoubleArray(), y.grad().toDoubleArray());

        // both outputs used: one backward call with both gradients
        x.setGrad(null);
        y.setGrad(null);
        Tensor[] out3 = f.apply(x, y);
        out3[0].sum().add(out3[1].sum()).backward();
        assertArrayEquals(new boolean[] {false, false}, f.nulls);
        Tensor expected = Grad.noGrad(() -> x.cos().add(y));
        assertArrayEquals(expected.toDoubleArray(), x.grad().toDoubleArray());
        GradCheck.gradcheck(in -> f.apply(in), x.detach(), y.detach().requiresGrad(true));
    }

    @Test
    void retainGraphThenSecondBackward() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        P3 p3 = new P3();
        Tensor loss = p3.apply(x).sum();
        loss.backward(true);
        float[] once = x.grad().toFloatArray();
        assertEquals(contextsBefore + 1, Function.liveContexts(), "retained graph keeps its context");
        loss.backward();
        assertEquals(2, p3.backwardCalls.get());
        float[] twice = x.grad().toFloatArray();
        for (int i = 0; i < once.length; i++) {
            assertEquals(once[i] + once[i], twice[i]);
        }
        assertEquals(contextsBefore, Function.liveContexts(), "graph freed by the backward that did not retain it");
        TorchException e = assertThrows(TorchException.class, loss::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
        assertEquals(2, p3.backwardCalls.get());
    }

    @Test
    void outputUsedTwiceCallsBackwardOnceWithTheSum() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        AtomicReference<float[]> seen = new AtomicReference<>();
        P3 p3 = new P3() {
            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                seen.set(gradOutput.toFloatArray());
                return super.backward(ctx, gradOutput);
            }
        };
        Tensor y = p3.apply(x);
        y.mul(y).add(y).sum().backward();
        assertEquals(1, p3.backwardCalls.get());
        Tensor yv = Grad.noGrad(() -> P3.forwardAlone(x));
        Tensor expectedGradOut = yv.mul(2).add(1);         // d(y^2 + y)/dy
        assertArrayEquals(expectedGradOut.toFloatArray(), seen.get(), 1e-5f);
        Tensor expected = Grad.noGrad(() -> P3.backwardAlone(Torch.tensor(seen.get()), x));
        assertArrayEquals(bits(expected), bits(x.grad()));
    }

    @Test
    void chainedFunctions() {
        Tensor x = Torch.randn(7).requiresGrad(true);
        P3 p3 = new P3();
        Tensor inner = p3.apply(x);
        Tensor outer = p3.apply(inner);
        assertArrayEquals(bits(Grad.noGrad(() -> P3.forwardAlone(P3.forwardAlone(x)))), bits(outer));
        Tensor g = Torch.randn(7);
        outer.backward(g, false);
        assertEquals(2, p3.backwardCalls.get());
        Tensor expected = Grad.noGrad(() -> P3.backwardAlone(P3.backwardAlone(g, P3.forwardAlone(x)), x));
        assertArrayEquals(bits(expected), bits(x.grad()));
        // through gradcheck as well, in float64
        Tensor xd = Torch.randn(DType.FLOAT64, 4).requiresGrad(true);
        GradCheck.gradcheck(in -> new Tensor[] {p3.apply(p3.apply(in[0]))}, xd);
    }

    @Test
    void backwardAfterTheCreatingScopeClosed() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        Tensor loss;
        Tensor r;
        try (Scope s = Scope.open()) {
            Tensor u = x.mul(2);                     // intermediate input, freed with the scope
            r = Torch.randn(5).keep();
            loss = new Fixed(r).apply(u).sum().keep();
            P3 p3 = new P3();
            loss = loss.add(p3.apply(u).sum()).keep();
        }
        loss.backward();
        Tensor u = Grad.noGrad(() -> x.mul(2));
        Tensor expected = Grad.noGrad(() -> r.add(P3.backwardAlone(Torch.ones(5), u)).mul(2));
        assertArrayEquals(expected.toFloatArray(), x.grad().toFloatArray(), 1e-6f);
    }

    @Test
    void garbageCollectionDuringBackward() {
        Tensor x = Torch.randn(100).requiresGrad(true);
        P3 p3 = new P3() {
            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                for (int i = 0; i < 3; i++) {
                    byte[][] junk = new byte[1000][];
                    for (int k = 0; k < junk.length; k++) {
                        junk[k] = new byte[1000];
                    }
                    System.gc();
                }
                return super.backward(ctx, gradOutput);
            }
        };
        Tensor loss = p3.apply(p3.apply(x)).sum();
        System.gc();                                 // nothing but the loss refers to the graph now
        System.runFinalization();
        loss.backward();
        Tensor inner = Grad.noGrad(() -> P3.forwardAlone(x));
        Tensor expected = Grad.noGrad(() -> P3.backwardAlone(P3.backwardAlone(Torch.ones(100), inner), x));
        assertArrayEquals(bits(expected), bits(x.grad()));
    }

    @Test
    void forwardUnderNoGradMakesNoGraph() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        P3 p3 = new P3();
        long before = Torch.liveTensorCount();
        Tensor y;
        try (var g = Grad.noGrad()) {
            y = p3.apply(x);
        }
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        assertEquals(contextsBefore, Function.liveContexts());
        assertArrayEquals(bits(Grad.noGrad(() -> P3.forwardAlone(x))), bits(y));
        // the saved input was released at once: only forward's own tensors remain in the scope
        try (Scope s = Scope.open()) {
            long inScope = Torch.liveTensorCount();
            try (var g = Grad.noGrad()) {
                p3.apply(x);
            }
            s.close();
            assertEquals(inScope, Torch.liveTensorCount());
        }
        assertTrue(Torch.liveTensorCount() > before);
        // inputs that do not require grad: no graph either
        Tensor c = Torch.randn(5);
        Tensor yc = p3.apply(c);
        assertFalse(yc.requiresGrad());
        assertEquals(contextsBefore, Function.liveContexts());
    }

    @Test
    void exceptionInBackwardArrivesAsTorchExceptionWithItsCause() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        IllegalStateException boom = new IllegalStateException("boom from backward");
        Tensor loss = new Throwing(boom).apply(x).sum();
        TorchException e = assertThrows(TorchException.class, loss::backward);
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().startsWith("backward: "), e.getMessage());
        assertTrue(e.getMessage().contains("Throwing.backward threw java.lang.IllegalStateException: boom from backward"),
                e.getMessage());
        assertFalse(e.getMessage().contains("torch4j callback #"), e.getMessage());
        assertNull(x.grad());

        // the engine stays usable: the same input, a working function
        P3 p3 = new P3();
        p3.apply(x).sum().backward();
        Tensor expected = Grad.noGrad(() -> P3.backwardAlone(Torch.ones(5), x));
        assertArrayEquals(bits(expected), bits(x.grad()));

        // an Error is carried too
        AssertionError err = new AssertionError("assertion inside backward");
        Function f = new UnaryFunction() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor input) {
                return input.neg();
            }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                throw err;
            }
        };
        TorchException e2 = assertThrows(TorchException.class, () -> f.apply(x)[0].sum().backward());
        assertSame(err, e2.getCause());
    }

    @Test
    void invalidGradientsAreCheckedOrConformed() {
        Tensor x = Torch.randn(2, 3).requiresGrad(true);
        // wrong shape that does not broadcast: an error naming the function and the shapes
        TorchException e = assertThrows(TorchException.class, () -> new Fixed(Torch.ones(4)).apply(x).sum().backward());
        assertTrue(e.getMessage().contains("invalid gradient"), e.getMessage());
        assertTrue(e.getMessage().contains("[4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        // a broadcast gradient is summed back to the input's shape
        Tensor r = Torch.tensor(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        new Fixed(r).apply(x).sum().backward();
        assertArrayEquals(new long[] {2, 3}, x.grad().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, x.grad().toFloatArray());
        // a float64 gradient for a float32 input is converted
        x.setGrad(null);
        new Fixed(Torch.full(new long[] {2, 3}, 0.1, DType.FLOAT64)).apply(x).sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(0.1f, x.grad().toFloatArray()[0]);
        // wrong number of gradients
        Function wrongCount = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                return new Tensor[] {in[0].mul(2)};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {g[0], g[0]};
            }
        };
        TorchException e3 = assertThrows(TorchException.class, () -> wrongCount.apply(x)[0].sum().backward());
        assertTrue(e3.getMessage().contains("incorrect number of gradients (expected 1, got 2)"), e3.getMessage());
    }

    @Test
    void modifyingASavedTensorInPlaceIsAnError() {
        Tensor x = Torch.randn(4).requiresGrad(true);
        Tensor u = x.mul(1.0);
        Tensor loss = new P3().apply(u).sum();
        Grad.noGrad(() -> u.add_(1.0));
        TorchException e = assertThrows(TorchException.class, loss::backward);
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
        assertTrue(e.getCause() instanceof TorchException);
    }

    @Test
    void anOutputThatIsAnInputOrAViewOfOneIsANewTensor() {
        Tensor x = Torch.randn(2, 3).requiresGrad(true);
        Tensor y = new Identity().apply(x);
        assertNotSame(x, y);
        assertTrue(x.isLeaf());
        assertNull(x.gradFn());
        assertEquals("PutBackward0", y.gradFn());
        Tensor g = Torch.randn(2, 3);
        y.backward(g, false);
        assertArrayEquals(bits(g), bits(x.grad()));

        // a constant input returned as is: the constant stays untouched
        Tensor c = Torch.randn(3);
        Tensor w = Torch.randn(3).requiresGrad(true);
        Function first = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                return new Tensor[] {in[0], in[1].view(3)};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... gr) {
                return new Tensor[] {null, gr[1]};
            }
        };
        Tensor[] out = first.apply(c, w);
        assertFalse(c.requiresGrad());
        assertNull(c.gradFn());
        assertNotSame(c, out[0]);
        assertTrue(w.isLeaf());
        out[1].sum().backward();
        assertArrayEquals(new float[] {1, 1, 1}, w.grad().toFloatArray());
        // closing an output never closes the input it was
        out[0].close();
        assertFalse(c.isClosed());
    }

    @Test
    void savingTheOutputMakesNoReferenceCycle() {
        Tensor x = Torch.randn(DType.FLOAT64, 5).requiresGrad(true);
        try (Scope s = Scope.open()) {
            new Exp().apply(x);                      // never back-propagated
        }
        assertEquals(contextsBefore, Function.liveContexts());
        Tensor y = new Exp().apply(x);
        y.sum().backward();
        assertArrayEquals(Grad.noGrad(() -> x.exp()).toDoubleArray(), x.grad().toDoubleArray());
        GradCheck.gradcheck(in -> new Tensor[] {new Exp().apply(in[0])}, x.detach().requiresGrad(true));
    }

    @Test
    void contextsAreReleasedWhenTheGraphIsGone() {
        Tensor x = Torch.randn(5).requiresGrad(true);
        AtomicReference<WeakReference<FunctionContext>> ref = new AtomicReference<>();
        P3 p3 = new P3() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor input) {
                ref.set(new WeakReference<>(ctx));
                return super.forward(ctx, input);
            }
        };
        // dropped without backward
        try (Scope s = Scope.open()) {
            p3.apply(x).sum();
            assertEquals(contextsBefore + 1, Function.liveContexts());
        }
        assertEquals(contextsBefore, Function.liveContexts());
        assertCollected(ref.get());
        // after backward
        Tensor loss = p3.apply(x).sum();
        assertEquals(contextsBefore + 1, Function.liveContexts());
        loss.backward();
        assertEquals(contextsBefore, Function.liveContexts());
        assertCollected(ref.get());
        // a released context refuses use
        Tensor loss2 = p3.apply(x).sum();
        FunctionContext[] kept = {null};
        kept[0] = ref.get().get();
        loss2.backward();
        assertNotNull(kept[0]);
        assertThrows(IllegalStateException.class, kept[0]::savedTensors);
    }

    private static void assertCollected(WeakReference<?> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertNull(ref.get(), "the context is still reachable");
    }

    @Test
    void mixedDtypesTakeTheGeneralPath() {
        // float64 input, float32 output: the gradient reaches the input in float64, unrounded
        Tensor x = Torch.tensor(new double[] {0.1, 0.2, 0.3}).requiresGrad(true);
        Tensor r = Torch.tensor(new double[] {1.0 / 3, 2.0 / 3, Math.PI});
        Function toFloat = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                return new Tensor[] {in[0].to(DType.FLOAT32)};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {r};
            }
        };
        Tensor y = toFloat.apply(x)[0];
        assertEquals(DType.FLOAT32, y.dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT64, x.grad().dtype());
        assertArrayEquals(r.toDoubleArray(), x.grad().toDoubleArray());
    }

    /**
     * Each way an application is linked: one input of the output's shape (one node), several inputs
     * or another shape (a node per input plus the output's), a 0-dim input, several outputs (the hub).
     */
    @Test
    void everyKindOfLinkDeliversExactGradients() {
        // x[5] -> y[] (shape changes: not the one-node path)
        Tensor x = Torch.randn(DType.FLOAT64, 5).requiresGrad(true);
        Function sum = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                ctx.put("shape", in[0].shape());
                return new Tensor[] {in[0].sum()};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {g[0].mul(Torch.ones(DType.FLOAT64, ctx.<long[]>get("shape")))};
            }
        };
        Tensor s = sum.apply(x)[0];
        assertEquals(0, s.dim());
        s.mul(3.0).backward();
        assertArrayEquals(new double[] {3, 3, 3, 3, 3}, x.grad().toDoubleArray());
        GradCheck.gradcheck(sum::apply, x.detach().requiresGrad(true));

        // a 0-dim input and a vector: y = a * v
        Tensor a = Torch.scalar(1.5, DType.FLOAT64).requiresGrad(true);
        Tensor v = Torch.randn(DType.FLOAT64, 4).requiresGrad(true);
        Function scale = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                ctx.saveForBackward(in[0], in[1]);
                return new Tensor[] {in[1].mul(in[0])};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {g[0].mul(ctx.savedTensor(1)).sum(), g[0].mul(ctx.savedTensor(0))};
            }
        };
        Tensor g = Torch.randn(DType.FLOAT64, 4);
        scale.apply(a, v)[0].backward(g, false);
        assertEquals(0, a.grad().dim());
        assertArrayEquals(Grad.noGrad(() -> g.mul(v).sum()).toDoubleArray(), a.grad().toDoubleArray());
        assertArrayEquals(Grad.noGrad(() -> g.mul(a)).toDoubleArray(), v.grad().toDoubleArray());
        GradCheck.gradcheck(scale::apply, a.detach().requiresGrad(true), v.detach().requiresGrad(true));

        // only a 0-dim input: y[4] = a * c (constant c), one input of another shape
        Tensor c = Torch.randn(DType.FLOAT64, 4);
        a.setGrad(null);
        scale.apply(a, c)[0].sum().backward();
        assertArrayEquals(Grad.noGrad(() -> c.sum()).toDoubleArray(), a.grad().toDoubleArray());
        GradCheck.gradcheck(in -> scale.apply(in[0], c), a.detach().requiresGrad(true));
    }

    @Test
    void matrixFunctionMatchesMatmul() {
        Tensor a = Torch.randn(3, 4).requiresGrad(true);
        Tensor b = Torch.randn(4, 2).requiresGrad(true);
        Tensor c = new MatMul().apply(a, b)[0];
        assertArrayEquals(bits(Grad.noGrad(() -> a.matmul(b))), bits(c));
        Tensor g = Torch.randn(3, 2);
        c.backward(g, false);
        assertArrayEquals(bits(Grad.noGrad(() -> g.matmul(b.t()))), bits(a.grad()));
        assertArrayEquals(bits(Grad.noGrad(() -> a.t().matmul(g))), bits(b.grad()));
    }

    @Test
    void forwardErrorsLeaveNothingBehind() {
        Tensor x = Torch.randn(3).requiresGrad(true);
        UnaryFunction bad = new UnaryFunction() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor input) {
                ctx.saveForBackward(input);
                return input.matmul(Torch.randn(5, 5));   // shape error
            }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                return gradOutput;
            }
        };
        assertThrows(TorchException.class, () -> bad.apply(x));
        assertTrue(Grad.isEnabled(), "grad mode restored after forward threw");
        UnaryFunction nullOut = new UnaryFunction() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor input) {
                return null;
            }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                return gradOutput;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nullOut.apply(x));
        assertTrue(e.getMessage().contains("returned null"), e.getMessage());
    }
}
