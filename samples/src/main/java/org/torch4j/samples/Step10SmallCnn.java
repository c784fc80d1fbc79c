package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randint;
import static org.torch4j.Torch.randn;
import static org.torch4j.Torch.tensor;

import java.io.PrintStream;
import java.util.List;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvOptions;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.optim.SGD;
import org.torch4j.utils.data.DataLoader;
import org.torch4j.utils.data.TensorDataset;

/**
 * Sample 10, beyond the tutorial: a small CNN (Conv2d, BatchNorm2d, ReLU, MaxPool2d, Dropout,
 * Linear) trained with SGD + momentum on seeded synthetic 12x12 images (Python original:
 * samples/parity/step10.py). Each image is one of four fixed patterns plus gaussian noise drawn
 * from the default generator after {@code manualSeed(seed)}, as in PyTorch.
 */
public final class Step10SmallCnn implements Sample {
    static final int SIZE = 12;
    static final int CLASSES = 4;
    static final int N_TRAIN = 256;
    static final int N_TEST = 64;
    static final double NOISE = 0.8;

    @Override
    public int step() {
        return 10;
    }

    @Override
    public String upstream() {
        return "step10.py (small CNN on synthetic images)";
    }

    /** Dropout draws its masks on the device. */
    @Override
    public boolean drawsOnDevice() {
        return true;
    }

    /** Epochs (the "iterations" of this sample). */
    @Override
    public int defaultIterations() {
        return 6;
    }

    /** {@code SmallCnn} of step10.py. */
    static final class SmallCnn extends Module {
        final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 8, 3, ConvOptions.DEFAULT.withPadding(1)));
        final BatchNorm2d bn1 = registerModule("bn1", new BatchNorm2d(8));
        final Conv2d conv2 = registerModule("conv2", new Conv2d(8, 16, 3, ConvOptions.DEFAULT.withPadding(1)));
        final BatchNorm2d bn2 = registerModule("bn2", new BatchNorm2d(16));
        final MaxPool2d pool = registerModule("pool", new MaxPool2d(2));
        final Dropout drop = registerModule("drop", new Dropout(0.25));
        final Linear fc = registerModule("fc", new Linear(16 * 3 * 3, CLASSES));

        @Override
        public Tensor forward(Tensor x) {
            x = pool.forward(bn1.forward(conv1.forward(x)).relu());   // [N, 8, 6, 6]
            x = pool.forward(bn2.forward(conv2.forward(x)).relu());   // [N, 16, 3, 3]
            return fc.forward(drop.forward(x.flatten(1)));
        }
    }

    /** The four class patterns, [4, 12, 12]: horizontal bar, vertical bar, diagonal, hollow square. */
    static Tensor patterns() {
        float[] p = new float[CLASSES * SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                p[(0 * SIZE + r) * SIZE + c] = r >= 5 && r < 7 && c >= 2 && c < 10 ? 1 : 0;
                p[(1 * SIZE + r) * SIZE + c] = r >= 2 && r < 10 && c >= 5 && c < 7 ? 1 : 0;
                p[(2 * SIZE + r) * SIZE + c] = r == c && r >= 1 && r < SIZE - 1 ? 1 : 0;
                boolean outer = r >= 3 && r < 9 && c >= 3 && c < 9;
                boolean inner = r >= 4 && r < 8 && c >= 4 && c < 8;
                p[(3 * SIZE + r) * SIZE + c] = outer && !inner ? 1 : 0;
            }
        }
        return tensor(p, CLASSES, SIZE, SIZE);
    }

    /** {@code n} labels, then their noisy images [n, 1, 12, 12] (the draws in PyTorch's order). */
    static List<Tensor> makeImages(int n) {
        Tensor labels = randint(0, CLASSES, new long[] {n});
        Tensor images = patterns().indexSelect(0, labels).unsqueeze(1).add(randn(n, 1, SIZE, SIZE).mul(NOISE));
        return List.of(images, labels);
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        int epochs = args.iterationsFor(this);
        try (Scope main = Scope.open()) {
            List<Tensor> train = makeImages(N_TRAIN);
            List<Tensor> test = makeImages(N_TEST);
            Tensor xTest = test.get(0).to(args.device());
            Tensor yTest = test.get(1).to(args.device());
            try (SmallCnn model = new SmallCnn();
                    CrossEntropyLoss lossFn = new CrossEntropyLoss();
                    SGD optimizer = new SGD(model.parameters(), new SGD.Options(0.05).withMomentum(0.9))) {
                model.to(args.device());
                var loader = DataLoader.of(new TensorDataset(train.get(0).to(args.device()), train.get(1).to(args.device())),
                        new DataLoader.Options(32).withShuffle(true));
                Progress progress = new Progress(this, epochs, loader.size());
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    model.train();
                    double total = 0;
                    long correct = 0;
                    int batchNo = 0;
                    for (List<Tensor> batch : loader) {
                        try (Scope step = Scope.open()) {
                            Tensor xb = batch.get(0);
                            Tensor yb = batch.get(1);
                            Tensor logits = model.forward(xb);
                            Tensor loss = lossFn.forward(logits, yb);
                            optimizer.zeroGrad();
                            loss.backward();
                            optimizer.step();
                            total += loss.item() * xb.shape()[0];
                            correct += (long) logits.argmax(1).eq(yb).sum().item();
                        }
                        progress.batch(epoch, ++batchNo);
                    }
                    double[] t = Step9MlpClassifier.evaluate(model, lossFn, xTest, yTest);
                    out.println("epoch " + epoch + " train_loss " + repr(total / N_TRAIN) + " train_acc " + correct + "/" + N_TRAIN
                            + " test_loss " + repr(t[0]) + " test_acc " + (long) t[1] + "/" + N_TEST);
                }
                progress.done();

                StringBuilder stats = new StringBuilder("bn2.running_mean");
                try (Scope s = Scope.open()) {
                    float[] mean = model.bn2.runningMean().narrow(0, 0, 4).toFloatArray();
                    for (float v : mean) {
                        stats.append(' ').append(repr((double) v));
                    }
                    stats.append(" num_batches_tracked ").append((long) model.bn2.numBatchesTracked().item());
                }
                out.println(stats);
            }
        }
    }
}
