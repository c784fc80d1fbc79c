package org.torch4j.nn.parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.distributed.ReduceOp;
import org.torch4j.distributed.Work;
import org.torch4j.internal.Native;
import org.torch4j.nn.Module;

/**
 * {@code torch.nn.parallel.DistributedDataParallel(module, process_group, bucket_cap_mb=25,
 * find_unused_parameters=False, broadcast_buffers=True)}: data-parallel training over a process
 * group. At construction rank 0's parameters and buffers are broadcast to every rank (which also
 * verifies that every rank has the same parameter shapes); each forward re-broadcasts the buffers
 * (broadcast_buffers). Gradients are averaged over the ranks <em>while backward runs</em>, as
 * PyTorch's Reducer does: a hook on each parameter's gradient accumulator fills flat buckets
 * (parameters in reverse order, at most bucket_cap_mb each, the first at most 1 MiB), and each full
 * bucket starts its asynchronous all-reduce at once; {@code loss.backward()} returns after every
 * bucket was waited for and written back, so every rank holds the same gradients and an optimizer
 * step keeps the replicas identical (see {@link GradReducer}).
 *
 * <pre>{@code
 * DistributedDataParallel ddp = new DistributedDataParallel(model);
 * Tensor loss = lossFn.forward(ddp.forward(x), y);
 * loss.backward();               // or ddp.backward(loss): same result, plus a check that every bucket ran
 * opt.step();
 * }</pre>
 *
 * <p>Averaging is PyTorch's: each gradient is divided by the world size, then summed. Results do
 * not depend on the bucket size (the reduction is element-wise).
 *
 * <p>{@link #noSync()} is {@code no_sync()}: a forward and backward inside it accumulate local
 * gradients only; the first synchronised backward after it averages the accumulated ones. With
 * {@code findUnusedParameters}, the forward output's graph is traversed to find the parameters it
 * does not reach; they count as zero on this rank (one extra small all-reduce of a used-mask per
 * step), and parameters unused on every rank keep their gradient as it was (None), as in PyTorch.
 * Without it, a parameter that gets no gradient leaves the reduction unfinished: {@link #backward}
 * throws at once, a plain {@code loss.backward()} makes the next forward throw, naming the parameters.
 */
public final class DistributedDataParallel extends Module {
    private final Module module;
    private final ProcessGroup group;
    private final long bucketCapBytes;
    private final boolean findUnusedParameters;
    private final boolean broadcastBuffers;
    private final List<String> names = new ArrayList<>();
    private final List<Tensor> params = new ArrayList<>();
    private volatile boolean requireSync = true;
    private final GradReducer reducer;
    /**
     * Closes the reducer of a DDP dropped without close (its hooks hold the reducer, never this
     * object, so the DDP can become unreachable while its hooks are still on the accumulators: the
     * action keeps them reachable until it turns them into no-ops). The wrapped module is not closed.
     */
    private final java.lang.ref.Cleaner.Cleanable safetyNet;

    /** {@code DistributedDataParallel(module)} over the default group: 25 MB buckets, buffers broadcast. */
    public DistributedDataParallel(Module module) {
        this(module, null, 25, false, true);
    }

    /**
     * {@code DistributedDataParallel(module, process_group=group, bucket_cap_mb=bucketCapMb,
     * find_unused_parameters=..., broadcast_buffers=...)}; a null group is the default one.
     * Collective: every rank of the group must construct it.
     */
    public DistributedDataParallel(Module module, ProcessGroup group, double bucketCapMb, boolean findUnusedParameters,
            boolean broadcastBuffers) {
        if (module == null) {
            throw new NullPointerException("DistributedDataParallel: module is null");
        }
        if (!(bucketCapMb > 0)) {
            throw new IllegalArgumentException("DistributedDataParallel: bucket_cap_mb must be positive, got " + bucketCapMb);
        }
        this.module = registerModule("module", module);
        this.group = group;
        this.bucketCapBytes = Math.max(1, (long) (bucketCapMb * 1024 * 1024));
        this.findUnusedParameters = findUnusedParameters;
        this.broadcastBuffers = broadcastBuffers;
        for (Map.Entry<String, Tensor> e : module.namedParameters().entrySet()) {
            if (e.getValue().requiresGrad()) {
                names.add(e.getKey());
                params.add(e.getValue());
            }
        }
        syncFromRank0(module.parameters());
        syncFromRank0(module.buffers());
        GradReducer r = new GradReducer(names, params, group, worldSize(), bucketCapBytes, findUnusedParameters);
        this.reducer = r;
        this.safetyNet = Native.track(this, r::closeDropped, 0);
    }

