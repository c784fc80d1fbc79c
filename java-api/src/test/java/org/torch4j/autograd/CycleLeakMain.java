package org.torch4j.autograd;

import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Run by {@link CycleLeakTest} in a fixed-heap JVM (issue 14, defect 10): loops whose graphs
 * reference their own inputs. Prints {@code CYCLE <phase> liveTensors=… liveContexts=… rssKB=…}
 * at the start and end of each phase.
 */
public final class CycleLeakMain {
    private CycleLeakMain() {
    }

    /** x^2, saving its input: {@code x.copy_(apply(x))} makes x's history lead back to this context. */
    static final class Square extends UnaryFunction {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor x) {
            ctx.saveForBackward(x);
            return x.mul(x);
        }

        @Override
        protected Tensor backward(FunctionContext ctx, Tensor g) {
            return g.mul(ctx.savedTensor(0)).mul(2);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Square square = new Square();

        // 1. x.copy_(f.apply(x)) with a fresh x each iteration: x's history then leads to the
        //    application whose context saved x — no cycle, since the context keeps x detached
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                Tensor x = Torch.ones(1 << 14).requiresGrad(true).mul(1.0);
                x.copy_(square.apply(x));
            }
            report("function-inplace", i, n);
        }

        // 1b. the same through any in-place op on a saved input that takes the output (fuzz seed 774),
        //     on a leaf and on a non-leaf, with and without a backward first
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                Tensor x = Torch.ones(1 << 14).requiresGrad(true).mul(1.0);
                Tensor y = square.apply(x);
                if (i % 2 == 0) {
                    y.sum().backward(true);
                }
                x.hypot_(y);
                Tensor leaf = Torch.ones(1 << 14).requiresGrad(true);
                Tensor z = square.apply(leaf);
                try (Grad.Guard g = Grad.noGrad()) {
                    leaf.add_(z);
                }
            }
            report("function-inplace-op", i, n);
        }

        // 2. a long-lived x updated in place through its own history: x.copy_(x.mul(x))
        Tensor w = Torch.ones(1 << 14).requiresGrad(true);
        Tensor x = Torch.zeros(1 << 14);
        x.copy_(w);
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                x.copy_(x.mul(x));
            }
            report("persistent-inplace", i, n);
        }
        x.close();
        w.close();

        // 3. the documented way to update a tensor in place from itself: under no-grad, no history
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                Tensor y = Torch.ones(1 << 14).requiresGrad(true).mul(1.0);
                try (Grad.Guard g = Grad.noGrad()) {
                    y.copy_(y.mul(y));
                }
                y.sum().backward();
            }
            report("nograd-inplace", i, n);
        }

        // 5. an in-place op taking its receiver (loss.remainder_(loss), fuzz seeds 206, 596): the
        //    generated op passes a clone, so the node does not save the tensor it becomes grad_fn of. Also
        //    when the receiver itself has no history but another operand has (fuzz seed 869:
        //    c.addcdiv_(c, loss)), and through the static form (Torch.xlogy_(d, d))
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                Tensor a = Torch.ones(1 << 14).requiresGrad(true).mul(1.5);
                Tensor b = square.apply(a).add(1.0);
                b.remainder_(b).mul_(b);
                Tensor c = Torch.ones(1 << 14);
                c.addcdiv_(c, b, 0.5);
                Tensor d = Torch.ones(1 << 14).requiresGrad(true).mul(2.0);
                Torch.xlogy_(d, d);
                // the same through an optional Tensor argument (clamp_'s min/max, fuzz seed 2293) and
                // through another handle over exactly the receiver's memory (a full view: t.t().t())
                Tensor e = square.apply(Torch.ones(1 << 14).requiresGrad(true).mul(0.5));
                e.clamp_(e, e);
                Tensor f = square.apply(Torch.ones(64, 256).requiresGrad(true).mul(0.5));
                f.mul_(f.t().t());
                b.sum().add(c.sum()).add(d.sum()).add(e.sum()).add(f.sum()).backward();
            }
            report("self-argument-inplace", i, n);
        }

        // 4. graphs that save their own inputs, with backward: x * x, exp saving its output
        TestFunctions.Exp exp = new TestFunctions.Exp();
        Tensor p = Torch.randn(1 << 14).requiresGrad(true).unscoped();
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                exp.apply(p.mul(p)).mul(p).sum().backward();
                p.setGrad(null);
            }
            report("self-referencing-graph", i, n);
        }
        p.close();

        // 6. a gradient whose history leads back to its tensor (fuzz seeds 534, 11064): x.grad = x * 2,
        //    x.grad.grad = f(x), x.grad.div_(f(x)); setGrad keeps the value without its history and grad()
        //    is a detached alias, so none is a cycle
        for (int i = 0; i <= n; i++) {
            try (Scope s = Scope.open()) {
                Tensor a = Torch.ones(1 << 14).requiresGrad(true);
                a.setGrad(a.mul(2.0));
                Tensor b = Torch.ones(1 << 14).requiresGrad(true);
                Tensor y = square.apply(b);
                y.sum().backward(true);
                b.grad().requiresGrad(true).setGrad(y);
                // an in-place op on x.grad whose operand leads back to x (fuzz seed 11064)
                Tensor c = Torch.ones(1 << 14).requiresGrad(true);
                Tensor z = square.apply(c);
                z.sum().backward(true);
                c.grad().div_(z);
            }
            report("grad-with-history", i, n);
        }
        System.out.println("CYCLE done");
    }

    private static void report(String phase, int i, int n) throws Exception {
        if (i == n / 5 || i == n) {
            System.out.println("CYCLE " + phase + (i == n ? "-end" : "-start") + " liveTensors=" + Torch.liveTensorCount()
                    + " liveContexts=" + Function.liveContexts() + " rssKB=" + rssKB());
        }
    }

    private static long rssKB() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
