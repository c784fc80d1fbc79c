package org.torch4j.perf.workloads;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvOptions;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.TransformerEncoder;
import org.torch4j.nn.TransformerEncoderLayer;
import org.torch4j.nn.TransformerOptions;
import org.torch4j.optim.Adam;
import org.torch4j.optim.AdamW;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;
import org.torch4j.samples.Step11LstmSequence.SequenceClassifier;

/**
 * The training workloads: the models, optimizers, batch sizes and data shapes of samples 9
 * (MLP classifier), 10 (small CNN) and 11 (LSTM), and a small Transformer encoder on sample 11's
 * sequences. {@code perf/python/workloads.py} and DJL's {@code DjlModels} build the same ones.
 */
public final class Workloads {
    private Workloads() {
    }

    /** One workload: model, optimizer, data (x, int64 labels) and batch size. The caller closes model and optimizer. */
    public record Workload(String name, Module model, Optimizer optimizer, Tensor x, Tensor y, int batch) {
        public long samples() {
            return x.size(0);
        }
    }

    /** Sample 10's SmallCnn (Conv 1→8, BN, ReLU, pool, Conv 8→16, BN, ReLU, pool, Dropout 0.25, Linear 144→4). */
    static final class SmallCnn extends Module {
        final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 8, 3, ConvOptions.DEFAULT.withPadding(1)));
        final BatchNorm2d bn1 = registerModule("bn1", new BatchNorm2d(8));
        final Conv2d conv2 = registerModule("conv2", new Conv2d(8, 16, 3, ConvOptions.DEFAULT.withPadding(1)));
        final BatchNorm2d bn2 = registerModule("bn2", new BatchNorm2d(16));
        final MaxPool2d pool = registerModule("pool", new MaxPool2d(2));
        final Dropout drop = registerModule("drop", new Dropout(0.25));
        final Linear fc = registerModule("fc", new Linear(16 * 3 * 3, 4));

        @Override
        public Tensor forward(Tensor x) {
            x = pool.forward(bn1.forward(conv1.forward(x)).relu());
            x = pool.forward(bn2.forward(conv2.forward(x)).relu());
            return fc.forward(drop.forward(x.flatten(1)));
        }
    }

    /** Linear(2, 32) → 2 encoder layers (4 heads, feed-forward 64, batch first) → mean over time → Linear(32, 3). */
    static final class SmallTransformer extends Module {
        final Linear embed = registerModule("embed", new Linear(2, 32));
        final TransformerEncoder encoder = registerModule("encoder", new TransformerEncoder(
                new TransformerEncoderLayer(32, 4, TransformerOptions.DEFAULT.withDimFeedforward(64).withBatchFirst(true)), 2));
        final Linear head = registerModule("head", new Linear(32, 3));

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(encoder.forward(embed.forward(x)).mean(1));
        }
    }

    /** Sample 11's data: {@code x = randn(n, 12, 2)}, {@code y = (x.sum(1) > 0).long().sum(1)}. */
    static List<Tensor> sequences(long n) {
        Tensor x = Torch.randn(n, 12, 2);
        return List.of(x, x.sum(1).gt(0).to(DType.INT64).sum(1));
    }

    /** Builds {@code name} (mlp, cnn, lstm, transformer) after {@code manualSeed(0)}; its tensors are unscoped. */
    public static Workload create(String name) {
        Torch.manualSeed(0);
        switch (name) {
            case "mlp": {
                Tensor centers = Torch.tensor(new float[] {-2.5f, -1.5f, 2.5f, -1.5f, 0.0f, 2.5f}, 3, 2);
                Tensor y = Torch.arange(3).repeatInterleave(80);
                Tensor x = Torch.randn(240, 2).add(centers.indexSelect(0, y));
                Sequential m = new Sequential(new Linear(2, 32), new ReLU(), new Dropout(0.2), new Linear(32, 3));
                return new Workload(name, m, new AdamW(m.parameters(), new AdamW.Options(0.02).withWeightDecay(0.05)), x, y, 32);
            }
            case "cnn": {
                Tensor y = Torch.randint(0, 4, new long[] {256});
                Tensor x = Torch.randn(256, 1, 12, 12).mul(0.8);
                SmallCnn m = new SmallCnn();
                return new Workload(name, m, new SGD(m.parameters(), new SGD.Options(0.05).withMomentum(0.9)), x, y, 32);
            }
            case "lstm": {
                List<Tensor> d = sequences(512);
                SequenceClassifier m = new SequenceClassifier();
                return new Workload(name, m, new Adam(m.parameters(), 0.01), d.get(0), d.get(1), 64);
            }
            case "transformer": {
                List<Tensor> d = sequences(512);
                SmallTransformer m = new SmallTransformer();
                return new Workload(name, m, new Adam(m.parameters(), 0.01), d.get(0), d.get(1), 64);
            }
            default:
                throw new IllegalArgumentException("unknown workload " + name);
        }
    }
}
