package org.torch4j.nn.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.bytedeco.pytorch.Edge;
import org.bytedeco.pytorch.EdgeVector;
import org.bytedeco.pytorch.FunctionPostHook;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.TensorVector;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.bindings.CallbackErrors;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.distributed.ReduceOp;
import org.torch4j.distributed.Work;
import org.torch4j.internal.Native;

/**
 * The gradient reducer of {@link DistributedDataParallel}, PyTorch's {@code c10d::Reducer} in
 * Java: a post hook on each parameter's gradient accumulator ({@code AccumulateGrad}) copies the
 * freshly accumulated gradient, divided by the world size, into its slot of a flat bucket; a bucket
 * whose gradients are all ready starts its asynchronous all-reduce at once, while backward goes on
 * with the earlier layers. Buckets launch strictly in bucket order (every rank must issue gloo's
 * collectives in the same order, whatever order its hooks ran in). The hook that launches the last
 * bucket waits for all of them and writes the averages back into {@code .grad}, so
 * {@code loss.backward()} returns with averaged gradients, as in PyTorch.
 *
 * <p>Lifetime: the accumulator nodes are held here (a parameter keeps only a weak reference to its
 * accumulator, so without that every backward would make a fresh one without the hook), and so are
 * the hook objects (JavaCPP keeps a callback only weakly: a collected hook is a
 * NullPointerException from backward). {@link #close()} leaves the hooks on the nodes (removing one
 * while a backward on another thread runs it is a use-after-free) and keeps them reachable for good;
 * a hook that runs on a closed reducer does nothing. All state is under this object's
 * monitor, so close waits for a hook in progress. A DistributedDataParallel dropped without close
 * is closed by the safety net ({@link #closeDropped()}): until then its hooks stay reachable through
 * the safety net's action and go on reducing, so a later backward never meets a collected hook.
 */
final class GradReducer implements AutoCloseable {
    /** PyTorch's {@code dist._DEFAULT_FIRST_BUCKET_BYTES}: the first bucket (last layers) is small, so communication starts early. */
    static final long FIRST_BUCKET_BYTES = 1024 * 1024;

    /** Hooks of closed reducers: still attached to their accumulators as no-ops, so kept reachable (a few objects per parameter). */
    private static final java.util.Queue<Hook> RETIRED = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final List<String> names;
    private final List<Tensor> params;
    private final ProcessGroup group;
    private final int worldSize;
    private final boolean findUnused;

    // bucket layout: bucketOf[i], slot[i] (a view of bucket b's flat tensor with param i's shape)
    private final int[] bucketOf;
    private final Tensor[] slot;
    private final Tensor[] flat;
    private final int[] bucketSize;

    // hooks
    private final Node[] accumulators;
    private final Hook[] hooks;
    private final HashMap<Long, Integer> indexOfAccumulator = new HashMap<>();

    // one round = one synchronised backward
    private boolean active;
    private final boolean[] ready;
    private final boolean[] usedLocally;
    private final int[] pending;
    private int nextBucket;
    private final Work[] works;
    /** Set by prepare (forward or DDP.backward) for the next round: sync or not, and which parameters the output reaches. */
    private Boolean preparedSync;
    private boolean[] preparedReachable;
    private boolean closed;
    /**
     * Depth of this reducer's own methods on the thread that holds its monitor. The safety net of a
     * dropped DistributedDataParallel may run inside one (a tensor allocation there drains the
     * safety net's queue on this thread): it then only asks for the close, done on the way out.
     */
    private int busy;
    private boolean closeWhenDone;
    /** Rounds completed (tests and diagnostics). */
    private long rounds;
    /** Buckets the last completed round had launched before the hook that finished it ran. */
    private int lastEarly;

