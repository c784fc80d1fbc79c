package org.torch4j.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.optim.Optimizer;

/**
 * A helper thread uses some of the sequence's tensors (and maybe a module and an optimizer) while
 * the sequence's own thread uses and closes them, and tries to close the sequence's Scope from the
 * wrong thread. Every outcome on both threads is judged; the helper must finish in 20 s.
 */
final class CrossThread {
    private final Sequence seq;

    CrossThread(Sequence seq) {
        this.seq = seq;
    }

    void run() {
        Random r = seq.r;
        List<Tensor> shared = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            Tensor t = seq.pool.live();
            if (t != null) {
                shared.add(t);
            }
        }
        Module module = seq.pool.modules.isEmpty() ? null : seq.pool.modules.get(r.nextInt(seq.pool.modules.size()));
        Optimizer opt = seq.pool.optimizers.isEmpty() ? null : seq.pool.optimizers.get(r.nextInt(seq.pool.optimizers.size()));
        Scope mine = r.nextInt(4) == 0 ? Scope.open() : null;
        long helperSeed = r.nextLong();
        int helperCalls = 1 + r.nextInt(10);
        seq.notes.add("cross-thread");
        Thread helper = new Thread(() -> helper(helperSeed, helperCalls, shared, module, opt, mine), "fuzz-helper-" + seq.seed);
        helper.setDaemon(true);
        helper.start();
        // this thread at the same time: use, then maybe close, what the helper uses
        for (int i = r.nextInt(4); i > 0 && !shared.isEmpty(); i--) {
            List<Surface.Member> ms = seq.surface.of(Surface.Kind.TENSOR);
            seq.call(ms.get(r.nextInt(ms.size())), shared.get(r.nextInt(shared.size())));
        }
        if (!shared.isEmpty() && r.nextBoolean()) {
            Tensor t = shared.get(r.nextInt(shared.size()));
            seq.attempt(() -> "close while another thread uses it", () -> {
                t.close();
                return null;
            });
        }
        if (module != null && r.nextInt(3) == 0) {
            seq.attempt(() -> "close a module another thread uses", () -> {
                module.close();
                return null;
            });
        }
        if (opt != null && r.nextInt(3) == 0) {
            seq.attempt(() -> "close an optimizer another thread uses", () -> {
                opt.close();
                return null;
            });
        }
        try {
            helper.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (helper.isAlive()) {
            StringBuilder sb = new StringBuilder();
            for (StackTraceElement e : helper.getStackTrace()) {
                sb.append(" < ").append(e);
            }
            seq.out.finding("hang", seq.seed, "helper thread still running after 20 s:" + sb + " | last calls: " + seq.lastCalls());
        }
        if (mine != null) {
            seq.attempt(() -> "close own scope after the helper", () -> {
                mine.close();
                return null;
            });
        }
    }

    private void helper(long seed, int n, List<Tensor> shared, Module module, Optimizer opt, Scope foreign) {
        Random r = new Random(seed);
        Pool p = new Pool(r, seq);
        Args a = new Args(r, p);
        seq.helperPool.set(p);
        for (Tensor t : shared) {
            p.add(t);
        }
        Scope s = r.nextBoolean() ? Scope.open() : null;
        try {
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(10);
                if (k < 6 || p.tensors.isEmpty()) {
                    List<Surface.Member> ms = seq.surface.of(Surface.Kind.TENSOR);
                    Tensor recv = p.tensors.isEmpty() ? null : p.tensors.get(r.nextInt(p.tensors.size()));
                    if (recv != null) {
                        seq.call(ms.get(r.nextInt(ms.size())), recv, r, p, a);
                    }
                } else if (k == 6 && module != null) {
                    Tensor in = p.tensorArg();
                    seq.attempt(() -> "helper: forward " + Sequence.d(module), () -> module.forward(in));
                } else if (k == 7 && opt != null) {
                    seq.attempt(() -> "helper: step", () -> {
                        opt.step();
                        return null;
                    });
                } else if (k == 8 && foreign != null) {
                    seq.attempt(() -> "helper: close another thread's Scope", () -> {
                        foreign.close();
                        return null;
                    });
                } else {
                    Tensor t = p.tensors.get(r.nextInt(p.tensors.size()));
                    seq.attempt(() -> "helper: close " + Sequence.d(t), () -> {
                        t.close();
                        return null;
                    });
                }
            }
        } catch (Throwable t) {
            seq.judge("helper thread", t);
        } finally {
            if (s != null && r.nextInt(8) == 0) {
                seq.notes.add("a helper thread ended with its Scope open");
            } else if (s != null) {
                seq.attempt(() -> "helper: Scope.close", () -> {
                    s.close();
                    return null;
                });
            }
            p.tensors.removeIf(t -> shared.stream().anyMatch(x -> x == t));
            p.closeAll();
            seq.helperPool.remove();
        }
    }
}
