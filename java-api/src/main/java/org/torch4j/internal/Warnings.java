package org.torch4j.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * PyTorch's {@code UserWarning}s, logged through {@link System.Logger} (logger {@code org.torch4j})
 * at WARNING, each kind once per process — as Python's default warning filter shows a warning once
 * per place. LibTorch's own C++ warnings, which print on every call, are avoided where torch4j
 * emits the PyTorch warning itself.
 */
public final class Warnings {
    private static final System.Logger LOG = System.getLogger("org.torch4j");
    private static final ConcurrentHashMap<String, Boolean> SHOWN = new ConcurrentHashMap<>();

    private Warnings() {
    }

    /** Logs {@code message} unless a warning of this {@code kind} was already logged in this process. */
    public static void once(String kind, String message) {
        if (SHOWN.putIfAbsent(kind, Boolean.TRUE) == null) {
            LOG.log(System.Logger.Level.WARNING, "UserWarning: " + message);
        }
    }
}
