package org.torch4j.nn;

/**
 * The keyword arguments shared by {@link TransformerEncoderLayer}, {@link TransformerDecoderLayer}
 * and {@link Transformer}: {@code dim_feedforward=2048, dropout=0.1, activation="relu",
 * layer_norm_eps=1e-5, batch_first=False, norm_first=False} ({@link #DEFAULT}).
 * {@code activation} is {@code "relu"} ({@code F.relu}) or {@code "gelu"} ({@code F.gelu}).
 */
public record TransformerOptions(long dimFeedforward, double dropout, String activation, double layerNormEps, boolean batchFirst,
        boolean normFirst) {
    /** PyTorch's defaults. */
    public static final TransformerOptions DEFAULT = new TransformerOptions(2048, 0.1, "relu", 1e-5, false, false);

    /** Checks the values, as the modules' constructors need them. */
    public TransformerOptions {
        java.util.Objects.requireNonNull(activation, "activation");
        if (!activation.equals("relu") && !activation.equals("gelu")) {
            throw new IllegalArgumentException("activation should be relu/gelu, not " + activation);
        }
        if (dimFeedforward <= 0) {
            throw new IllegalArgumentException("dim_feedforward must be positive, got " + dimFeedforward);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + dropout);
        }
    }

    /** {@code dim_feedforward}: the width of the feed-forward network (PyTorch's default 2048). */
    public TransformerOptions withDimFeedforward(long dimFeedforward) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }

    /** {@code dropout}: of the attention weights and of the residual branches (PyTorch's default 0.1). */
    public TransformerOptions withDropout(double dropout) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }

    /** {@code activation}: {@code "relu"} (the default) or {@code "gelu"}. */
    public TransformerOptions withActivation(String activation) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }

    /** {@code layer_norm_eps} (PyTorch's default 1e-5). */
    public TransformerOptions withLayerNormEps(double layerNormEps) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }

    /** {@code batch_first}: inputs and outputs are {@code [batch, seq, feature]}. */
    public TransformerOptions withBatchFirst(boolean batchFirst) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }

    /** {@code norm_first}: LayerNorm before the attention and feed-forward blocks instead of after. */
    public TransformerOptions withNormFirst(boolean normFirst) {
        return new TransformerOptions(dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst);
    }
}
