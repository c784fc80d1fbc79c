package org.torch4j.autograd;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Run by {@link FailedBackwardReleaseTest} in its own JVM: backward passes that fail around a custom
 * Function, on the main thread and on threads that end right after. Prints
 * {@code FAILED <case> liveTensors=… liveContexts=… threw=0|1} after each case's scope closed; the
 * JVM's exit must print nothing (a token freed during a thread's teardown used to print "Could not
 * attach the JavaVM to the current thread").
 */
public final class FailedBackwardMain {
    private FailedBackwardMain() {
    }

    /** Two inputs; returns a gradient of input 0's shape for both (invalid for a differently shaped input 1). */
    static final class SameGradForBoth extends Function {
        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in);
            return new Tensor[] {in[0].mul(in[0])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor gx = g[0].mul(ctx.savedTensor(0)).mul(2.0);
            return new Tensor[] {gx, gx};
        }
    }

    interface Case {
        void run(boolean retain);
    }

    public static void main(String[] args) throws Exception {
        // 1. an invalid gradient for input 1 of a two-input Function (was: context and both saved tensors leaked)
        Case invalidGradient = retain -> {
            Tensor x = Torch.randn(3).requiresGrad(true);
            Tensor w = Torch.randn(4).requiresGrad(true);
            new SameGradForBoth().apply(x, w)[0].sum().backward(retain);
        };
        // 2. another node fails while the Function's nodes wait in the ready queue (a saved output of
        //    exp modified in place); the Function is fine
        Case failsElsewhere = retain -> {
            Tensor x = Torch.randn(3).requiresGrad(true);
            Tensor w = Torch.randn(3).requiresGrad(true);
            Tensor y = new TestFunctions.MulAdd().apply(x, w, Torch.zeros(3))[0];
            Tensor e = Torch.randn(3).requiresGrad(true).exp();
            e.add_(1.0);
            y.sum().add(e.sum()).backward(retain);
        };
        // 3. the Function's backward throws
        Case throwsInBackward = retain -> {
            Tensor x = Torch.randn(3).requiresGrad(true);
            Tensor w = Torch.randn(3).requiresGrad(true);
            Tensor y = new Function() {
                @Override
                protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
                    ctx.saveForBackward(in);
                    return new Tensor[] {in[0].mul(in[1])};
                }

                @Override
                protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
                    throw new IllegalStateException("on purpose");
                }
            }.apply(x, w)[0];
            y.sum().backward(retain);
        };
        for (boolean retain : new boolean[] {false, true}) {
            run("invalid-gradient-" + retain, invalidGradient, retain);
            run("fails-elsewhere-" + retain, failsElsewhere, retain);
            run("throws-in-backward-" + retain, throwsInBackward, retain);
            for (Case c : new Case[] {invalidGradient, failsElsewhere, throwsInBackward}) {
                Thread t = new Thread(() -> run("thread", c, retain));
                t.start();
                t.join();
            }
        }
        System.out.println("FAILED done");
    }

    private static void run(String name, Case c, boolean retain) {
        int threw = 0;
        try (Scope s = Scope.open()) {
            c.run(retain);
        } catch (TorchException e) {
            threw = 1;
        }
        System.out.println("FAILED " + name + " liveTensors=" + Torch.liveTensorCount() + " liveContexts=" + Function.liveContexts()
                + " threw=" + threw);
    }
}
