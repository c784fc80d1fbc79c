package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.linspace;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;

import java.io.PrintStream;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.optim.SGD;

/** Port of polynomial_module.py: a user-defined Module with four scalar parameters, trained by SGD. */
public final class Step7CustomModule implements Sample {

    /** The tutorial's {@code Polynomial3(torch.nn.Module)}. */
    public static final class Polynomial3 extends Module {
        // In the constructor we instantiate four parameters and assign them as member parameters.
        final Tensor a = registerParameter("a", randn());
        final Tensor b = registerParameter("b", randn());
        final Tensor c = registerParameter("c", randn());
        final Tensor d = registerParameter("d", randn());

        /** Accept a Tensor of input data and return a Tensor of output data. */
        @Override
        public Tensor forward(Tensor x) {
            return a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
        }

        /** Just like any class in Java, a module can define custom methods. */
        public String string() {
            return "y = " + repr(a.item()) + " + " + repr(b.item()) + " x + " + repr(c.item()) + " x^2 + "
                    + repr(d.item()) + " x^3";
        }
    }

    @Override
    public int step() {
        return 7;
    }

    @Override
    public String upstream() {
        return "polynomial_module.py";
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000, DType.FLOAT32, args.device());
            Tensor y = x.sin();

            // Construct our model by instantiating the class defined above, a loss and an optimizer.
            try (Polynomial3 model = new Polynomial3();
                    MSELoss criterion = new MSELoss(Reduction.SUM);
                    SGD optimizer = new SGD(model.parameters(), 1e-6)) {
                model.to(args.device()); // the tutorial's device: cpu, or cuda with --device cuda
                int iterations = args.iterationsFor(this);
                for (int t = 0; t < iterations; t++) {
                    try (Scope iteration = Scope.open()) {
                        // Forward pass: compute predicted y by passing x to the model.
                        Tensor yPred = model.forward(x);

                        // Compute and print loss.
                        Tensor loss = criterion.forward(yPred, y);
                        if (t % 100 == 99) {
                            out.println(t + " " + repr(loss.item()));
                        }

                        // Zero gradients, perform a backward pass, and update the weights.
                        optimizer.zeroGrad();
                        loss.backward();
                        optimizer.step();
                    }
                }
                out.println("Result: " + model.string());
            }
        }
    }
}
