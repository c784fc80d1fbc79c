package org.torch4j.distributed;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the rank that was lost when a collective fails. Gloo only says "connection closed by
 * peer [ip]:port"; so each rank bumps a counter {@code torch4j/hb/<rank>} in the TCPStore every
 * {@link #PERIOD_MS} on its own store connection, and a rank whose collective failed reads every
 * counter twice, {@link #PROBE_MS} apart: the ranks whose counter stood still are dead (or frozen).
 * If the store itself is unreachable, rank 0 (which hosts it) is the one lost.
 */
final class Liveness {
    static final long PERIOD_MS = 200;
    static final long PROBE_MS = 700;

    private final org.bytedeco.pytorch.Store store;
    private final int rank;
    private final int worldSize;
    private final Thread beat;
    private volatile boolean stopped;
    /** Set, under the store's monitor, when {@link #stop()} freed the connection. */
    private boolean storeClosed;

    /** {@code own}: a connection of its own, freed by {@link #stop()}. */
    Liveness(org.bytedeco.pytorch.Store own, int rank, int worldSize) {
        this.store = own;
        this.rank = rank;
        this.worldSize = worldSize;
        this.beat = new Thread(this::run, "torch4j-dist-heartbeat-" + rank);
        beat.setDaemon(true);
        beat.start();
    }

    private void run() {
        String key = "torch4j/hb/" + rank;
        while (!stopped) {
            try {
                synchronized (store) {
                    if (storeClosed) {
                        return;
                    }
                    store.add(key, 1);
                }
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                return; // the store (rank 0) is gone: the probe will say so
            }
        }
    }

    /** The global ranks that stopped beating, or [0] when the store (on rank 0) is unreachable; never this rank. */
    List<Integer> lostRanks() {
        try {
            long[] before = counters();
            Thread.sleep(PROBE_MS);
            long[] after = counters();
            List<Integer> lost = new ArrayList<>();
            for (int r = 0; r < worldSize; r++) {
                if (r != rank && after[r] == before[r]) {
                    lost.add(r);
                }
            }
            return lost;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (RuntimeException e) {
            return rank == 0 ? List.of() : List.of(0);
        }
    }

    private long[] counters() {
        long[] c = new long[worldSize];
        synchronized (store) {
            if (storeClosed) {
                throw new IllegalStateException("the process group was destroyed");
            }
            for (int r = 0; r < worldSize; r++) {
                c[r] = store.add("torch4j/hb/" + r, 0);
            }
        }
        return c;
    }

    void stop() {
        stopped = true;
        beat.interrupt();
        synchronized (store) { // waits for a heartbeat or probe in progress
            if (!storeClosed) {
                storeClosed = true;
                store.close();
            }
        }
    }
}
