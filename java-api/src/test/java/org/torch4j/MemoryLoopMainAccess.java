package org.torch4j;

import java.io.IOException;

/** {@link MemoryLoopMain#rssKb()} for forked mains in other packages. */
public final class MemoryLoopMainAccess {
    private MemoryLoopMainAccess() {
    }

    public static long rssKb() throws IOException {
        return MemoryLoopMain.rssKb();
    }
}
