package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;

import java.io.PrintStream;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;

/** Port of polynomial_autograd.py: requires_grad, loss.backward(), update under no_grad. */
public final class Step3Autograd implements Sample {
    @Override
    public int step() {
        return 3;
    }

    @Override
    public String upstream() {
        return "polynomial_autograd.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        DType dtype = DType.FLOAT32;
        Device device = args.device(); // the tutorial's device = torch.device("cpu"), or "cuda:0" to run on GPU
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000, dtype, device);
            Tensor y = x.sin();

            // Create random Tensors for weights; requires_grad=True tracks their gradients. Drawn from
            // the CPU generator and then moved, so that every device starts from the recorded weights
            // (CUDA's generator gives other numbers for a seed); the moved tensors are the leaves.
            Tensor a = randn(Device.CPU, dtype).to(device).requiresGrad(true);
            Tensor b = randn(Device.CPU, dtype).to(device).requiresGrad(true);
            Tensor c = randn(Device.CPU, dtype).to(device).requiresGrad(true);
            Tensor d = randn(Device.CPU, dtype).to(device).requiresGrad(true);

            double learningRate = 1e-6;
            int iterations = args.iterationsFor(this);
            for (int t = 0; t < iterations; t++) {
                try (Scope iteration = Scope.open()) {
                    // Forward pass: compute predicted y using operations on Tensors.
                    Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));

                    // Compute and print loss.
                    Tensor loss = yPred.sub(y).pow(2).sum();
                    if (t % 100 == 99) {
                        out.println(t + " " + repr(loss.item()));
                    }

                    // Backward pass: gradients of loss with respect to a, b, c, d.
                    loss.backward();

                    // Manually update weights using gradient descent, without building a graph.
                    try (var noGrad = Grad.noGrad()) {
                        a.sub_(a.grad().mul(learningRate));
                        b.sub_(b.grad().mul(learningRate));
                        c.sub_(c.grad().mul(learningRate));
                        d.sub_(d.grad().mul(learningRate));

                        // Manually zero the gradients after updating weights (a.grad = None)
                        a.setGrad(null);
                        b.setGrad(null);
                        c.setGrad(null);
                        d.setGrad(null);
                    }
                }
            }
            out.println("Result: y = " + repr(a.item()) + " + " + repr(b.item()) + " x + " + repr(c.item())
                    + " x^2 + " + repr(d.item()) + " x^3");
        }
    }
}
