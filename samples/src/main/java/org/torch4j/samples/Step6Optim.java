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
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.RMSprop;

/** Port of polynomial_optim.py: the step-5 model trained by torch.optim.RMSprop. */
public final class Step6Optim implements Sample {
    @Override
    public int step() {
        return 6;
    }

    @Override
    public String upstream() {
        return "polynomial_optim.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000, DType.FLOAT32, args.device());
            Tensor y = x.sin();

            // Prepare the input tensor (x, x^2, x^3).
            Tensor p = tensor(new long[] {1, 2, 3}).to(args.device());
            Tensor xx = x.unsqueeze(-1).pow(p);

            // Use the nn package to define our model and loss function.
            try (Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
                    MSELoss lossFn = new MSELoss(Reduction.SUM);
                    // The optimizer updates the model's parameters; RMSprop with lr=1e-3.
                    RMSprop optimizer = new RMSprop(model.parameters(), 1e-3)) {
                model.to(args.device()); // the tutorial's device: cpu, or cuda with --device cuda
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

                        // Zero the gradients the optimizer will update, then backward and step.
                        optimizer.zeroGrad();
                        loss.backward();
                        optimizer.step();
                    }
                }

                Linear linearLayer = model.get(0);
                Tensor w = linearLayer.weight();
                out.println("Result: y = " + repr(linearLayer.bias().item()) + " + " + repr(w.index(Slice.ALL, 0).item())
                        + " x + " + repr(w.index(Slice.ALL, 1).item()) + " x^2 + " + repr(w.index(Slice.ALL, 2).item()) + " x^3");
            }
        }
    }
}
