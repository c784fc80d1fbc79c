package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@link Linear} against numbers printed by real PyTorch 1.13 (Debian python3-torch). Initial
 * values must be equal to the last bit: the same generator, drawn in the same order.
 */
class LinearTest {

    /*
     * Recorded with /usr/bin/python3 -c "
     * import torch
     * for seed,(i,o) in [(0,(3,1)),(42,(4,2)),(7,(5,3))]:
     *     torch.manual_seed(seed); l=torch.nn.Linear(i,o)
     *     print(seed, i, o, [repr(v) for v in l.weight.flatten().tolist()], [repr(v) for v in l.bias.tolist()])
     * torch.manual_seed(3); l=torch.nn.Linear(3,2, bias=False); print('nobias', l.weight.flatten().tolist(), torch.randn(()).item())
     * "
     */
    static final float[] W_0_3_1 = {-0.004322517663240433f, 0.3097158372402191f, -0.4751853346824646f};
    static final float[] B_0_3_1 = {-0.4248946011066437f};
    static final float[] W_42_4_2 = {0.3822692632675171f, 0.4150039553642273f, -0.11713624000549316f, 0.45930564403533936f,
        -0.10955178737640381f, 0.10089534521102905f, -0.24342751502990723f, 0.2936413288116455f};
    static final float[] B_42_4_2 = {0.4407714605331421f, -0.3668140769004822f};
    static final float[] W_7_5_3 = {0.031235668808221817f, -0.26939862966537476f, 0.1424032747745514f, 0.14032691717147827f,
        -0.2390253245830536f, -0.06702711433172226f, -0.2619902193546295f, 0.11603973060846329f, -0.12046489119529724f,
        0.31418395042419434f, 0.31747081875801086f, 0.04555783420801163f, -0.19065698981285095f, -0.2626759111881256f,
        -0.04911284148693085f};
    static final float[] B_7_5_3 = {-0.12585847079753876f, 0.1971142441034317f, -0.3818739652633667f};
    static final float[] W_NOBIAS_3_3_2 = {-0.5724271535873413f, -0.45544925332069397f, -0.2472877949476242f,
        -0.5462254881858826f, -0.032776910811662674f, -0.5079339742660522f};
    static final float NEXT_RANDN_AFTER_NOBIAS = 0.7625263929367065f;

    @Test
    void defaultInitIsPyTorchsAfterTheSameSeed() {
        check(0, 3, 1, W_0_3_1, B_0_3_1);
        check(42, 4, 2, W_42_4_2, B_42_4_2);
        check(7, 5, 3, W_7_5_3, B_7_5_3);
    }

    private static void check(long seed, int in, int out, float[] w, float[] b) {
        Torch.manualSeed(seed);
        try (Linear l = new Linear(in, out)) {
            assertArrayEquals(new long[] {out, in}, l.weight().shape());
            assertArrayEquals(new long[] {out}, l.bias().shape());
            assertArrayEquals(w, l.weight().toFloatArray(), "weight, seed " + seed);
            assertArrayEquals(b, l.bias().toFloatArray(), "bias, seed " + seed);
            assertTrue(l.weight().requiresGrad() && l.weight().isLeaf());
            assertTrue(l.bias().requiresGrad() && l.bias().isLeaf());
        }
    }

    @Test
    void withoutBiasDrawsOnlyTheWeight() {
        Torch.manualSeed(3);
        try (Linear l = new Linear(3, 2, false); Scope s = Scope.open()) {
            assertArrayEquals(W_NOBIAS_3_3_2, l.weight().toFloatArray());
            assertNull(l.bias());
            assertEquals(1, l.parameters().size());
            assertEquals(NEXT_RANDN_AFTER_NOBIAS, Torch.randn().itemFloat(), "the generator advanced as PyTorch's did");
        }
    }