    /** The wrapped module ({@code ddp.module}). */
    public Module module() {
        return module;
    }

    /**
     * Not copyable: building a DistributedDataParallel broadcasts rank 0's state over the process
     * group, a collective every rank would have to join. Deep-copy {@link #module()} instead (what an
     * EMA or teacher copy of a DDP model wants anyway).
     */
    @Override
    protected Module newInstance() {
        throw new UnsupportedOperationException("DistributedDataParallel does not support deepCopy(): its constructor broadcasts over the "
                + "process group, which every rank would have to join; deep-copy ddp.module() instead");
    }

    private int worldSize() {
        return group == null ? Dist.getWorldSize() : Dist.getWorldSize(group);
    }

    private int rank0() {
        return group == null ? 0 : group.ranks().get(0);
    }

    /** Broadcasts the tensors' data from the group's first rank, one flattened tensor per dtype. */
    private void syncFromRank0(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            return;
        }
        Map<DType, List<Tensor>> byType = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            byType.computeIfAbsent(t.dtype(), k -> new ArrayList<>()).add(t);
        }
        try (Scope s = Scope.open()) {
            for (List<Tensor> ts : byType.values()) {
                List<Tensor> flat = new ArrayList<>();
                for (Tensor t : ts) {
                    flat.add(t.detach().reshape(-1));
                }
                Tensor all = Torch.cat(flat, 0);
                Dist.broadcast(all, rank0(), group); // checked: a parameter count/shape mismatch fails here
                long off = 0;
                for (Tensor t : ts) {
                    long n = t.numel();
                    t.detach().copy_(all.narrow(0, off, n).view(t.shape()));
                    off += n;
                }
            }
        }
    }

    /** The wrapped module's forward (buffers re-broadcast from rank 0 first, in training mode). */
    @Override
    public Tensor forward(Tensor input) {
        preForward();
        return postForward(module.forward(input));
    }

    /** The wrapped module's two-input forward (buffers re-broadcast first, in training mode). */
    @Override
    public Tensor forward(Tensor input1, Tensor input2) {
        preForward();
        return postForward(module.forward(input1, input2));
    }

    /** The wrapped module's n-input forward (buffers re-broadcast first, in training mode). */
    @Override
    public Tensor forward(Tensor... inputs) {
        preForward();
        return postForward(module.forward(inputs));
    }

    private void preForward() {
        checkOpen();
        if (broadcastBuffers && isTraining()) {
            syncFromRank0(module.buffers());
        }
    }

    /** Arms the reducer for the backward of {@code out} (PyTorch's prepare_for_backward). */
    private Tensor postForward(Tensor out) {
        if (isTraining() && out != null && out.requiresGrad()) {
            reducer.prepare(requireSync, out);
        }
        return out;
    }

    /**
     * {@code loss.backward()} followed, outside {@link #noSync()}, by the gradient averaging of
     * {@link #reduceGradients()}.
     */
    public void backward(Tensor loss) {
        checkOpen();
        reducer.prepareForBackward(requireSync, loss);
        loss.backward();
        reducer.afterBackward();
    }

    /** Synchronised backward passes completed so far (each one averaged every bucket). */
    public long reductionCount() {
        return reducer.rounds();
    }

    /**
     * How many buckets the last synchronised backward launched before the gradient that completed
     * it was ready: the communication that overlapped the rest of the backward pass.
     */
    public int lastEarlyLaunches() {
        return reducer.lastEarlyLaunches();
    }

    /** Number of gradient buckets (PyTorch's bucket assignment: reverse order, first bucket at most 1 MiB). */
    public int bucketCount() {
        return reducer.bucketCount();
    }

    /**
     * Removes the gradient hooks and frees the buckets (waiting for a reduction in progress), then
     * closes the wrapped module. A backward through a graph built before the close still runs; it
     * only no longer averages.
     */
    @Override
    public void close() {
        safetyNet.clean(); // reducer.close(), once
        super.close();
    }

    /**
     * Not needed with hooks (kept for explicit use): averages every parameter's gradient over the
     * group in place, after the fact: buckets of at most
     * bucket_cap_mb (parameters in reverse registration order, as PyTorch, one dtype per bucket),
     * all launched asynchronously, then waited for. Collective: every rank must call it.
     */
    public void reduceGradients() {
        int ws = worldSize();
        List<Tensor> grads = new ArrayList<>(params.size());
        List<Tensor> withGrad = new ArrayList<>(params.size());
        try (Scope s = Scope.open()) {
            boolean[] include = usedParameters();
            for (int i = params.size() - 1; i >= 0; i--) {
                if (!include[i]) {
                    continue;
                }
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g == null) {
                    p.setGrad(Torch.zerosLike(p));
                    g = p.grad();
                }
                grads.add(g);
                withGrad.add(p);
            }
            List<List<Tensor>> buckets = new ArrayList<>();
            List<Tensor> cur = new ArrayList<>();
            long bytes = 0;
            for (Tensor g : grads) {
                long b = g.numel() * g.dtype().itemSize();
                if (!cur.isEmpty() && (bytes + b > bucketCapBytes || cur.get(0).dtype() != g.dtype())) {
                    buckets.add(cur);
                    cur = new ArrayList<>();
                    bytes = 0;
                }
                cur.add(g);
                bytes += b;
            }
            if (!cur.isEmpty()) {
                buckets.add(cur);
            }
            List<Tensor> flats = new ArrayList<>(buckets.size());
            List<Work> works = new ArrayList<>(buckets.size());
            for (List<Tensor> bucket : buckets) {
                List<Tensor> parts = new ArrayList<>(bucket.size());
                for (Tensor g : bucket) {
                    parts.add(g.reshape(-1));
                }
                Tensor flat = Torch.cat(parts, 0).div_(ws);
                flats.add(flat);
                works.add(Dist.allReduceAsyncUnchecked(flat, ReduceOp.SUM, group));
            }
            for (int b = 0; b < buckets.size(); b++) {
                works.get(b).waitFor();
                long off = 0;
                for (Tensor g : buckets.get(b)) {
                    long n = g.numel();
                    g.copy_(flats.get(b).narrow(0, off, n).view(g.shape()));
                    off += n;
                }
            }
        }
    }

    /** Which parameters take part in this reduction (identical on every rank). */
    private boolean[] usedParameters() {
        boolean[] used = new boolean[params.size()];
        List<String> missing = new ArrayList<>();
        float[] mask = new float[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Tensor g = params.get(i).grad();
            used[i] = g != null;
            mask[i] = used[i] ? 1 : 0;
            if (!used[i]) {
                missing.add(names.get(i));
            }
        }
        if (!findUnusedParameters) {
            if (!missing.isEmpty()) {
                throw new TorchException("DistributedDataParallel: parameters received no gradient in this backward: "
                        + missing + "; construct with findUnusedParameters=true if some parameters are not used in forward");
            }
            return used;
        }
        if (params.isEmpty()) {
            return used;
        }
        Tensor m = Torch.tensor(mask, mask.length);
        Dist.allReduce(m, ReduceOp.SUM, group);
        float[] global = m.toFloatArray();
        for (int i = 0; i < used.length; i++) {
            used[i] = global[i] > 0;
        }
        return used;
    }

    /**
     * {@code with ddp.no_sync():}: until the returned handle is closed, {@link #backward} only
     * accumulates local gradients. Use with try-with-resources.
     */
    public NoSync noSync() {
        requireSync = false;
        return new NoSync();
    }

    /** The handle of {@link #noSync()}: closing it restores gradient synchronisation. */
    public final class NoSync implements AutoCloseable {
        private NoSync() {
        }

        /** Leaves no_sync: the next {@link DistributedDataParallel#backward} averages the accumulated gradients. */
        @Override
        public void close() {
            requireSync = true;
        }
    }
}
