package org.torch4j.samples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a long training run: on standard error (so it never enters the lines the
 * parity verdict compares), at most once a second and only once the run has taken more than a
 * second, {@code [step 10] epoch 3/6, batch 5/8, 2.1 s}.
 */
final class Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final Sample sample;
    private final int epochs;
    private final int batches;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastShown = start;
    private boolean shown;

    Progress(Sample sample, int epochs, int batchesPerEpoch) {
        this(sample, epochs, batchesPerEpoch, System.err);
    }

    Progress(Sample sample, int epochs, int batchesPerEpoch, PrintStream err) {
        this.sample = sample;
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
        this.err = err;
    }

    /** Called after each batch; prints when a second has passed since the last line. */
    void batch(int epoch, int batch) {
        long now = System.nanoTime();
        if (now - lastShown >= QUIET_NANOS) {
            lastShown = now;
            shown = true;
            err.printf(Locale.ROOT, "[step %d] epoch %d/%d, batch %d/%d, %.1f s%n", sample.step(), epoch, epochs, batch, batches,
                    (now - start) / 1e9);
        }
    }

    /** Ends the run: a last line with the total time, if progress was shown at all. */
    void done() {
        if (shown) {
            err.printf(Locale.ROOT, "[step %d] %d epochs done, %.1f s%n", sample.step(), epochs, (System.nanoTime() - start) / 1e9);
        }
    }
}
