package org.torch4j.distributed;

/** The failure count the DDP scenario adds to (DistWorkerMain exits with it). */
final class DistWorkerMainFailures {
    static int failures;

    private DistWorkerMainFailures() {
    }

    static void count(boolean ok) {
        if (!ok) {
            failures++;
        }
    }
}
