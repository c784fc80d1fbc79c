package org.torch4j.nn;

/** How a loss reduces its elementwise values: PyTorch's {@code reduction='none'|'mean'|'sum'}. */
public enum Reduction {
    /** Elementwise losses, same shape as the input. */
    NONE("none", 0),
    /** Mean over all elements (PyTorch's default). */
    MEAN("mean", 1),
    /** Sum over all elements. */
    SUM("sum", 2);

    private final String pyName;
    /** {@code at::Reduction::Reduction} value. */
    private final long code;

    Reduction(String pyName, long code) {
        this.pyName = pyName;
        this.code = code;
    }

    long code() {
        return code;
    }

    /** Parses PyTorch's spelling ({@code "sum"}). */
    public static Reduction of(String name) {
        for (Reduction r : values()) {
            if (r.pyName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException(name + " is not a valid value for reduction (expected none, mean or sum)");
    }

    /** PyTorch's name, e.g. {@code sum}. */
    @Override
    public String toString() {
        return pyName;
    }
}
