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
import org.torch4j.samples.random.PyRandom;

/**
 * Port of dynamic_net.py: control flow and weight sharing. Each forward pass adds
 * {@code e * x^exp} for exp in [4, random.randint(4, 6)), drawn from a bit-exact port of CPython's
 * {@code random} seeded as the Python script seeds it, so both draw the same exponent schedule.
 */
public final class Step8DynamicNet implements Sample {

    /** The tutorial's {@code DynamicNet(torch.nn.Module)}. */
    public static final class DynamicNet extends Module {
        // In the constructor we instantiate five parameters and assign them as members.
        final Tensor a = registerParameter("a", randn());
        final Tensor b = registerParameter("b", randn());
        final Tensor c = registerParameter("c", randn());
        final Tensor d = registerParameter("d", randn());
        final Tensor e = registerParameter("e", randn());
        private final PyRandom random;

        /** @param random Python's {@code random} module, as seeded by the script */
        public DynamicNet(PyRandom random) {
            this.random = random;
        }

        /**
         * For the forward pass, randomly choose either 4 or 5 and reuse the e parameter to compute
         * the contribution of these orders: plain Java control flow builds a dynamic graph, and
         * reusing the same parameter several times in it is perfectly safe.
         */
        @Override
        public Tensor forward(Tensor x) {
            Tensor y = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
            for (int exp = 4, end = random.randint(4, 6); exp < end; exp++) {
                y = y.add(e.mul(x.pow(exp)));
            }
            return y;
        }

        /** Just like any class in Java, a module can define custom methods. */
        public String string() {
            return "y = " + repr(a.item()) + " + " + repr(b.item()) + " x + " + repr(c.item()) + " x^2 + "
                    + repr(d.item()) + " x^3 + " + repr(e.item()) + " x^4 ? + " + repr(e.item()) + " x^5 ?";
        }
    }

    @Override
    public int step() {
        return 8;
    }

    @Override
    public String upstream() {
        return "dynamic_net.py";
    }

    @Override
    public int defaultIterations() {
        return 30000;
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        PyRandom random = new PyRandom(args.seed()); // random.seed(seed)
        try (Scope main = Scope.open()) {
            // Create Tensors to hold input and outputs.
            Tensor x = linspace(-Math.PI, Math.PI, 2000, DType.FLOAT32, args.device());
            Tensor y = x.sin();

            // Construct our model, the loss, and SGD with momentum (vanilla SGD struggles with this model).
            try (DynamicNet model = new DynamicNet(random);
                    MSELoss criterion = new MSELoss(Reduction.SUM);
                    SGD optimizer = new SGD(model.parameters(), new SGD.Options(1e-8).withMomentum(0.9))) {
                model.to(args.device()); // the tutorial's device: cpu, or cuda with --device cuda
                int iterations = args.iterationsFor(this);
                for (int t = 0; t < iterations; t++) {
                    try (Scope iteration = Scope.open()) {
                        // Forward pass: compute predicted y by passing x to the model.
                        Tensor yPred = model.forward(x);

                        // Compute and print loss.
                        Tensor loss = criterion.forward(yPred, y);
                        if (t % 2000 == 1999) {
                            out.println(t + " " + repr(loss.item()));
                        }

                        // Zero gradients, perform a backward pass, and update the weights.
                        // zeroGrad(false) zeroes in place, as optimizer.zero_grad() did in PyTorch 1.13,
                        // where the recordings come from (2.0 changed the default to set_to_none=True).
                        // Here it matters: when a pass does not use e, a zero gradient still moves e by
                        // its momentum, while a gradient set to none makes SGD skip e for that step.
                        optimizer.zeroGrad(false);
                        loss.backward();
                        optimizer.step();
                    }
                }
                out.println("Result: " + model.string());
            }
        }
    }
}
