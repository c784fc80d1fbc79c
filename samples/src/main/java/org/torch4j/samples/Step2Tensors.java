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

/** Port of polynomial_tensor.py: tensors with hand-written forward and backward passes. */
public final class Step2Tensors implements Sample {
    @Override
    public int step() {
        return 2;
    }

    @Override
    public String upstream() {
        return "polynomial_tensor.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        DType dtype = DType.FLOAT32;
        Device device = args.device(); // the tutorial's device = torch.device("cpu"), or "cuda:0" to run on GPU
        try (Scope main = Scope.open()) {
            // Create random input and output data
            Tensor x = linspace(-Math.PI, Math.PI, 2000, dtype, device);
            Tensor y = x.sin();

            // Randomly initialize weights. Drawn from the CPU generator and then moved, so that every
            // device starts from the recorded weights: CUDA's generator gives other numbers for a seed.
            Tensor a = randn(Device.CPU, dtype).to(device);
            Tensor b = randn(Device.CPU, dtype).to(device);
            Tensor c = randn(Device.CPU, dtype).to(device);
            Tensor d = randn(Device.CPU, dtype).to(device);

            double learningRate = 1e-6;
            int iterations = args.iterationsFor(this);
            for (int t = 0; t < iterations; t++) {
                try (Scope iteration = Scope.open()) {
                    // Forward pass: compute predicted y = a + b x + c x^2 + d x^3
                    Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));

                    // Compute and print loss
                    double loss = yPred.sub(y).pow(2).sum().item();
                    if (t % 100 == 99) {
                        out.println(t + " " + repr(loss));
                    }

                    // Backprop to compute gradients of a, b, c, d with respect to loss
                    Tensor gradYPred = yPred.sub(y).mul(2.0);
                    Tensor gradA = gradYPred.sum();
                    Tensor gradB = gradYPred.mul(x).sum();
                    Tensor gradC = gradYPred.mul(x.pow(2)).sum();
                    Tensor gradD = gradYPred.mul(x.pow(3)).sum();

                    // Update weights using gradient descent
                    a.sub_(gradA.mul(learningRate));
                    b.sub_(gradB.mul(learningRate));
                    c.sub_(gradC.mul(learningRate));
                    d.sub_(gradD.mul(learningRate));
                }
            }
            out.println("Result: y = " + repr(a.item()) + " + " + repr(b.item()) + " x + " + repr(c.item())
                    + " x^2 + " + repr(d.item()) + " x^3");
        }
    }
}
