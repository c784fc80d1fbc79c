package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.full;
import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;

import java.io.PrintStream;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.autograd.FunctionContext;
import org.torch4j.autograd.Grad;
import org.torch4j.autograd.UnaryFunction;

/** Port of polynomial_custom_function.py: a custom autograd Function, LegendrePolynomial3. */
public final class Step4CustomFunction implements Sample {
    @Override
    public int step() {
        return 4;
    }

    @Override
    public String upstream() {
        return "polynomial_custom_function.py";
    }

    /**
     * We can implement our own custom autograd Functions by subclassing Function (here its
     * one-input form, UnaryFunction) and implementing the forward and backward passes which operate
     * on Tensors.
     */
    static final class LegendrePolynomial3 extends UnaryFunction {
        /**
         * In the forward pass we receive a Tensor containing the input and return a Tensor
         * containing the output. ctx is a context object that can be used to stash information for
         * backward computation. You can cache arbitrary objects for use in the backward pass using
         * the ctx.saveForBackward method.
         */
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor input) {
            ctx.saveForBackward(input);
            return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
        }

        /**
         * In the backward pass we receive a Tensor containing the gradient of the loss with respect
         * to the output, and we need to compute the gradient of the loss with respect to the input.
         */
        @Override
        protected Tensor backward(FunctionContext ctx, Tensor gradOutput) {
            Tensor input = ctx.savedTensor(0);
            return gradOutput.mul(1.5).mul(input.pow(2).mul(5).sub(1));
        }
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000);
            Tensor y = x.sin();

            // Create random Tensors for weights. For this example, we need 4 weights:
            // y = a + b * P3(c + d * x); they need to be initialized not too far from the correct
            // result to ensure convergence. requiresGrad(true) tracks their gradients.
            Tensor a = full(new long[0], 0.0).requiresGrad(true);
            Tensor b = full(new long[0], -1.0).requiresGrad(true);
            Tensor c = full(new long[0], 0.0).requiresGrad(true);
            Tensor d = full(new long[0], 0.3).requiresGrad(true);

            // To apply our Function, we use Function.apply. We alias it as 'P3'.
            LegendrePolynomial3 P3 = new LegendrePolynomial3();

            double learningRate = 5e-6;
            int iterations = args.iterationsFor(this);
            for (int t = 0; t < iterations; t++) {
                try (Scope iteration = Scope.open()) {
                    // Forward pass: compute predicted y using operations; we compute P3 using our
                    // custom autograd operation.
                    Tensor yPred = a.add(b.mul(P3.apply(c.add(d.mul(x)))));

                    // Compute and print loss
                    Tensor loss = yPred.sub(y).pow(2).sum();
                    if (t % 100 == 99) {
                        out.println(t + " " + repr(loss.item()));
                    }

                    // Use autograd to compute the backward pass.
                    loss.backward();

                    // Update weights using gradient descent
                    try (var noGrad = Grad.noGrad()) {
                        a.sub_(a.grad().mul(learningRate));
                        b.sub_(b.grad().mul(learningRate));
                        c.sub_(c.grad().mul(learningRate));
                        d.sub_(d.grad().mul(learningRate));

                        // Manually zero the gradients after updating weights
                        a.setGrad(null);
                        b.setGrad(null);
                        c.setGrad(null);
                        d.setGrad(null);
                    }
                }
            }
            out.println("Result: y = " + repr(a.item()) + " + " + repr(b.item()) + " * P3(" + repr(c.item()) + " + "
                    + repr(d.item()) + " x)");
        }
    }
}
