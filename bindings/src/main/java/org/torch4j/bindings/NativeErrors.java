package org.torch4j.bindings;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.StringSupplier;
import org.bytedeco.pytorch.global.torch;

/**
 * Makes native errors cheap and short.
 *
 * <p>By default every c10 error symbolises a C++ backtrace (about 5.6 ms per throw, 1.5–15 kB of
 * text). We install a stack-trace fetcher that returns a fixed string instead, unless
 * {@code -Dtorch4j.nativeBacktrace=true} asks for the real frames (for debugging LibTorch itself).
 */
public final class NativeErrors {
    /** System property that keeps LibTorch's own C++ backtraces. */
    public static final String BACKTRACE_PROPERTY = "torch4j.nativeBacktrace";

    private static final String FIXED = "(C++ frames omitted; run with -D" + BACKTRACE_PROPERTY + "=true to see them)";

    // JavaCPP holds callbacks weakly: this field keeps the fetcher alive for the JVM's lifetime.
    @SuppressWarnings("unused")
    private static StringSupplier fetcher;

    private NativeErrors() {
    }

    static synchronized void install() {
        if (fetcher != null || Boolean.getBoolean(BACKTRACE_PROPERTY)) {
            return;
        }
        StringSupplier s = new StringSupplier() {
            private final BytePointer text = new BytePointer(FIXED);

            @Override
            public BytePointer call() {
                return text;
            }
        };
        torch.SetStackTraceFetcher(s);
        fetcher = s;
    }

    /**
     * The first meaningful line of a native error message: c10's message without the
     * "Exception raised from …" trailer and frame dump.
     */
    public static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        int cut = m.indexOf("\nException raised from");
        if (cut < 0) {
            cut = m.indexOf("Exception raised from");
        }
        String head = cut >= 0 ? m.substring(0, cut) : m;
        head = head.strip();
        int nl = head.indexOf('\n');
        if (nl >= 0) {
            // some messages carry their detail on the following line; keep the first two joined
            String rest = head.substring(nl + 1).strip();
            int nl2 = rest.indexOf('\n');
            String second = nl2 >= 0 ? rest.substring(0, nl2) : rest;
            head = head.substring(0, nl).strip() + (second.isEmpty() || second.startsWith("frame #") ? "" : " " + second.strip());
        }
        return head.isEmpty() ? e.getClass().getSimpleName() : head;
    }
}
