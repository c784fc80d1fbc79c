package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.tensor;

import java.io.PrintStream;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Slice;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;

/** Port of polynomial_nn.py: nn.Sequential, nn.MSELoss, manual update of model.parameters(). */
public final class Step5Nn implements Sample {
    @Override
    public int step() {
        return 5;
    }

    @Override
    public String upstream() {
        return "polynomial_nn.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000, DType.FLOAT32, args.device());
            Tensor y = x.sin();

            // Prepare the tensor (x, x^2, x^3): x.unsqueeze(-1) has shape (2000, 1), p has shape (3,),
            // so broadcasting gives shape (2000, 3).
            Tensor p = tensor(new long[] {1, 2, 3}).to(args.device());
            Tensor xx = x.unsqueeze(-1).pow(p);

            // A Sequential of a Linear layer and a Flatten that turns its (2000, 1) output into (2000,).
            try (Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
                    MSELoss lossFn = new MSELoss(Reduction.SUM)) {
                model.to(args.device()); // the tutorial's device: cpu, or cuda with --device cuda
                double learningRate = 1e-6;
                int iterations = args.iterationsFor(this);
                for (int t = 0; t < iterations; t++) {
                    try (Scope iteration = Scope.open()) {
                        // Forward pass: compute predicted y by passing x to the model.
                        Tensor yPred = model.forward(xx);

                        // Compute and print loss.
                        Tensor loss = lossFn.forward(yPred, y);
                        if (t % 100 == 99) {
                            out.println(t + " " + repr(loss.item()));
                        }

                        // Zero the gradients before running the backward pass.
                        model.zeroGrad();

                        // Backward pass: gradient of the loss with respect to all learnable parameters.
                        loss.backward();

                        // Update the weights using gradient descent (param -= learning_rate * param.grad).
                        try (var noGrad = Grad.noGrad()) {
                            for (Tensor param : model.parameters()) {
                                param.sub_(param.grad().mul(learningRate));
                            }
                        }
                    }
                }

                // You can access the first layer of `model` like accessing the first item of a list.
                Linear linearLayer = model.get(0);

                // For linear layer, its parameters are stored as `weight` and `bias`.
                Tensor w = linearLayer.weight();
                out.println("Result: y = " + repr(linearLayer.bias().item()) + " + " + repr(w.index(Slice.ALL, 0).item())
                        + " x + " + repr(w.index(Slice.ALL, 1).item()) + " x^2 + " + repr(w.index(Slice.ALL, 2).item()) + " x^3");
            }
        }
    }
}
