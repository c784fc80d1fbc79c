package org.torch4j.distributed;

import java.time.Duration;
import java.util.List;
import org.torch4j.TorchException;
import org.torch4j.internal.Native;
import org.torch4j.internal.NativeLifetime;

/**
 * {@code torch.distributed.ProcessGroup}: the default group made by {@link Dist#initProcessGroup}
 * or a subgroup made by {@link Dist#newGroup}. Ranks passed to collectives (src, dst) are global
 * ranks, as in PyTorch. On a rank that is not a member, collectives on the group do nothing (PyTorch
 * warns and returns) and {@link #rank()} is -1.
 */
public final class ProcessGroup {
    private final org.bytedeco.pytorch.Backend backend;
    private final String backendName;
    private final int[] ranks;
    private final int groupRank;
    private final Duration timeout;
    private final Liveness liveness;
    private volatile boolean destroyed;
    /** Keeps the backend alive while a call on it runs: a destroy on another thread frees it afterwards. */
    private final NativeLifetime lifetime;

    ProcessGroup(org.bytedeco.pytorch.Backend backend, String backendName, int[] ranks, int groupRank, Duration timeout,
            Liveness liveness) {
        this.backend = backend;
        this.backendName = backendName;
        this.ranks = ranks.clone();
        this.groupRank = groupRank;
        this.timeout = timeout;
        this.liveness = liveness;
        this.lifetime = backend == null ? null : new NativeLifetime(backend::close,
                () -> new TorchException("the process group was destroyed (destroyProcessGroup); call initProcessGroup first"));
    }

    /** This process's rank in the group, or -1 if it is not a member. */
    public int rank() {
        return groupRank;
    }

    /** Number of ranks in the group. */
    public int size() {
        return ranks.length;
    }

    /** The global ranks of the members, in group-rank order. */
    public List<Integer> ranks() {
        return java.util.Arrays.stream(ranks).boxed().toList();
    }

    /** The timeout every wait on this group uses. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code get_backend(group)}: "gloo" or "nccl". */
    public String backendName() {
        return backendName;
    }

    boolean isNccl() {
        return Backends.NCCL.equals(backendName);
    }

    boolean isMember() {
        return groupRank >= 0;
    }

    /**
     * {@code call} on the live native backend, which a destroy on another thread frees only after
     * {@code call} returned (a collective that started completes or fails, never runs on freed
     * memory). After destroy: a TorchException (PyTorch: RuntimeError).
     */
    <T> T call(String op, java.util.function.Function<org.bytedeco.pytorch.Backend, T> call) {
        if (destroyed || lifetime == null) {
            throw new TorchException(op + ": the process group was destroyed (destroyProcessGroup); call initProcessGroup first");
        }
        lifetime.lease();
        try {
            return call.apply(backend);
        } finally {
            lifetime.release();
        }
    }

    /** The group rank of global rank {@code global}; IAE naming op if it is not a member. */
    int groupRankOf(int global, String op) {
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == global) {
                return i;
            }
        }
        throw new IllegalArgumentException(op + ": global rank " + global + " is not part of the group " + ranks());
    }

    /** Marks the group unusable and frees the native backend (its threads and connections). */
    void markDestroyed() {
        destroyed = true;
        if (lifetime != null) {
            lifetime.close(); // now, or when the last call in flight returns
        }
    }

    boolean isDestroyed() {
        return destroyed;
    }

    /** A native failure of {@code op} as a TorchException; a lost peer is named when the heartbeats tell. */
    RuntimeException failure(RuntimeException e, String op) {
        if (e.getClass() != RuntimeException.class) {
            return e; // a Java exception, or a TorchException already diagnosed
        }
        RuntimeException base = Native.fail(e, op);
        if (!(base instanceof TorchException) || liveness == null) {
            return base;
        }
        String msg = stripSourcePrefix(base.getMessage());
        List<Integer> lost = liveness.lostRanks();
        if (!lost.isEmpty()) {
            return new TorchException(op + ": lost rank" + (lost.size() > 1 ? "s " : " ") + join(lost)
                    + " (heartbeat stopped: the process died or froze); " + msg, e);
        }
        return new TorchException(msg, e);
    }

    /** {@code op} did not end within {@code t}. */
    TorchException timedOut(String op, Duration t) {
        List<Integer> lost = liveness == null ? List.of() : liveness.lostRanks();
        return new TorchException(op + ": timed out after " + t.toMillis() + " ms"
                + (lost.isEmpty() ? " (every rank is alive: some rank did not call the same collective)"
                        : "; lost rank" + (lost.size() > 1 ? "s " : " ") + join(lost)));
    }

    private static String join(List<Integer> l) {
        StringBuilder b = new StringBuilder();
        for (int r : l) {
            b.append(b.length() == 0 ? "" : ", ").append(r);
        }
        return b.toString();
    }

    /** Gloo's messages start with "[/long/build/path/pair.cc:547] ": keep the text only. */
    static String stripSourcePrefix(String m) {
        return m.replaceAll("\\[/[^\\]]*\\] ", "");
    }
}
