package org.torch4j.bindings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries a Java exception thrown inside a callback that LibTorch invoked (an autograd hook) across
 * the C++ frames back to the Java code that made the native call.
 *
 * <p>JavaCPP turns an exception thrown by a callback into a C++ exception that holds only its
 * text, and the RuntimeException that finally reaches Java has no cause. So the callback wrapper
 * stores the original throwable here under a fresh id and throws a RuntimeException whose message
 * starts with a marker naming that id; whoever translates the resulting native error
 * ({@code TorchException.of}) takes it back with {@link #take(String)}. Unclaimed entries (an error
 * LibTorch swallowed) are dropped after {@value #MAX_PENDING} newer ones, so nothing accumulates.
 */
public final class CallbackErrors {
    private static final int MAX_PENDING = 64;
    private static final Pattern MARKER = Pattern.compile("\\[torch4j callback #(\\d+)] ");
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, Throwable> PENDING = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Throwable> eldest) {
            return size() > MAX_PENDING;
        }
    };

    private CallbackErrors() {
    }

    /**
     * Stores {@code cause} and returns the exception a callback should throw instead: its message
     * is {@code marker + description}, and it survives the trip through C++ as text only.
     */
    public static RuntimeException escape(Throwable cause, String description) {
        long id = IDS.incrementAndGet();
        synchronized (PENDING) {
            PENDING.put(id, cause);
        }
        return new RuntimeException("[torch4j callback #" + id + "] " + description, cause);
    }

    /** The stored throwable whose marker occurs in {@code nativeMessage} (removing it), or null. */
    public static Throwable take(String nativeMessage) {
        if (nativeMessage == null) {
            return null;
        }
        Matcher m = MARKER.matcher(nativeMessage);
        if (!m.find()) {
            return null;
        }
        synchronized (PENDING) {
            return PENDING.remove(Long.parseLong(m.group(1)));
        }
    }

    /** {@code message} without the marker. */
    public static String strip(String message) {
        return message == null ? null : MARKER.matcher(message).replaceAll("");
    }
}
