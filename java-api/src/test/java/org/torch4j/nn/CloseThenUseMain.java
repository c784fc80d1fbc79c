package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;

/**
 * Misuse that crashed the JVM with the raw presets, run in a forked JVM by
 * {@link ModuleCloseForkedTest}. Prints one line per check: {@code PASS name} or
 * {@code FAIL name: why}. A crash shows as a non-zero exit code without the final {@code DONE}.
 */
public final class CloseThenUseMain {
    private static int failures;

    interface Check {
        void run() throws Exception;
    }

    static void check(String name, Check c) {
        try (Scope s = Scope.open()) {
            c.run();
            System.out.println("PASS " + name);
        } catch (Throwable t) {
            failures++;
            System.out.println("FAIL " + name + ": " + t);
        }
        System.out.flush();
    }

    static void expectIllegalState(String what, Runnable r) {
        try {
            r.run();
        } catch (IllegalStateException e) {
            return;
        }
        throw new AssertionError(what + " did not throw IllegalStateException");
    }

    public static void main(String[] args) {
        check("weight after close", () -> {
            Linear l = new Linear(3, 1);
            Tensor w = l.weight();
            l.close();
            expectIllegalState("w.shape()", w::shape);
            expectIllegalState("w.add(1)", () -> w.add(1.0));
            expectIllegalState("l.weight()", l::weight);
            expectIllegalState("l.forward", () -> l.forward(Torch.ones(1, 3)));
        });
        check("sequential after close", () -> {
            Sequential m = new Sequential(new Linear(3, 1), new Flatten(0, 1));
            m.close();
            expectIllegalState("m.forward", () -> m.forward(Torch.ones(2, 3)));
            expectIllegalState("m.get", () -> m.get(0));
            expectIllegalState("m.parameters", m::parameters);
            expectIllegalState("m.zeroGrad", m::zeroGrad);
        });
        check("optimizer outlives its module", () -> {
            Linear l = new Linear(3, 1);
            try (SGD opt = new SGD(l.parameters(), new SGD.Options(0.1).withMomentum(0.9))) {
                l.forward(Torch.ones(2, 3)).sum().backward();
                opt.step();
                l.close();
                // the optimizer refers to the module's parameters, it does not own them: a Java error, no crash
                expectIllegalState("step after the module closed its parameters", opt::step);
                expectIllegalState("zeroGrad after the module closed its parameters", opt::zeroGrad);
                expectIllegalState("closed param from paramGroups", () -> opt.paramGroups().get(0).params().get(0).numel());
            }
        });
        check("optimizer after close", () -> {
            Linear l = new Linear(3, 1);
            Optimizer opt = new SGD(l.parameters(), 0.1);
            opt.close();
            opt.close();
            expectIllegalState("step", opt::step);
            expectIllegalState("zeroGrad", opt::zeroGrad);
            expectIllegalState("lr", opt::lr);
            expectIllegalState("setLr", () -> opt.setLr(0.5));
            expectIllegalState("paramGroups", opt::paramGroups);
            l.close();
        });
        check("parameter closed by the user", () -> {
            try (Linear l = new Linear(3, 1)) {
                l.bias().close();
                expectIllegalState("forward", () -> l.forward(Torch.ones(2, 3)));
                expectIllegalState("zeroGrad", l::zeroGrad);
            }
        });
        check("many registrations keep earlier parameters valid", () -> {
            // The raw register_parameter returns a reference into a vector that moves when it grows.
            try (Module m = new Module() { }) {
                List<Tensor> kept = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    kept.add(m.registerParameter("p" + i, Torch.full(new long[] {4}, i)));
                }
                for (int i = 0; i < 200; i++) {
                    if (kept.get(i).sum().itemFloat() != 4f * i) {
                        throw new AssertionError("parameter " + i + " changed");
                    }
                }
            }
        });
        check("dropped modules are freed by the safety net", () -> {
            for (int i = 0; i < 2000; i++) {
                new Linear(64, 64); // never closed
            }
            System.gc();
            Thread.sleep(200);
            try (Linear l = new Linear(3, 1)) {
                l.forward(Torch.ones(1, 3)).sum().backward();
            }
        });
        System.out.println(failures == 0 ? "DONE" : "DONE with " + failures + " failures");
        System.exit(failures == 0 ? 0 : 1);
    }
}
