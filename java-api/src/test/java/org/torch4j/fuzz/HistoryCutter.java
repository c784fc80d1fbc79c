package org.torch4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.WeakIValue;
import org.torch4j.FuzzAccess;
import org.torch4j.Tensor;

/**
 * The classifier of a leak, used only when the runner replays a leaking seed with
 * {@code -Dfuzz.cutHistories=true}. It keeps a weak native reference to every tensor the sequence
 * pooled, which changes no lifetime. The sequence cleans up as it always does; if that leaks,
 * {@link #cutAll} takes each tensor that is still alive though every Java reference was closed (only
 * something native holds it), cuts its autograd history ({@code detach_}) and lets it go. A leak
 * that disappears then, its cut tensors freed too, was held by a cycle through a tensor's own history: a node that saved the
 * tensor became part of the tensor's later history (an in-place op or {@code copy_} whose operand
 * was computed from the tensor: {@code y.hypot_(y.norm())}, {@code x.copy_(f(linear(x)))}). That
 * cycle is LibTorch's own: PyTorch 1.13 keeps it too (docs/DESIGN.md, "Cycles"). A leak that stays
 * is torch4j's. Both verdicts come from the run that leaked, so a sequence that leaks only when its
 * threads interleave one way is judged by a run in which they did.
 */
final class HistoryCutter {
    static final boolean ON = Boolean.getBoolean("fuzz.cutHistories");

    private final List<WeakIValue> refs = new ArrayList<>();

    /** Keeps a weak reference to {@code t}'s native tensor (called as the sequence pools it). */
    synchronized void keep(Tensor t) {
        org.bytedeco.pytorch.Tensor n = FuzzAccess.share(t);
        if (n == null) {
            return;
        }
        try (n; IValue v = new IValue(n)) {
            refs.add(new WeakIValue(v));
        }
    }

    /**
     * Cuts the history of every kept tensor that is still alive; returns how many it cut. The
     * references stay, for {@link #alive()}.
     */
    synchronized int cutAll() {
        int[] cut = {0};
        forEachAlive(n -> {
            if (n.requires_grad() && !n.is_leaf()) {
                try {
                    n.detach_();
                    cut[0]++;
                } catch (RuntimeException e) {
                    // a view refuses ("Can't detach views in-place"): its base is kept and cut instead
                }
            }
        });
        return cut[0];
    }

    /**
     * How many kept tensors are still alive. After a cut that freed a cycle none should be: one
     * that is was held by something native other than the cycle (torch4j's leak, not LibTorch's).
     */
    synchronized int alive() {
        int[] n = {0};
        forEachAlive(t -> n[0]++);
        return n[0];
    }

    /** Runs {@code action} on a strong reference to each kept tensor that is still alive (closed after it). */
    private void forEachAlive(Consumer<org.bytedeco.pytorch.Tensor> action) {
        for (WeakIValue w : refs) {
            try (IValue v = w.lock()) {
                if (v.isTensor()) { // else freed: nothing holds it
                    try (org.bytedeco.pytorch.Tensor n = v.toTensor()) {
                        if (n.defined()) {
                            action.accept(n);
                        }
                    }
                }
            }
        }
    }

    /** Drops the references without cutting anything. */
    synchronized void drop() {
        for (WeakIValue w : refs) {
            w.close();
        }
        refs.clear();
    }
}