    GradReducer(List<String> names, List<Tensor> params, ProcessGroup group, int worldSize, long bucketCapBytes,
            boolean findUnused) {
        this.names = names;
        this.params = params;
        this.group = group;
        this.worldSize = worldSize;
        this.findUnused = findUnused;
        int n = params.size();
        bucketOf = new int[n];
        slot = new Tensor[n];
        ready = new boolean[n];
        usedLocally = new boolean[n];
        accumulators = new Node[n];
        hooks = new Hook[n];

        // buckets: parameters in reverse registration order, one dtype per bucket, the first capped at 1 MiB
        List<List<Integer>> layout = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        long bytes = 0;
        DType curType = null;
        for (int i = n - 1; i >= 0; i--) {
            Tensor p = params.get(i);
            long b = p.numel() * p.dtype().itemSize();
            long cap = layout.isEmpty() ? Math.min(FIRST_BUCKET_BYTES, bucketCapBytes) : bucketCapBytes;
            if (!cur.isEmpty() && (bytes + b > cap || curType != p.dtype())) {
                layout.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
            }
            cur.add(i);
            curType = p.dtype();
            bytes += b;
        }
        if (!cur.isEmpty()) {
            layout.add(cur);
        }
        int nb = layout.size();
        flat = new Tensor[nb];
        bucketSize = new int[nb];
        pending = new int[nb];
        works = new Work[nb];
        try {
            for (int b = 0; b < nb; b++) {
                List<Integer> members = layout.get(b);
                long total = 0;
                for (int i : members) {
                    total += params.get(i).numel();
                }
                Tensor first = params.get(members.get(0));
                flat[b] = Torch.zeros(first.device(), first.dtype(), total).unscoped();
                bucketSize[b] = members.size();
                long off = 0;
                for (int i : members) {
                    Tensor p = params.get(i);
                    bucketOf[i] = b;
                    try (Tensor part = flat[b].narrow(0, off, p.numel())) {
                        slot[i] = part.view(p.shape()).unscoped();
                    }
                    off += p.numel();
                }
            }
            for (int i = 0; i < n; i++) {
                attach(i);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Holds parameter i's accumulator and adds the hook to it. */
    private void attach(int i) {
        final String op = "DistributedDataParallel";
        Tensor p = params.get(i);
        org.bytedeco.pytorch.Tensor np = Native.lease(p, op);
        try (org.bytedeco.pytorch.AutoGradMode on = new org.bytedeco.pytorch.AutoGradMode(true);
                org.bytedeco.pytorch.Tensor e = np.expand_as(np);
                Node expand = e.grad_fn();
                Edge edge = expand.next_edge(0)) {
            Node acc = edge.function();
            if (acc == null || acc.isNull()) {
                throw new TorchException(op + ": parameter " + names.get(i) + " has no gradient accumulator (is it a leaf that requires grad?)");
            }
            accumulators[i] = acc;
            indexOfAccumulator.put(acc.address(), i);
            Hook h = new Hook(this, i);
            hooks[i] = h; // held strongly until close: JavaCPP keeps callbacks only weakly
            acc.add_post_hook(h);
        } catch (RuntimeException e) {
            throw Native.fail(e, op, p);
        } finally {
            Native.release(p);
        }
    }

    /** Number of buckets (tests). */
    int bucketCount() {
        return flat.length;
    }

    /** Buckets launched during the last round's backward before its final gradient was ready. */
    synchronized int lastEarlyLaunches() {
        return lastEarly;
    }

    /** Rounds of synchronised backward completed so far. */
    synchronized long rounds() {
        return rounds;
    }

    // ---------------------------------------------------------------- rounds

    /**
     * Before a forward or a backward: fails if the previous round did not finish (PyTorch's
     * "Expected to have finished reduction in the prior iteration"), then records whether the next
     * backward synchronises and, with findUnusedParameters, which parameters {@code output}'s graph
     * reaches (the others are ready at once, with zero or their accumulated gradient).
     */
    synchronized void prepare(boolean sync, Tensor output) {
        if (closed) {
            return;
        }
        busy++;
        try {
            if (active) {
                List<String> missing = notReady();
                abortRound();
                throw new TorchException("DistributedDataParallel: expected to have finished reduction in the prior iteration "
                        + "before starting a new one; parameters that received no gradient: " + missing
                        + (findUnused ? "" : "; construct with findUnusedParameters=true if some parameters are not used in forward"));
            }
            preparedSync = sync;
            preparedReachable = sync && findUnused && output != null ? reachable(output) : null;
        } finally {
            leave();
        }
    }

    /** Before {@code ddp.backward(loss)}: prepares from {@code loss} unless the forward already prepared the same mode. */
    synchronized void prepareForBackward(boolean sync, Tensor loss) {
        if (preparedSync != null && preparedSync == sync && !active) {
            return;
        }
        prepare(sync, loss);
    }

    /** Called after {@code loss.backward()} by {@link DistributedDataParallel#backward}: an unfinished round is an error, or flushed. */
    synchronized void afterBackward() {
        if (closed || !active) {
            preparedSync = null;
            preparedReachable = null;
            return;
        }
        busy++;
        try {
            if (findUnused) {
                // every parameter this rank will mark is marked: the rest count as unused
                for (int i = 0; i < ready.length; i++) {
                    if (!ready[i]) {
                        markReady(i, false);
                    }
                }
                launchReady();
                return;
            }
            List<String> missing = notReady();
            abortRound();
            throw new TorchException("DistributedDataParallel: parameters received no gradient in this backward: " + missing
                    + "; construct with findUnusedParameters=true if some parameters are not used in forward");
        } finally {
            leave();
        }
    }

    /** The hook: parameter i's gradient was just accumulated. */
    synchronized void onGradient(int i) {
        if (closed) {
            return;
        }
        busy++;
        try {
            if (!active) {
                boolean sync = preparedSync != null ? preparedSync : true;
                if (!sync) {
                    return; // noSync: local accumulation only
                }
                startRound();
            }
            if (ready[i]) {
                abortRound();
                throw new TorchException("DistributedDataParallel: expected to mark parameter " + names.get(i)
                        + " ready only once in one backward (a second backward through a retained graph before the reduction finished?)");
            }
            try {
                int before = nextBucket;
                markReady(i, true);
                launchReady();
                if (!active) {
                    lastEarly = before;
                }
            } catch (RuntimeException e) {
                abortRound();
                throw e;
            }
        } finally {
            leave();
        }
    }

    /** Leaves one of the methods above: a close the safety net asked for meanwhile happens now. */
    private void leave() {
        if (--busy == 0 && closeWhenDone) {
            close();
        }
    }

    private void startRound() {
        active = true;
        Arrays.fill(ready, false);
        Arrays.fill(usedLocally, false);
        System.arraycopy(bucketSize, 0, pending, 0, pending.length);
        Arrays.fill(works, null);
        nextBucket = 0;
        boolean[] reach = preparedReachable;
        preparedSync = null;
        preparedReachable = null;
        if (reach != null) {
            for (int i = 0; i < reach.length; i++) {
                if (!reach[i]) {
                    markReady(i, false);
                }
            }
        }
    }

    /** Copies parameter i's gradient (or zeros) divided by the world size into its slot. */
    private void markReady(int i, boolean used) {
        ready[i] = true;
        usedLocally[i] = used;
        Tensor g = params.get(i).grad();
        if (g == null) {
            slot[i].zero_();
        } else {
            try {
                slot[i].copy_(g);
            } finally {
                g.close();
            }
        }
        pending[bucketOf[i]]--;
    }

    /** Launches, in bucket order, every bucket whose gradients are all ready; after the last, finishes the round. */
    private void launchReady() {
        while (nextBucket < flat.length && pending[nextBucket] == 0) {
            int b = nextBucket++;
            flat[b].div_(worldSize);
            works[b] = Dist.allReduceAsyncUnchecked(flat[b], ReduceOp.SUM, group);
        }
        if (nextBucket == flat.length) {
            finish();
        }
    }

    /** Waits for every bucket and writes the averaged gradients back (globally unused parameters keep theirs). */
    private void finish() {
        boolean[] globallyUsed = null;
        if (findUnused && !params.isEmpty()) {
            float[] mask = new float[params.size()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = usedLocally[i] ? 1 : 0;
            }
            try (Tensor cpu = Torch.tensor(mask, mask.length); Tensor m = cpu.to(params.get(0).device())) {
                Dist.allReduce(m, ReduceOp.SUM, group); // on the parameters' device: nccl moves CUDA tensors only
                float[] all = m.toFloatArray();
                globallyUsed = new boolean[all.length];
                for (int i = 0; i < all.length; i++) {
                    globallyUsed[i] = all[i] > 0;
                }
            }
        }
        for (Work w : works) {
            w.waitFor();
        }
        for (int i = 0; i < params.size(); i++) {
            if (globallyUsed != null && !globallyUsed[i]) {
                continue; // unused on every rank: PyTorch leaves .grad as it was
            }
            Tensor p = params.get(i);
            Tensor g = p.grad();
            if (g == null) {
                try (Tensor c = slot[i].clone()) {
                    p.setGrad(c);
                }
            } else {
                try {
                    g.copy_(slot[i]);
                } finally {
                    g.close();
                }
            }
        }
        active = false;
        Arrays.fill(works, null);
        rounds++;
    }

    /** Ends a broken round: waits (bounded by the group timeout) for what was launched, so no collective is left in flight. */
    private void abortRound() {
        for (int b = 0; b < works.length; b++) {
            if (works[b] != null) {
                try {
                    works[b].waitFor();
                } catch (RuntimeException ignored) {
                    // the round is being abandoned: its failure was or will be reported by the caller
                }
                works[b] = null;
            }
        }
        active = false;
        preparedSync = null;
        preparedReachable = null;
    }

    private List<String> notReady() {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < ready.length; i++) {
            if (!ready[i]) {
                missing.add(names.get(i));
            }
        }
        return missing;
    }

    /** Which parameters' accumulators {@code output}'s autograd graph reaches (PyTorch's prepare_for_backward traversal). */
    private boolean[] reachable(Tensor output) {
        boolean[] seen = new boolean[params.size()];
        org.bytedeco.pytorch.Tensor root = Native.lease(output, "DistributedDataParallel");
        try {
            java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
            java.util.HashSet<Long> visited = new java.util.HashSet<>();
            Node start = root.grad_fn();
            if (start == null || start.isNull()) {
                return seen; // no graph: nothing is used
            }
            todo.push(start);
            visited.add(start.address());
            while (!todo.isEmpty()) {
                try (Node node = todo.pop(); EdgeVector edges = node.next_edges()) {
                    Integer idx = indexOfAccumulator.get(node.address());
                    if (idx != null) {
                        seen[idx] = true;
                        continue;
                    }
                    for (long k = 0; k < edges.size(); k++) {
                        Node f = edges.get(k).function();
                        if (f == null || f.isNull() || !visited.add(f.address())) {
                            if (f != null) {
                                f.close();
                            }
                            continue;
                        }
                        todo.push(f);
                    }
                }
            }
            return seen;
        } catch (RuntimeException e) {
            throw Native.fail(e, "DistributedDataParallel", output);
        } finally {
            Native.release(output);
        }
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * The safety net of a DistributedDataParallel dropped without close (run by the tensors' safety
     * net, on its thread or on an allocating one): {@link #close()} now, or, when it runs inside one
     * of this reducer's methods on the same thread, as that method returns.
     */
    synchronized void closeDropped() {
        if (busy > 0) {
            closeWhenDone = true;
        } else {
            close();
        }
    }

    /** Turns the hooks into no-ops, frees the accumulators' references and the buckets. Idempotent; waits for a hook in progress. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (active) {
            abortRound();
        }
        for (int i = 0; i < accumulators.length; i++) {
            Node acc = accumulators[i];
            if (acc != null) {
                if (hooks[i] != null) {
                    // Not del_post_hook: a backward on another thread may be inside this very hook (waiting
                    // for this monitor) or walking the node's hook list, and deleting the native hook under
                    // it crashed the JVM (the DDP close race in DistributedTest). The hook stays on the node
                    // as a no-op (closed) and its Java object stays reachable for as long as the node may call it.
                    RETIRED.add(hooks[i]);
                }
                acc.close();
                accumulators[i] = null;
            }
            hooks[i] = null;
            if (slot[i] != null) {
                slot[i].close();
            }
        }
        for (Tensor f : flat) {
            if (f != null) {
                f.close();
            }
        }
    }

    /**
     * The post hook on one accumulator. It must not throw a raw exception through C++ without its
     * cause: errors go through {@link CallbackErrors}, so {@code loss.backward()} throws a
     * TorchException whose cause is the original.
     */
    private static final class Hook extends FunctionPostHook {
        private final GradReducer reducer;
        private final int index;

        Hook(GradReducer reducer, int index) {
            this.reducer = reducer;
            this.index = index;
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            try {
                reducer.onGradient(index);
            } catch (Throwable t) {
                throw CallbackErrors.escape(t, "DistributedDataParallel gradient hook: " + t);
            }
            return outputs;
        }
    }
}
