package org.torch4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.FuzzAccess;
import org.torch4j.Tensor;

/**
 * The classifier of a leak, used only when the runner replays a leaking seed with
 * {@code -Dfuzz.cutHistories=true}: it keeps one extra native reference to every tensor the
 * sequence made (so a tensor closed early is still reachable at the end), and at cleanup cuts each
 * one's autograd history ({@code detach_}) before dropping that reference. A leak that disappears
 * then was held by a cycle through a tensor's own history: a node that saved the tensor became part
 * of the tensor's later history (an in-place op or {@code copy_} whose operand was computed from the
 * tensor: {@code y.hypot_(y.norm())}, {@code x.copy_(f(linear(x)))}). That cycle is LibTorch's own:
 * PyTorch 1.13 keeps it too (docs/DESIGN.md, "Cycles"). A leak that stays is torch4j's.
 */
final class HistoryCutter {
    static final boolean ON = Boolean.getBoolean("fuzz.cutHistories");

    private final List<org.bytedeco.pytorch.Tensor> refs = new ArrayList<>();

    /** Keeps a reference to {@code t}'s native tensor (called as the sequence pools it). */
    synchronized void keep(Tensor t) {
        org.bytedeco.pytorch.Tensor n = FuzzAccess.share(t);
        if (n != null) {
            refs.add(n);
        }
    }

    /** Cuts every kept tensor's history, then drops the references. */
    synchronized void cutAll() {
        for (org.bytedeco.pytorch.Tensor n : refs) {
            try {
                if (n.requires_grad() && !n.is_leaf()) {
                    n.detach_(); // a view refuses ("Can't detach views in-place"): its base is kept and cut instead
                }
            } catch (RuntimeException e) {
                // a view: left as it is
            }
        }
        for (org.bytedeco.pytorch.Tensor n : refs) {
            n.close();
        }
        refs.clear();
    }
}
