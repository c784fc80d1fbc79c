package org.torch4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Function;

/**
 * The fuzz's leak classifier: after every Java reference is closed, cutting the histories of the
 * tensors still alive frees a context held by LibTorch's own saved-variable cycle
 * ({@code y.hypot_(y.norm())}: NormBackward saved {@code y}, and {@code y}'s new history leads to it),
 * and frees nothing that a Java reference still holds.
 */
class HistoryCutterTest {
    @Test
    void cutFreesALibTorchCycleAndNothingElse() throws Exception {
        long c0 = Function.liveContexts();
        long t0 = Torch.liveTensorCount();
        HistoryCutter cutter = new HistoryCutter();
        Tensor held;
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(3).requiresGrad(true).mul(1.0);
            Tensor y = new MisbehavingFunction(MisbehavingFunction.Mode.SQUARE).apply(x)[0];
            cutter.keep(y);
            y.hypot_(y.norm());
            Tensor z = new MisbehavingFunction(MisbehavingFunction.Mode.SQUARE).apply(x)[0];
            held = z.sum().unscoped(); // a live graph, held from Java: the cut must leave it alone
            cutter.keep(x); // closed with the scope and freed (z's graph holds x's node, not x): nothing to cut
            cutter.keep(z);
        }
        settle();
        assertEquals(c0 + 2, Function.liveContexts(), "the cycle keeps y's context, the held graph its own");
        assertEquals(1, cutter.cutAll(), "only y is alive with a history: its Java references are closed, the cycle holds it");
        settle();
        assertEquals(c0 + 1, Function.liveContexts(), "the cut frees the cycle's context only");
        assertEquals(0, cutter.alive(), "the cut freed y, and nothing else the cutter saw is held");
        cutter.drop();
        held.backward();
        held.close();
        settle();
        assertEquals(c0, Function.liveContexts());
        assertEquals(t0, Torch.liveTensorCount());
    }

    @Test
    void aTensorHeldByAForgottenNativeReferenceStaysAlive() throws Exception {
        HistoryCutter cutter = new HistoryCutter();
        org.bytedeco.pytorch.Tensor forgotten;
        try (Scope s = Scope.open()) {
            Tensor w = Torch.randn(3).requiresGrad(true).mul(2.0);
            cutter.keep(w);
            forgotten = org.torch4j.FuzzAccess.share(w); // what a torch4j leak would look like: a native reference nobody closes
        }
        settle();
        assertEquals(1, cutter.cutAll(), "w is alive with a history: the forgotten reference holds it");
        assertEquals(1, cutter.alive(), "a cut frees no tensor that something else holds: the classifier calls that a leak");
        forgotten.close();
        assertEquals(0, cutter.alive());
        cutter.drop();
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
    }
}
