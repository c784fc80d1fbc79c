package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.arange;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;
import static org.torch4j.Torch.randperm;
import static org.torch4j.Torch.tensor;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.nn.CrossEntropyLoss;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.AdamW;
import org.torch4j.optim.lr_scheduler.StepLR;
import org.torch4j.utils.data.DataLoader;
import org.torch4j.utils.data.TensorDataset;

/**
 * Sample 9, beyond the tutorial: a 3-class MLP classifier on gaussian blobs (Python original:
 * samples/parity/step9.py). Dropout, CrossEntropyLoss, AdamW with weight decay, StepLR, a shuffled
 * DataLoader, train/eval, accuracy via argmax, and a round trip of the state dict into a fresh
 * model. The points, the shuffled batches and the dropout masks all come from the default
 * generator after {@code manualSeed(seed)}, so they are PyTorch's.
 */
public final class Step9MlpClassifier implements Sample {
    static final int N_PER_CLASS = 100;
    static final int N_TRAIN = 240;

    @Override
    public int step() {
        return 9;
    }

    @Override
    public String upstream() {
        return "step9.py (MLP classifier on gaussian blobs)";
    }

    /** Dropout draws its masks on the device. */
    @Override
    public boolean drawsOnDevice() {
        return true;
    }

    /** Epochs (the "iterations" of this sample). */
    @Override
    public int defaultIterations() {
        return 12;
    }

    static Sequential makeModel() {
        return new Sequential(new Linear(2, 32), new ReLU(), new Dropout(0.2), new Linear(32, 3));
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        manualSeed(args.seed());
        int epochs = args.iterationsFor(this);
        try (Scope main = Scope.open()) {
            // Three gaussian blobs (unit variance) around fixed centres; labels 0, 1, 2.
            Tensor centers = tensor(new float[] {-2.5f, -1.5f, 2.5f, -1.5f, 0.0f, 2.5f}, 3, 2);
            Tensor x = randn(3 * N_PER_CLASS, 2).add(centers.repeatInterleave(N_PER_CLASS, 0));
            Tensor y = arange(3).repeatInterleave(N_PER_CLASS);
            Tensor perm = randperm(3 * N_PER_CLASS);
            Tensor trainIdx = perm.narrow(0, 0, N_TRAIN);
            Tensor testIdx = perm.narrow(0, N_TRAIN, 3 * N_PER_CLASS - N_TRAIN);
            Tensor xTrain = x.indexSelect(0, trainIdx).to(args.device());
            Tensor yTrain = y.indexSelect(0, trainIdx).to(args.device());
            Tensor xTest = x.indexSelect(0, testIdx).to(args.device());
            Tensor yTest = y.indexSelect(0, testIdx).to(args.device());

            try (Sequential model = makeModel();
                    CrossEntropyLoss lossFn = new CrossEntropyLoss();
                    AdamW optimizer = new AdamW(model.parameters(), new AdamW.Options(0.02).withWeightDecay(0.05))) {
                model.to(args.device());
                StepLR scheduler = new StepLR(optimizer, 4, 0.5);
                var loader = DataLoader.of(new TensorDataset(xTrain, yTrain), new DataLoader.Options(32).withShuffle(true));
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
                    double lr = scheduler.getLastLr()[0];
                    scheduler.step();
                    double[] test = evaluate(model, lossFn, xTest, yTest);
                    out.println("epoch " + epoch + " lr " + repr(lr) + " train_loss " + repr(total / N_TRAIN) + " train_acc "
                            + correct + "/" + N_TRAIN + " test_loss " + repr(test[0]) + " test_acc " + (long) test[1] + "/"
                            + yTest.shape()[0]);
                }
                progress.done();

                // Save the state dict and load it into a fresh model: it must predict as the trained one.
                try (Sequential reloaded = saveAndReload(model, args)) {
                    out.println("state_dict " + reloaded.stateDict().entrySet().stream()
                            .map(e -> e.getKey() + Arrays.toString(e.getValue().shape()).replace(" ", ""))
                            .collect(Collectors.joining(" ")));
                    double[] test = evaluate(reloaded, lossFn, xTest, yTest);
                    out.println("reloaded test_loss " + repr(test[0]) + " test_acc " + (long) test[1] + "/" + yTest.shape()[0]);
                }
            }
        }
    }

    /** Test loss and number of correct predictions, in eval mode without autograd. */
    static double[] evaluate(Module model, CrossEntropyLoss lossFn, Tensor xs, Tensor ys) {
        model.eval();
        try (Scope s = Scope.open(); Grad.Guard noGrad = Grad.noGrad()) {
            Tensor logits = model.forward(xs);
            return new double[] {lossFn.forward(logits, ys).item(), logits.argmax(1).eq(ys).sum().item()};
        }
    }

    /**
     * The state dict of {@code model} loaded into a fresh model (the caller closes it), after
     * checking that every entry arrived equal. As the Python original, it saves to a buffer with
     * {@code Torch.save} (PyTorch's file format, here into a byte array) and reads it back with
     * {@code Torch.load}; the loaded tensors belong to this method's scope.
     */
    static Sequential saveAndReload(Sequential model, SampleArgs args) {
        Sequential fresh = makeModel(); // draws fresh initial weights; nothing random follows
        try (Scope s = Scope.open()) {
            Map<String, Tensor> saved = model.stateDict();
            byte[] file = Torch.saveToBytes(saved);              // torch.save(model.state_dict(), buffer)
            @SuppressWarnings("unchecked")
            Map<String, Tensor> read = (Map<String, Tensor>) Torch.load(file); // torch.load(buffer)
            fresh.to(args.device());
            fresh.loadStateDict(read);
            Map<String, Tensor> loaded = fresh.stateDict();
            if (!loaded.keySet().equals(saved.keySet())) {
                throw new IllegalStateException("state dict keys changed: " + saved.keySet() + " -> " + loaded.keySet());
            }
            for (Map.Entry<String, Tensor> e : saved.entrySet()) {
                if (!e.getValue().equal(loaded.get(e.getKey()))) {
                    throw new IllegalStateException("state dict entry " + e.getKey() + " changed in the round trip");
                }
            }
            return fresh;
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
    }
}
