package org.torch4j;

/**
 * A Python slice {@code start:stop:step} for {@link Tensor#index(Object...)}.
 * {@code Slice.ALL} is {@code :}; negative bounds count from the end, as in Python.
 */
public record Slice(long start, long stop, long step) {
    /** {@code :} — the whole dimension. */
    public static final Slice ALL = new Slice(0, Long.MAX_VALUE, 1);

    /** A slice {@code start:stop:step}; {@code step} must be positive, as in PyTorch. */
    public Slice {
        if (step <= 0) {
            throw new IllegalArgumentException("slice step must be > 0, got " + step);
        }
    }

    /** {@code start:stop}. */
    public static Slice of(long start, long stop) {
        return new Slice(start, stop, 1);
    }

    /** {@code start:stop:step}. */
    public static Slice of(long start, long stop, long step) {
        return new Slice(start, stop, step);
    }

    /** {@code start:}. */
    public static Slice from(long start) {
        return new Slice(start, Long.MAX_VALUE, 1);
    }

    /** {@code :stop}. */
    public static Slice to(long stop) {
        return new Slice(0, stop, 1);
    }

    @Override
    public String toString() {
        return (start == 0 ? "" : String.valueOf(start)) + ":" + (stop == Long.MAX_VALUE ? "" : String.valueOf(stop))
                + (step == 1 ? "" : ":" + step);
    }
}
