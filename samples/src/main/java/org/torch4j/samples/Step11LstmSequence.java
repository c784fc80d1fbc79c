package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;
import static org.torch4j.Torch.randperm;

import java.io.PrintStream;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.RNNOptions;
import org.torch4j.optim.Adam;

/**
 * Port of samples/parity/step11.py (issue 10's third sample beyond the tutorial): a
 * one-layer LSTM classifies seeded random sequences of 12 steps of 2 features by how many of the
 * two features have a positive sum (0, 1 or 2). LSTM(2, 16, batch_first) → last hidden state →
 * Linear(16, 3), CrossEntropyLoss, Adam(lr=0.01), shuffled minibatches of 64; prints each epoch's
 * training loss/accuracy and validation loss/accuracy. {@code --iterations} sets the epochs
 * (default 12); the runner's {@code --plot} draws the printed losses as a PNG ({@link LossPlot}).
 */
public final class Step11LstmSequence implements Sample {
    static final int T = 12;
    static final int FEATURES = 2;
    static final int CLASSES = 3;
    static final int HIDDEN = 16;
    static final int BATCH = 64;

    /** The Python original's {@code SequenceClassifier(nn.Module)}. */
    public static final class SequenceClassifier extends Module {
        final LSTM lstm = registerModule("lstm", new LSTM(FEATURES, HIDDEN, RNNOptions.DEFAULT.withBatchFirst(true)));
        final Linear head = registerModule("head", new Linear(HIDDEN, CLASSES));

        /** {@code _, (h_n, _) = self.lstm(x); return self.head(h_n[-1])}. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor hN = lstm.call(x).hN();
            return head.forward(hN.select(0, hN.size(0) - 1));
        }
    }

    @Override
    public int step() {
        return 11;
    }

    @Override
    public String upstream() {
        return "step11.py";
    }

    /** Epochs. */
    @Override
    public int defaultIterations() {
        return 12;
    }

    /** {@code x = randn(n, T, FEATURES)}; {@code y = (x.sum(1) > 0).long().sum(1)}. */
    static Tensor[] makeData(long n) {
        Tensor x = randn(n, T, FEATURES);
        Tensor y = x.sum(1).gt(0).to(org.torch4j.DType.INT64).sum(1);
        return new Tensor[] {x, y};
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        try (Scope main = Scope.open()) {
            Tensor[] train = makeData(512);
            Tensor[] val = makeData(256);
            Tensor xTrain = train[0].to(args.device());
            Tensor yTrain = train[1].to(args.device());
            Tensor xVal = val[0].to(args.device());
            Tensor yVal = val[1].to(args.device());
            long nTrain = xTrain.size(0);
            long nVal = xVal.size(0);
            try (SequenceClassifier model = new SequenceClassifier();
                    CrossEntropyLoss lossFn = new CrossEntropyLoss();
                    Adam optimizer = new Adam(model.parameters(), 0.01)) {
                model.to(args.device());
                out.println(model);
                int epochs = args.iterationsFor(this);
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    model.train();
                    double totalLoss = 0;
                    long correct = 0;
                    try (Scope e = Scope.open()) {
                        Tensor order = randperm(nTrain).to(args.device());
                        for (long start = 0; start < nTrain; start += BATCH) {
                            try (Scope it = Scope.open()) {
                                Tensor idx = order.narrow(0, start, Math.min(BATCH, nTrain - start));
                                Tensor xb = xTrain.indexSelect(0, idx);
                                Tensor yb = yTrain.indexSelect(0, idx);
                                Tensor logits = model.forward(xb);
                                Tensor loss = lossFn.forward(logits, yb);
                                optimizer.zeroGrad();
                                loss.backward();
                                optimizer.step();
                                totalLoss += loss.item() * idx.size(0);
                                correct += logits.argmax(1).eq(yb).sum().itemLong();
                            }
                        }
                    }
                    model.eval();
                    double valLoss;
                    long valCorrect;
                    try (Scope e = Scope.open(); Grad.Guard g = Grad.noGrad()) {
                        Tensor logits = model.forward(xVal);
                        valLoss = lossFn.forward(logits, yVal).item();
                        valCorrect = logits.argmax(1).eq(yVal).sum().itemLong();
                    }
                    out.println("epoch " + epoch + " loss " + repr(totalLoss / nTrain) + " accuracy " + repr((double) correct / nTrain)
                            + " val_loss " + repr(valLoss) + " val_accuracy " + repr((double) valCorrect / nVal));
                }
                try (Scope e = Scope.open(); Grad.Guard g = Grad.noGrad()) {
                    Tensor probs = model.forward(xVal.narrow(0, 0, 4)).softmax(1);
                    for (int i = 0; i < 4; i++) {
                        Tensor p = probs.select(0, i);
                        out.println("sequence " + i + " class " + yVal.select(0, i).itemLong() + " predicted " + p.argmax().itemLong()
                                + " p " + repr(p.max().item()));
                    }
                }
            }
        }
    }
}
