package org.torch4j;

import org.torch4j.bindings.CallbackErrors;
import org.torch4j.bindings.NativeErrors;

/**
 * An error reported by LibTorch (or found by torch4j before calling it). The message is one
 * line: the facade operation, c10's own first line, and the operands' shapes and dtypes. The
 * complete native text (which carries C++ frames only with {@code -Dtorch4j.nativeBacktrace=true})
 * stays available from {@link #nativeMessage()}.
 */
public class TorchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** LibTorch's complete error text, or null when torch4j raised the error itself. */
    private final String nativeMessage;

    /** An error found by torch4j itself (no native message). */
    public TorchException(String message) {
        super(message);
        this.nativeMessage = null;
    }

    /** An error found by torch4j itself, caused by {@code cause}. */
    public TorchException(String message, Throwable cause) {
        super(message, cause);
        this.nativeMessage = null;
    }

    private TorchException(String message, String nativeMessage, Throwable cause) {
        super(message, cause);
        this.nativeMessage = nativeMessage;
    }

    /** The full native message, or null when the error did not come from LibTorch. */
    public String nativeMessage() {
        return nativeMessage;
    }

    /**
     * Translates a native failure of {@code op} on {@code operands} (tensors are described by dtype
     * and shape; other values by {@code toString}).
     */
    static TorchException of(RuntimeException e, String op, Object... operands) {
        if (e instanceof TorchException te) {
            return te;
        }
        // A Java exception thrown from a callback (e.g. a custom autograd backward) crossed C++ as
        // text only: CallbackErrors kept the original, which is the real cause.
        Throwable cause = e.getCause() != null ? e.getCause() : CallbackErrors.take(e.getMessage());
        StringBuilder sb = new StringBuilder(op).append(": ").append(CallbackErrors.strip(NativeErrors.firstLine(e)));
        if (operands.length > 0) {
            sb.append(" (operands: ");
            for (int i = 0; i < operands.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(describe(operands[i]));
            }
            sb.append(')');
        }
        return new TorchException(sb.toString(), e.getMessage(), cause);
    }

    static String describe(Object o) {
        if (o instanceof Tensor t) {
            return t.describe();
        }
        // a tensor list (cat, stack, the RNN ops' weights) as its dtypes and shapes, never its values:
        // String.valueOf would print every element's repr across many lines
        if (o instanceof java.util.Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : c) {
                sb.append(sb.length() > 1 ? ", " : "").append(describe(e));
            }
            return sb.append(']').toString();
        }
        if (o instanceof Tensor[] ts) {
            return describe(java.util.Arrays.asList(ts));
        }
        return String.valueOf(o);
    }
}
