package org.torch4j.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.autograd.TestFunctions.Exp;
import org.torch4j.autograd.TestFunctions.MatMul;
import org.torch4j.autograd.TestFunctions.MulAdd;
import org.torch4j.autograd.TestFunctions.P3;
import org.torch4j.autograd.TestFunctions.SinAndMul;

/** {@link GradCheck} on custom functions (it passes correct ones and catches wrong ones). */
class GradCheckTest {
    private Scope scope;

    @BeforeEach
    void open() {
        Torch.manualSeed(3);
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static Tensor leaf(long... shape) {
        return Torch.randn(DType.FLOAT64, shape).requiresGrad(true);
    }

    @Test
    void legendrePolynomial() {
        P3 p3 = new P3();
        assertTrue(GradCheck.gradcheck(in -> new Tensor[] {p3.apply(in[0])}, leaf(7)));
        assertTrue(GradCheck.gradcheck(in -> new Tensor[] {p3.apply(in[0])}, leaf()));   // 0-dim
    }

    @Test
    void exponential() {
        assertTrue(GradCheck.gradcheck(in -> new Tensor[] {new Exp().apply(in[0])}, leaf(2, 3)));
    }

    @Test
    void twoInputMatrixFunction() {
        GradCheck.Result r = GradCheck.check(new MatMul()::apply, GradCheck.EPS, GradCheck.ATOL, GradCheck.RTOL, leaf(3, 4), leaf(4, 2));
        assertTrue(r.passed(), r.toString());
        assertTrue(r.maxAbsError() < 1e-6, r.toString());
        // one input not requiring grad: only the other is checked
        assertTrue(GradCheck.gradcheck(new MatMul()::apply, leaf(2, 3), Torch.randn(DType.FLOAT64, 3, 2)));
    }

    @Test
    void severalInputsWithAConstantAndSeveralOutputs() {
        Tensor c = Torch.randn(DType.FLOAT64, 4);
        assertTrue(GradCheck.gradcheck(in -> new MulAdd().apply(in[0], in[1], c), leaf(4), leaf(4)));
        assertTrue(GradCheck.gradcheck(new SinAndMul(true)::apply, leaf(3), leaf(3)));
    }

    @Test
    void plainAutogradPassesToo() {
        assertTrue(GradCheck.gradcheck(in -> new Tensor[] {in[0].sin().mul(in[1]).sum()}, leaf(5), leaf(5)));
    }

    @Test
    void aWrongBackwardIsCaught() {
        UnaryFunction wrong = new UnaryFunction() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor input) {
                ctx.saveForBackward(input);
                return P3.forwardAlone(input);
            }

            @Override
            protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
                // 1.4 instead of 1.5: a subtle slip
                return gradOutput.mul(1.4).mul(ctx.savedTensor(0).pow(2).mul(5).sub(1));
            }
        };
        GradCheck.Result r = GradCheck.check(in -> new Tensor[] {wrong.apply(in[0])}, GradCheck.EPS, GradCheck.ATOL,
                GradCheck.RTOL, leaf(4));
        assertFalse(r.passed());
        assertTrue(r.firstMismatch().contains("d output 0[0] / d input 0[0]"), r.firstMismatch());
        TorchException e = assertThrows(TorchException.class, () -> GradCheck.gradcheck(in -> new Tensor[] {wrong.apply(in[0])}, leaf(4)));
        assertTrue(e.getMessage().startsWith("gradcheck: Jacobian mismatch"), e.getMessage());

        // a gradient that ignores one input entirely
        Function forgetful = new Function() {
            @Override
            protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                return new Tensor[] {in[0].mul(in[1])};
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                return new Tensor[] {g[0], null};
            }
        };
        assertThrows(TorchException.class, () -> GradCheck.gradcheck(forgetful::apply, leaf(3), leaf(3)));
    }

    @Test
    void float32InputsAreRejected() {
        Tensor x = Torch.randn(3).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.gradcheck(in -> new Tensor[] {in[0].sin()}, x));
        assertTrue(e.getMessage().contains("float64"), e.getMessage());
    }

    @Test
    void inputsAreNotModified() {
        Tensor x = leaf(4);
        double[] before = x.toDoubleArray();
        GradCheck.gradcheck(in -> new Tensor[] {new P3().apply(in[0])}, x);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, x.toDoubleArray());
        org.junit.jupiter.api.Assertions.assertNull(x.grad());
    }
}
