package org.torch4j.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.parallel.DistributedDataParallel;

/**
 * One instance of every public concrete {@link Module} class of {@code org.torch4j.nn}, built with
 * non-default constructor arguments, and an input for its forward (null for the containers without
 * one). {@link DeepCopyEveryModuleTest} checks this table against the compiled classes, so a new
 * module without a case fails there.
 */
final class DeepCopyCases {
    private DeepCopyCases() {
    }

    /** How to build the module (the caller closes it) and its forward inputs (null: no forward), made in the caller's scope. */
    record Case(Supplier<Module> make, Supplier<Tensor[]> inputs) {
    }

    /** Module classes that cannot be deep-copied, and why. */
    static final Map<Class<?>, String> NOT_COPYABLE = Map.of(DistributedDataParallel.class,
            "its constructor broadcasts rank 0's state over the process group, a collective every rank must join: "
                    + "deep-copy ddp.module() instead");

    private static final TransformerOptions TRANSFORMER = TransformerOptions.DEFAULT.withDimFeedforward(16).withActivation("gelu")
            .withNormFirst(true).withLayerNormEps(1e-4);

    static final Map<Class<? extends Module>, Case> CASES = cases();

    private static Tensor[] in(Tensor... t) {
        return t;
    }

    private static Tensor[] randn(long... shape) {
        return in(Torch.randn(shape));
    }

    private static Tensor longs(long[] values, long... shape) {
        return Torch.tensor(values, shape);
    }

    private static Tensor floats(float... values) {
        return Torch.tensor(values, values.length);
    }

