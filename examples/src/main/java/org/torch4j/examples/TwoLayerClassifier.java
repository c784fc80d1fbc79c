package org.torch4j.examples;

import java.util.Random;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Module;
import org.torch4j.optim.Adam;

/**
 * Trains a two-layer network (Linear, ReLU, Linear) to tell which quadrants of the plane points lie
 * in: class 1 where {@code x0 * x1 > 0}, class 0 elsewhere (XOR, which no linear model separates).
 * Prints the loss as it goes down; exits with status 1 unless the loss at least halved and the
 * training accuracy reached 85%.
 */
public final class TwoLayerClassifier {
    /** {@code nn.Sequential(nn.Linear(in, hidden), nn.ReLU(), nn.Linear(hidden, out))} as a module. */
    static final class TwoLayerNet extends Module {
        private final Linear fc1;
        private final Linear fc2;

        TwoLayerNet(int in, int hidden, int out) {
            fc1 = registerModule("fc1", new Linear(in, hidden));
            fc2 = registerModule("fc2", new Linear(hidden, out));
        }

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(fc1.forward(x).relu());
        }
    }

    private TwoLayerClassifier() {
    }

    /**
     * Runs the training.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Torch.manualSeed(0);
        int n = 256;
        float[] points = new float[n * 2];
        float[] oneHot = new float[n * 2];
        int[] labels = new int[n];
        Random random = new Random(0);
        for (int i = 0; i < n; i++) {
            float x0 = random.nextFloat() * 2 - 1, x1 = random.nextFloat() * 2 - 1;
            points[2 * i] = x0;
            points[2 * i + 1] = x1;
            labels[i] = x0 * x1 > 0 ? 1 : 0;
            oneHot[2 * i + labels[i]] = 1;
        }

        try (Tensor x = Torch.tensor(points, n, 2);
             Tensor y = Torch.tensor(oneHot, n, 2);
             TwoLayerNet model = new TwoLayerNet(2, 32, 2);
             MSELoss lossFn = new MSELoss();
             Adam optimizer = new Adam(model.parameters(), 0.01)) {
            double first = Double.NaN;
            double last = Double.NaN;
            for (int epoch = 0; epoch <= 300; epoch++) {
                try (Scope scope = Scope.open()) {          // frees this step's tensors
                    Tensor loss = lossFn.forward(model.forward(x), y);
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                    last = loss.item();
                    if (epoch == 0) {
                        first = last;
                    }
                    if (epoch % 50 == 0) {
                        System.out.printf("epoch %3d  loss %.4f%n", epoch, last);
                    }
                }
            }

            int correct = 0;
            try (Scope scope = Scope.open(); Grad.Guard noGrad = Grad.noGrad()) {
                float[] scores = model.forward(x).toFloatArray();
                for (int i = 0; i < n; i++) {
                    int predicted = scores[2 * i + 1] > scores[2 * i] ? 1 : 0;
                    correct += predicted == labels[i] ? 1 : 0;
                }
            }
            double accuracy = (double) correct / n;
            System.out.printf("loss %.4f -> %.4f, training accuracy %.1f%%%n", first, last, 100 * accuracy);
            if (!(last < first / 2) || accuracy < 0.85) {
                System.err.println("FAILED: the classifier did not learn (loss must halve, accuracy reach 85%)");
                System.exit(1);
            }
            System.out.println("OK: the loss went down");
        }
    }
}
