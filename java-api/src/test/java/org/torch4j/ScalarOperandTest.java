package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.torch4j.bindings.Scalars;

/**
 * Ops with a double operand use cached wrapped-number tensors instead of a Scalar; they must give
 * exactly what LibTorch's Scalar overloads give, for every dtype and awkward value.
 */
class ScalarOperandTest {
    private static final double[] VALUES = {2.0, 1e-6, 1.0 / 3, -0.0, 1e300, -1e-300, Double.NaN, Double.POSITIVE_INFINITY, 123456789.123};

    @Test
    void sameBitsAsTheScalarOverloads() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.FLOAT16}) {
            try (Scope s = Scope.open()) {
                Tensor x = Torch.linspace(-3, 3, 7).to(dtype);
                for (double v : VALUES) {
                    org.bytedeco.pytorch.Tensor n = x.unwrap();
                    org.bytedeco.pytorch.Scalar sv = Scalars.of(v);
                    same(dtype, v, "add", n.add(sv), x.add(v));
                    same(dtype, v, "sub", n.sub(sv), x.sub(v));
                    same(dtype, v, "mul", n.mul(sv), x.mul(v));
                    same(dtype, v, "div", n.div(sv), x.div(v));
                    if (dtype.isFloatingPoint()) {
                        Tensor y = x.clone();
                        y.mul_(v).add_(v).sub_(v).div_(v);
                        org.bytedeco.pytorch.Tensor z = n.clone();
                        z.mul_(sv);
                        z.add_(sv);
                        z.sub_(sv);
                        z.div_(sv);
                        same(dtype, v, "in-place", z, y);
                    }
                }
            }
        }
    }

    private static void same(DType dtype, double v, String op, org.bytedeco.pytorch.Tensor want, Tensor got) {
        assertEquals(want.scalar_type().value, got.unwrap().scalar_type().value, op + " " + v + " on " + dtype + ": dtype");
        assertTrue(want.equal(got.unwrap()) || want.isnan().all().item_bool() && got.unwrap().isnan().all().item_bool()
                        || torch.equal(want.nan_to_num(), got.unwrap().nan_to_num()),
                op + " " + v + " on " + dtype + ": " + want + " vs " + got);
        want.close();
    }

    @Test
    void dtypeOfAFloat32Tensor() {
        try (Scope s = Scope.open()) {
            assertEquals(DType.FLOAT32, Torch.rand(2).dtype());
            assertEquals(DType.INT64, Torch.arange(3).dtype());
        }
    }

    @Test
    void autogradNodeAsPythons() {
        try (Scope s = Scope.open()) {
            Tensor a = Torch.randn().requiresGrad(true);
            Tensor y = a.mul(2.0);
            assertEquals("MulBackward0", y.gradFn()); // Python: (a * 2.0).grad_fn
            y.backward();
            assertEquals(2.0, a.grad().item());
        }
    }
}