    private static Map<Class<? extends Module>, Case> cases() {
        Map<Class<? extends Module>, Case> c = new LinkedHashMap<>();
        // pooling
        c.put(AdaptiveAvgPool1d.class, new Case(() -> new AdaptiveAvgPool1d(3), () -> randn(2, 4, 7)));
        c.put(AdaptiveAvgPool2d.class, new Case(() -> new AdaptiveAvgPool2d(3, 2), () -> randn(2, 3, 7, 6)));
        c.put(AdaptiveMaxPool2d.class, new Case(() -> new AdaptiveMaxPool2d(2), () -> randn(2, 3, 7, 6)));
        c.put(AvgPool1d.class, new Case(() -> new AvgPool1d(3, PoolOptions.DEFAULT.withStride(2).withPadding(1).withCeilMode(true)
                .withCountIncludePad(false)), () -> randn(2, 3, 9)));
        c.put(AvgPool2d.class, new Case(() -> new AvgPool2d(new long[] {3, 2}, PoolOptions.DEFAULT.withStride(2, 1).withPadding(1, 0)
                .withDivisorOverride(5L)), () -> randn(2, 3, 8, 7)));
        c.put(MaxPool1d.class, new Case(() -> new MaxPool1d(new long[] {3}, PoolOptions.DEFAULT.withStride(2).withPadding(1).withDilation(2)
                .withCeilMode(true)), () -> randn(2, 3, 11)));
        c.put(MaxPool2d.class, new Case(() -> new MaxPool2d(new long[] {2, 3}, PoolOptions.DEFAULT.withStride(1, 2)),
                () -> randn(1, 2, 6, 7)));
        // convolutions
        c.put(Conv1d.class, new Case(() -> new Conv1d(2, 4, 3, ConvOptions.DEFAULT.withStride(2).withPadding(1).withPaddingMode("reflect")),
                () -> randn(2, 2, 9)));
        c.put(Conv2d.class, new Case(() -> new Conv2d(4, 6, new long[] {3, 2}, ConvOptions.DEFAULT.withPadding("same").withDilation(2)
                .withGroups(2).withBias(false)), () -> randn(1, 4, 8, 8)));
        c.put(Conv3d.class, new Case(() -> new Conv3d(2, 3, 2, ConvOptions.DEFAULT.withStride(1, 2, 1).withPadding(1)
                .withPaddingMode("circular")), () -> randn(1, 2, 5, 5, 5)));
        c.put(ConvTranspose1d.class, new Case(() -> new ConvTranspose1d(3, 4, 3, ConvOptions.DEFAULT.withStride(2).withOutputPadding(1)),
                () -> randn(2, 3, 5)));
        c.put(ConvTranspose2d.class, new Case(() -> new ConvTranspose2d(4, 2, new long[] {2, 3}, ConvOptions.DEFAULT.withGroups(2)
                .withDilation(2).withPadding(1, 0)), () -> randn(1, 4, 5, 5)));
        // normalization
        c.put(BatchNorm1d.class, new Case(() -> new BatchNorm1d(4, NormOptions.BATCH_NORM.withEps(1e-3).withMomentum(0.2)),
                () -> randn(5, 4)));
        c.put(BatchNorm2d.class, new Case(() -> new BatchNorm2d(3, NormOptions.BATCH_NORM.withMomentum(null).withAffine(false)),
                () -> randn(2, 3, 4, 4)));
        c.put(InstanceNorm2d.class, new Case(() -> new InstanceNorm2d(3, NormOptions.INSTANCE_NORM.withAffine(true)
                .withTrackRunningStats(true)), () -> randn(2, 3, 4, 4)));
        c.put(GroupNorm.class, new Case(() -> new GroupNorm(2, 4, 1e-3, false), () -> randn(2, 4, 3)));
        c.put(LayerNorm.class, new Case(() -> new LayerNorm(new long[] {3, 4}, 1e-3, false), () -> randn(2, 3, 4)));
        // linear, embeddings
        c.put(Linear.class, new Case(() -> new Linear(3, 2, false), () -> randn(4, 3)));
        c.put(NonDynamicallyQuantizableLinear.class, new Case(() -> new NonDynamicallyQuantizableLinear(3, 4, false), () -> randn(2, 3)));
        c.put(Bilinear.class, new Case(() -> new Bilinear(3, 4, 5, false), () -> in(Torch.randn(2, 3), Torch.randn(2, 4))));
        c.put(Embedding.class, new Case(() -> new Embedding(10, 4, Embedding.Options.DEFAULT.withPaddingIdx(-2L).withMaxNorm(1.5)
                .withScaleGradByFreq(true)), () -> in(longs(new long[] {1, 8, 3, 2}, 2, 2))));
        c.put(EmbeddingBag.class, new Case(() -> new EmbeddingBag(10, 3, "max", false, 0L),
                () -> in(longs(new long[] {1, 0, 3, 9, 4, 4}, 2, 3))));
        // activations and shape
        c.put(ELU.class, new Case(() -> new ELU(0.7, true), () -> randn(3, 4)));
        c.put(GELU.class, new Case(() -> new GELU("tanh"), () -> randn(3, 4)));
        c.put(Hardtanh.class, new Case(() -> new Hardtanh(-0.5, 0.7, true), () -> randn(3, 4)));
        c.put(Identity.class, new Case(Identity::new, () -> randn(3, 4)));
        c.put(LeakyReLU.class, new Case(() -> new LeakyReLU(0.2, true), () -> randn(3, 4)));
        c.put(LogSoftmax.class, new Case(() -> new LogSoftmax(0), () -> randn(3, 4)));
        c.put(ReLU.class, new Case(() -> new ReLU(true), () -> randn(3, 4)));
        c.put(SiLU.class, new Case(() -> new SiLU(true), () -> randn(3, 4)));
        c.put(Sigmoid.class, new Case(Sigmoid::new, () -> randn(3, 4)));
        c.put(Softmax.class, new Case(() -> new Softmax(-1), () -> randn(3, 4)));
        c.put(Softplus.class, new Case(() -> new Softplus(2.0, 10.0), () -> randn(3, 4)));
        c.put(Tanh.class, new Case(Tanh::new, () -> randn(3, 4)));
        c.put(PReLU.class, new Case(() -> new PReLU(3, 0.1), () -> randn(2, 3, 4)));
        c.put(ReLU6.class, new Case(() -> new ReLU6(true), () -> randn(3, 4)));
        c.put(SELU.class, new Case(() -> new SELU(true), () -> randn(3, 4)));
        c.put(CELU.class, new Case(() -> new CELU(0.6, true), () -> randn(3, 4)));
        c.put(Mish.class, new Case(() -> new Mish(true), () -> randn(3, 4)));
        c.put(Hardswish.class, new Case(() -> new Hardswish(true), () -> randn(3, 4)));
        c.put(Hardsigmoid.class, new Case(() -> new Hardsigmoid(true), () -> randn(3, 4)));
        c.put(Hardshrink.class, new Case(() -> new Hardshrink(0.2), () -> randn(3, 4)));
        c.put(Softshrink.class, new Case(() -> new Softshrink(0.2), () -> randn(3, 4)));
        c.put(Tanhshrink.class, new Case(Tanhshrink::new, () -> randn(3, 4)));
        c.put(Softsign.class, new Case(Softsign::new, () -> randn(3, 4)));
        c.put(LogSigmoid.class, new Case(LogSigmoid::new, () -> randn(3, 4)));
        c.put(Softmin.class, new Case(() -> new Softmin(0), () -> randn(3, 4)));
        c.put(Threshold.class, new Case(() -> new Threshold(0.3, -2.0, true), () -> randn(3, 4)));
        c.put(GLU.class, new Case(() -> new GLU(0), () -> randn(4, 3)));
        c.put(ZeroPad2d.class, new Case(() -> new ZeroPad2d(1, 2, 0, 1), () -> randn(1, 2, 3, 3)));
        c.put(ConstantPad1d.class, new Case(() -> new ConstantPad1d(new long[] {2, 1}, 1.5), () -> randn(2, 3, 4)));
        c.put(ConstantPad2d.class, new Case(() -> new ConstantPad2d(1, -0.5), () -> randn(1, 2, 3, 3)));
        c.put(ReflectionPad1d.class, new Case(() -> new ReflectionPad1d(1, 2), () -> randn(2, 3, 4)));
        c.put(ReflectionPad2d.class, new Case(() -> new ReflectionPad2d(1), () -> randn(1, 2, 3, 3)));
        c.put(ReplicationPad1d.class, new Case(() -> new ReplicationPad1d(2), () -> randn(2, 3, 4)));
        c.put(ReplicationPad2d.class, new Case(() -> new ReplicationPad2d(0, 1, 2, 0), () -> randn(1, 2, 3, 3)));
        c.put(PixelShuffle.class, new Case(() -> new PixelShuffle(3), () -> randn(1, 9, 2, 2)));
        c.put(PixelUnshuffle.class, new Case(() -> new PixelUnshuffle(3), () -> randn(1, 1, 6, 3)));
        c.put(CosineSimilarity.class, new Case(() -> new CosineSimilarity(0, 1e-6), () -> in(Torch.randn(4, 3), Torch.randn(4, 3))));
        c.put(PairwiseDistance.class, new Case(() -> new PairwiseDistance(3.0, 1e-4, true), () -> in(Torch.randn(4, 3), Torch.randn(4, 3))));
        c.put(Flatten.class, new Case(() -> new Flatten(0, 1), () -> randn(2, 3, 4)));
        c.put(Unflatten.class, new Case(() -> new Unflatten(1, 2, 3), () -> randn(4, 6)));
        c.put(Dropout.class, new Case(() -> new Dropout(0.3, true), () -> randn(3, 4)));
        c.put(Dropout2d.class, new Case(() -> new Dropout2d(0.2), () -> randn(2, 3, 4, 4)));
        // losses
        c.put(BCELoss.class, new Case(() -> new BCELoss(Torch.rand(4), Reduction.SUM),
                () -> in(Torch.randn(3, 4).sigmoid(), Torch.rand(3, 4))));
        c.put(BCEWithLogitsLoss.class, new Case(() -> new BCEWithLogitsLoss(null, Reduction.NONE, Torch.rand(4)),
                () -> in(Torch.randn(3, 4), Torch.rand(3, 4))));
        c.put(CrossEntropyLoss.class, new Case(() -> new CrossEntropyLoss(CrossEntropyLoss.Options.DEFAULT.withWeight(Torch.rand(5))
                .withIgnoreIndex(2).withReduction(Reduction.SUM).withLabelSmoothing(0.1)),
                () -> in(Torch.randn(4, 5), longs(new long[] {0, 2, 4, 1}, 4))));
        c.put(NLLLoss.class, new Case(() -> new NLLLoss(Torch.rand(5), 1, Reduction.SUM),
                () -> in(Torch.randn(4, 5).logSoftmax(1), longs(new long[] {0, 1, 4, 2}, 4))));
        c.put(CTCLoss.class, new Case(() -> new CTCLoss(1, Reduction.SUM, true),
                () -> in(Torch.randn(6, 2, 4).logSoftmax(2), longs(new long[] {0, 2, 3, 2, 0, 3}, 2, 3), longs(new long[] {6, 5}, 2),
                        longs(new long[] {3, 2}, 2))));
        c.put(CosineEmbeddingLoss.class, new Case(() -> new CosineEmbeddingLoss(0.3, Reduction.SUM),
                () -> in(Torch.randn(4, 5), Torch.randn(4, 5), floats(1, -1, 1, -1))));
        c.put(MarginRankingLoss.class, new Case(() -> new MarginRankingLoss(0.2, Reduction.NONE),
                () -> in(Torch.randn(4), Torch.randn(4), floats(1, -1, 1, 1))));
        c.put(TripletMarginLoss.class, new Case(() -> new TripletMarginLoss(0.5, 1.0, 1e-5, true, Reduction.SUM),
                () -> in(Torch.randn(4, 6), Torch.randn(4, 6), Torch.randn(4, 6))));
        c.put(HuberLoss.class, new Case(() -> new HuberLoss(Reduction.SUM, 0.5), () -> in(Torch.randn(3, 4), Torch.randn(3, 4))));
        c.put(SmoothL1Loss.class, new Case(() -> new SmoothL1Loss(Reduction.SUM, 0.5), () -> in(Torch.randn(3, 4), Torch.randn(3, 4))));
        c.put(KLDivLoss.class, new Case(() -> KLDivLoss.batchmean(true), () -> in(Torch.randn(3, 4), Torch.randn(3, 4))));
        c.put(L1Loss.class, new Case(() -> new L1Loss(Reduction.SUM), () -> in(Torch.randn(3, 4), Torch.randn(3, 4))));
        c.put(MSELoss.class, new Case(() -> new MSELoss(Reduction.NONE), () -> in(Torch.randn(3, 4), Torch.randn(3, 4))));
        // recurrent
        c.put(RNN.class, new Case(() -> new RNN(3, 4, RNNOptions.DEFAULT.withNonlinearity("relu").withNumLayers(2)), () -> randn(5, 3)));
        c.put(LSTM.class, new Case(() -> new LSTM(3, 5, RNNOptions.DEFAULT.withNumLayers(2).withProjSize(2).withDropout(0.3).withBias(false)),
                () -> randn(4, 2, 3)));
        c.put(GRU.class, new Case(() -> new GRU(3, 4, RNNOptions.DEFAULT.withNumLayers(2).withBidirectional(true).withBatchFirst(true)),
                () -> randn(2, 5, 3)));
        c.put(RNNCell.class, new Case(() -> new RNNCell(3, 4, false, "relu"), () -> randn(2, 3)));
        c.put(LSTMCell.class, new Case(() -> new LSTMCell(3, 4), () -> randn(2, 3)));
        c.put(GRUCell.class, new Case(() -> new GRUCell(3, 4, false), () -> randn(3)));
        // attention
        c.put(MultiheadAttention.class, new Case(() -> new MultiheadAttention(8, 2, MultiheadAttention.Options.DEFAULT.withAddBiasKv(true)
                .withAddZeroAttn(true).withKdim(6L).withVdim(5L).withBatchFirst(true).withDropout(0.1)),
                () -> in(Torch.randn(2, 3, 8), Torch.randn(2, 4, 6), Torch.randn(2, 4, 5))));
        c.put(TransformerEncoderLayer.class, new Case(() -> new TransformerEncoderLayer(8, 2, TRANSFORMER), () -> randn(5, 2, 8)));
        c.put(TransformerDecoderLayer.class, new Case(() -> new TransformerDecoderLayer(8, 2, TRANSFORMER.withBatchFirst(true)),
                () -> in(Torch.randn(2, 4, 8), Torch.randn(2, 5, 8))));
        c.put(TransformerEncoder.class, new Case(() -> {
            try (TransformerEncoderLayer proto = new TransformerEncoderLayer(8, 2, TRANSFORMER)) { // the prototype stays ours
                return new TransformerEncoder(proto, 2, new LayerNorm(new long[] {8}, 1e-3, true));
            }
        }, () -> randn(5, 2, 8)));
        c.put(TransformerDecoder.class, new Case(() -> {
            try (TransformerDecoderLayer proto = new TransformerDecoderLayer(8, 2, TRANSFORMER)) {
                return new TransformerDecoder(proto, 2, new LayerNorm(8));
            }
        }, () -> in(Torch.randn(4, 2, 8), Torch.randn(5, 2, 8))));
        c.put(Transformer.class, new Case(() -> new Transformer(8, 2, 1, 2, TRANSFORMER.withBatchFirst(true)),
                () -> in(Torch.randn(2, 5, 8), Torch.randn(2, 4, 8))));
        // containers
        c.put(Sequential.class, new Case(() -> new Sequential(new Linear(3, 4), new BatchNorm1d(4), new Tanh(), new Linear(4, 2)),
                () -> randn(5, 3)));
        c.put(ModuleList.class, new Case(() -> new ModuleList(new Linear(2, 2), new Tanh(), new GroupNorm(1, 2)), null));
        c.put(ModuleDict.class, new Case(() -> {
            Map<String, Module> m = new LinkedHashMap<>();
            m.put("proj", new Linear(2, 3));
            m.put("norm", new BatchNorm1d(3));
            m.put("rnn", new GRU(3, 2));
            return new ModuleDict(m);
        }, null));
        return c;
    }
}
