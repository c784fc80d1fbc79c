package org.torch4j;

/**
 * How {@link Tensor#toString()} prints: PyTorch's {@code torch.set_printoptions} settings.
 * Process-wide, like PyTorch's; set them with {@link Torch#setPrintOptions(PrintOptions)}.
 *
 * @param precision digits after the decimal point of floating values (PyTorch default 4)
 * @param threshold more elements than this are summarised with {@code ...} (default 1000;
 *                  {@link Double#POSITIVE_INFINITY} never summarises, as {@code profile='full'})
 * @param edgeitems items shown at each end of a summarised dimension (default 3)
 * @param linewidth characters per line before a row wraps (default 80)
 * @param sciMode   {@code true}/{@code false} force or forbid scientific notation; {@code null}
 *                  (the default) lets the formatter choose, as {@code sci_mode=None}
 */
public record PrintOptions(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {
    /** {@code torch.set_printoptions(profile='default')}. */
    public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80, null);
    /** {@code torch.set_printoptions(profile='short')}. */
    public static final PrintOptions SHORT = new PrintOptions(2, 1000, 2, 80, null);
    /** {@code torch.set_printoptions(profile='full')}: never summarises. */
    public static final PrintOptions FULL = new PrintOptions(4, Double.POSITIVE_INFINITY, 3, 80, null);

    private static volatile PrintOptions current = DEFAULT;

    /**
     * Checks the values: precision 0..50, threshold not NaN and &ge; 0, edgeitems &ge; 1
     * (PyTorch accepts 0 but then fails to print multi-dimensional tensors), linewidth &ge; 1.
     */
    public PrintOptions {
        if (precision < 0 || precision > 50) {
            throw new IllegalArgumentException("setPrintOptions: precision must be in 0..50, got " + precision);
        }
        if (Double.isNaN(threshold) || threshold < 0) {
            throw new IllegalArgumentException("setPrintOptions: threshold must be >= 0, got " + threshold);
        }
        if (edgeitems < 1) {
            throw new IllegalArgumentException("setPrintOptions: edgeitems must be >= 1, got " + edgeitems);
        }
        if (linewidth < 1) {
            throw new IllegalArgumentException("setPrintOptions: linewidth must be >= 1, got " + linewidth);
        }
    }

    /** These options with {@code precision} changed. */
    public PrintOptions withPrecision(int precision) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** These options with {@code threshold} changed. */
    public PrintOptions withThreshold(double threshold) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** These options with {@code edgeitems} changed. */
    public PrintOptions withEdgeitems(int edgeitems) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** These options with {@code linewidth} changed. */
    public PrintOptions withLinewidth(int linewidth) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** These options with {@code sciMode} changed ({@code null}: automatic). */
    public PrintOptions withSciMode(Boolean sciMode) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    static PrintOptions current() {
        return current;
    }

    static void set(PrintOptions o) {
        current = java.util.Objects.requireNonNull(o, "options");
    }
}
