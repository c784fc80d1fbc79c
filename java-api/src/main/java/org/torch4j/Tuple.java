package org.torch4j;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A Python {@code tuple} for {@link Torch#save} and {@link Torch#load}: an immutable list that
 * may hold nulls ({@code None}). {@code Torch.load} returns every pickled tuple as a
 * {@code Tuple} (e.g. an Adam group's {@code betas}); {@code Torch.save} writes a {@code Tuple}
 * as a Python tuple and every other {@link java.util.List} as a Python list. Equality and hash
 * are those of {@link java.util.List}.
 */
public final class Tuple extends AbstractList<Object> implements RandomAccess {
    private static final Tuple EMPTY = new Tuple(new Object[0]);

    private final Object[] items;

    private Tuple(Object[] items) {
        this.items = items;
    }

    /** {@code (items...)}: a tuple of these elements (copied). */
    public static Tuple of(Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(items.clone());
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Object[] toArray() {
        return items.clone();
    }

    /** Python's repr shape: {@code (1, 2)}, {@code (1,)}, {@code ()}. */
    @Override
    public String toString() {
        if (items.length == 1) {
            return "(" + items[0] + ",)";
        }
        String s = Arrays.toString(items);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
