package org.torch4j.utils.data;

import java.util.Map;
import org.torch4j.Tensor;

/** Walks a batch (a tensor, or lists, maps, arrays of them): hands its tensors to the loader, or frees them. */
final class Batches {
    private Batches() {
    }

    /** Detaches every tensor of {@code batch} from the worker's Scope, so that the loader owns it. */
    static void unscope(Object batch) {
        if (batch instanceof Tensor t) {
            if (!t.isClosed()) {
                t.unscoped();
            }
        } else if (batch instanceof Iterable<?> it) {
            for (Object o : it) {
                unscope(o);
            }
        } else if (batch instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                unscope(o);
            }
        } else if (batch instanceof Object[] a) {
            for (Object o : a) {
                unscope(o);
            }
        }
    }

    /** Frees every tensor of {@code batch} (closing twice is harmless); other AutoCloseables are closed too. */
    static void close(Object batch) {
        if (batch instanceof Tensor t) {
            t.close();
        } else if (batch instanceof Iterable<?> it) {
            for (Object o : it) {
                close(o);
            }
        } else if (batch instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                close(o);
            }
        } else if (batch instanceof Object[] a) {
            for (Object o : a) {
                close(o);
            }
        } else if (batch instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a batch failed", e);
            }
        }
    }
}