    /*
     * /usr/bin/python3: torch.manual_seed(0); l = torch.nn.Linear(3, 1)
     * x = torch.tensor([[1.0, 2.0, 3.0], [-0.5, 0.25, 4.0]]); print(l(x).flatten().tolist())
     */
    @Test
    void forwardIsPyTorchsLinear() {
        Torch.manualSeed(0);
        try (Linear l = new Linear(3, 1); Scope s = Scope.open()) {
            Tensor x = Torch.tensor(new float[] {1.0f, 2.0f, 3.0f, -0.5f, 0.25f, 4.0f}, 2, 3);
            Tensor y = l.forward(x);
            assertArrayEquals(new long[] {2, 1}, y.shape());
            assertArrayEquals(new float[] {-1.2353414297103882f, -2.2460458278656006f}, y.toFloatArray());
            assertTrue(y.equal(Functional.linear(x, l.weight(), l.bias())), "module and functional forms agree");
        }
    }

    @Test
    void weightAndBiasAreStableOwnedObjects() {
        try (Linear l = new Linear(3, 2)) {
            Tensor w = l.weight();
            assertSame(w, l.weight(), "the same parameter object every time");
            assertSame(w, l.namedParameters().get("weight"));
            assertSame(l.bias(), l.namedParameters().get("bias"));
            try (Sequential outer = new Sequential(l, new Linear(2, 4), new Linear(4, 1))) {
                // registering more modules around it (the raw API's vector growth) leaves it valid
                assertArrayEquals(new long[] {2, 3}, w.shape());
                assertSame(w, outer.namedParameters().get("0.weight"));
            }
            assertTrue(w.isClosed(), "closing the container closed the parameter with its module");
            assertThrows(IllegalStateException.class, w::shape);
            assertThrows(IllegalStateException.class, l::weight);
        }
    }

    /*
     * Issue 14, defect 11b. /usr/bin/python3: torch.manual_seed(0); l = torch.nn.Linear(0, 3)
     *   l.weight.shape == (3, 0); l.bias == [0., 0., 0.] (bound 0 when fan_in is 0, but uniform_ still
     *   draws); then torch.randn(2) == [0.3643, 0.1344] (vs [1.5410, -0.2934] right after the seed)
     */
    @Test
    void zeroInFeaturesWorksAsInPyTorch() {
        Torch.manualSeed(0);
        try (Scope s = Scope.open(); Linear l = new Linear(0, 3)) {
            assertArrayEquals(new long[] {3, 0}, l.weight().shape());
            assertArrayEquals(new float[] {0f, 0f, 0f}, l.bias().toFloatArray());
            assertTrue(l.weight().requiresGrad() && l.bias().requiresGrad());
            assertArrayEquals(new float[] {0.3643f, 0.1344f}, Torch.randn(2).toFloatArray(), 1e-4f, "same generator draws as PyTorch");
            Tensor y = l.forward(Torch.zeros(2, 0));
            assertArrayEquals(new long[] {2, 3}, y.shape());
            y.sum().backward();
            assertArrayEquals(new float[] {2f, 2f, 2f}, l.bias().grad().toFloatArray());
        }
        try (Scope s = Scope.open(); Linear nb = new Linear(0, 2, false); Linear out0 = new Linear(3, 0)) {
            assertArrayEquals(new long[] {2, 0}, nb.weight().shape());
            assertArrayEquals(new long[] {0, 3}, out0.weight().shape());
            assertArrayEquals(new long[] {4, 0}, out0.forward(Torch.ones(4, 3)).shape());
        }
    }

    @Test
    void rejectsNegativeSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Linear(-1, 2));
    }

    @Test
    void printsLikePyTorch() {
        try (Linear l = new Linear(3, 1); Linear nb = new Linear(2, 5, false)) {
            assertEquals("Linear(in_features=3, out_features=1, bias=True)", l.toString());
            assertEquals("Linear(in_features=2, out_features=5, bias=False)", nb.toString());
        }
    }
}
