package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * {@code torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0)}, called as {@code loss.forward(logits, target)}: {@code target} holds
 * int64 class indices ({@code [N]} or {@code [N, d1, …]}) or class probabilities (float, the
 * shape of {@code logits}). {@code weight} is a buffer (in the state dict, as in PyTorch).
 */
public final class CrossEntropyLoss extends Loss {
    /** The keyword arguments, PyTorch's defaults in {@link #DEFAULT}. */
    public record Options(Tensor weight, long ignoreIndex, Reduction reduction, double labelSmoothing) {
        /** PyTorch's defaults: {@code weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0}. */
        public static final Options DEFAULT = new Options(null, -100, Reduction.MEAN, 0.0);

        /** {@code weight}: a manual rescaling weight for each class; null is None. */
        public Options withWeight(Tensor weight) {
            return new Options(weight, ignoreIndex, reduction, labelSmoothing);
        }

        /** {@code ignore_index}: a target value that is ignored and does not contribute to the gradient (PyTorch's default -100). */
        public Options withIgnoreIndex(long ignoreIndex) {
            return new Options(weight, ignoreIndex, reduction, labelSmoothing);
        }

        /** {@code reduction}: {@code 'none'}, {@code 'mean'} or {@code 'sum'} (PyTorch's default 'mean'). */
        public Options withReduction(Reduction reduction) {
            return new Options(weight, ignoreIndex, reduction, labelSmoothing);
        }

        /** {@code label_smoothing}: amount of smoothing, in [0.0, 1.0] (PyTorch's default 0.0). */
        public Options withLabelSmoothing(double labelSmoothing) {
            return new Options(weight, ignoreIndex, reduction, labelSmoothing);
        }
    }

    private final Tensor weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    /** {@code CrossEntropyLoss()} with every option at PyTorch's default. */
    public CrossEntropyLoss() {
        this(Options.DEFAULT);
    }

    /** {@code CrossEntropyLoss(reduction=reduction)}. */
    public CrossEntropyLoss(Reduction reduction) {
        this(Options.DEFAULT.withReduction(reduction));
    }

    /** {@code options.weight()} (may be null) stays the caller's; the module keeps its own reference. */
    public CrossEntropyLoss(Options options) {
        super(options.reduction());
        if (!(options.labelSmoothing() >= 0 && options.labelSmoothing() <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0. Got: "
                    + options.labelSmoothing());
        }
        this.weight = registerBuffer("weight", options.weight());
        this.ignoreIndex = options.ignoreIndex();
        this.labelSmoothing = options.labelSmoothing();
    }

    /** {@code F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        checkOpen();
        return Ops.crossEntropy(input, target, weight, reduction().code(), ignoreIndex, labelSmoothing);
    }

    @Override
    protected Module newInstance() {
        return new CrossEntropyLoss(new Options(weight, ignoreIndex, reduction(), labelSmoothing));
    }
}
