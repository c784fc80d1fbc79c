package org.torch4j.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.AllgatherOptions;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BarrierOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.AllToAllOptions;
import org.bytedeco.pytorch.GatherOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.ReduceOptions;
import org.bytedeco.pytorch.PrefixStore;
import org.bytedeco.pytorch.ReduceScatterOptions;
import org.bytedeco.pytorch.ScatterOptions;
import org.bytedeco.pytorch.TensorVector;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.internal.Native;

/**
 * {@code torch.distributed}: c10d process groups and collectives over LibTorch's own gloo backend.
 *
 * <pre>{@code
 * Dist.initProcessGroup("gloo");                 // env://: MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
 * Tensor t = Torch.ones(4).mul(Dist.getRank() + 1);
 * Dist.allReduce(t, ReduceOp.SUM);               // every rank now holds the sum
 * Dist.destroyProcessGroup();
 * }</pre>
 *
 * <p>Every blocking call is bounded by the group's timeout (PyTorch's default, 30 minutes, unless
 * given): a peer that dies makes the others fail with a {@link TorchException} naming the lost rank
 * (see {@link Liveness}), never a hang. Collectives check, by default, that every rank passed a
 * tensor of the same dtype and shape to the same collective (one small all-gather first, like
 * {@code TORCH_DISTRIBUTED_DEBUG=DETAIL}); {@link #setShapeChecks} turns that off. Ranks given as
 * {@code src}/{@code dst} are global ranks. Tensors must be contiguous CPU tensors.
 */
public final class Dist {
    /** PyTorch's default process-group timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private static ProcessGroup world;
    private static TCPStore store;
    private static boolean ownsStore;
    private static Liveness liveness;
    private static int groupCount;
    private static final List<ProcessGroup> subgroups = new java.util.ArrayList<>();
    private static volatile boolean shapeChecks = !"OFF".equalsIgnoreCase(System.getenv("TORCH4J_DISTRIBUTED_DEBUG"));

    private Dist() {
    }

    // ---------------------------------------------------------------- initialisation

    /** {@code init_process_group(backend)} with {@code init_method="env://"} and the default timeout. */
    public static void initProcessGroup(String backend) {
        initProcessGroup(backend, DEFAULT_TIMEOUT);
    }

    /**
     * {@code init_process_group(backend, timeout=timeout)} from the environment: MASTER_ADDR,
     * MASTER_PORT, RANK and WORLD_SIZE (LOCAL_RANK is read by {@link #getLocalRank}). Missing or
     * malformed variables are IllegalArgumentExceptions naming them.
     */
    public static void initProcessGroup(String backend, Duration timeout) {
        initProcessGroup(backend, System.getenv(), timeout);
    }

    /** The env:// form reading {@code env} instead of the process environment (launchers, tests). */
    public static void initProcessGroup(String backend, Map<String, String> env, Duration timeout) {
        String kind = checkBackend(backend);
        checkTimeout(timeout, "initProcessGroup");
        String addr = required(env, "MASTER_ADDR");
        int port = intVar(env, "MASTER_PORT");
        int rank = intVar(env, "RANK");
        int ws = intVar(env, "WORLD_SIZE");
        checkRank(rank, ws);
        TCPStore s = new TCPStore(addr, port, ws, rank == 0, timeout);
        try {
            init(kind, s, true, rank, ws, timeout, addr);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** {@code init_process_group(backend, store=store, rank=rank, world_size=worldSize, timeout=timeout)}. */
    public static void initProcessGroup(String backend, TCPStore store, int rank, int worldSize, Duration timeout) {
        String kind = checkBackend(backend);
        checkTimeout(timeout, "initProcessGroup");
        if (store == null) {
            throw new NullPointerException("initProcessGroup: store is null");
        }
        checkRank(rank, worldSize);
        init(kind, store, false, rank, worldSize, timeout, store.host());
    }

    private static synchronized void init(String kind, TCPStore s, boolean owns, int rank, int ws, Duration timeout, String host) {
        if (world != null) {
            throw new IllegalStateException("initProcessGroup: trying to initialize the default process group twice");
        }
        rendezvousChecks(s, rank, ws);
        org.bytedeco.pytorch.Backend pg;
        try {
            pg = Backends.create(kind, prefixed(s, "default_pg/"), rank, ws, timeout, host);
        } catch (TorchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TorchException("initProcessGroup: " + kind + " rendezvous failed for rank " + rank + " of " + ws
                    + " within " + timeout.toMillis() + " ms (" + missingRanks(s, ws) + "): "
                    + ProcessGroup.stripSourcePrefix(TCPStore.firstLine(e.getMessage())), e);
        }
        int[] all = new int[ws];
        for (int i = 0; i < ws; i++) {
            all[i] = i;
        }
        liveness = new Liveness(s.connect("initProcessGroup"), rank, ws);
        world = new ProcessGroup(pg, kind, all, rank, timeout, liveness);
        store = s;
        ownsStore = owns;
        groupCount = 0;
    }

    /**
     * A PrefixStore over {@code s} that LibTorch owns. The presets allocate TCPStore and PrefixStore
     * with plain {@code new} (not as intrusive_ptr): passing such an object where c10 takes an
     * intrusive_ptr adopts it (a second pass aborts the JVM: "Newly-created target had non-zero
     * refcounts", and Java's deallocator would free it twice). {@code clone()} returns objects
     * created by make_intrusive, which can be passed any number of times; the raw ones stay with Java.
     */
    private static org.bytedeco.pytorch.Store prefixed(TCPStore s, String prefix) {
        org.bytedeco.pytorch.Store base = s.connect("initProcessGroup");
        try (PrefixStore raw = new PrefixStore(prefix, base)) {
            return raw.clone();
        } finally {
            base.close();
        }
    }

    /** Duplicate RANK and disagreeing WORLD_SIZE fail here, clearly, instead of hanging in gloo. */
    private static void rendezvousChecks(TCPStore s, int rank, int ws) {
        long seen = s.add("torch4j/init/rank/" + rank, 1);
        if (seen > 1) {
            throw new TorchException("initProcessGroup: RANK " + rank + " was already taken by another process (duplicate RANK)");
        }
        s.add("torch4j/init/joined", 1);
        if (rank == 0) {
            s.set("torch4j/init/world_size", Integer.toString(ws));
        }
        String master;
        try {
            master = s.get("torch4j/init/world_size");
        } catch (TorchException e) {
            throw new TorchException("initProcessGroup: rank 0 did not join within the timeout (rank " + rank
                    + ", WORLD_SIZE " + ws + "): " + e.getMessage(), e);
        }
        if (Integer.parseInt(master.trim()) != ws) {
            throw new TorchException("initProcessGroup: WORLD_SIZE mismatch: rank 0 has WORLD_SIZE=" + master
                    + ", rank " + rank + " has WORLD_SIZE=" + ws);
        }
    }

    private static String missingRanks(TCPStore s, int ws) {
        try {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < ws; r++) {
                if (s.add("torch4j/init/rank/" + r, 0) == 0) {
                    b.append(b.length() == 0 ? "" : ", ").append(r);
                }
            }
            return b.length() == 0 ? "every rank joined the store" : "ranks that never joined: " + b;
        } catch (RuntimeException e) {
            return "store unreachable";
        }
    }

    /** The normalized backend name; nccl without GPUs is a TorchException saying why. */
    private static String checkBackend(String backend) {
        String kind = Backends.normalize(backend);
        Backends.checkUsable(kind);
        return kind;
    }

    static void checkTimeout(Duration timeout, String op) {
        if (timeout == null) {
            throw new NullPointerException(op + ": timeout is null");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(op + ": timeout must be positive, got " + timeout);
        }
    }

    private static void checkRank(int rank, int ws) {
        if (ws < 1) {
            throw new IllegalArgumentException("initProcessGroup: WORLD_SIZE must be >= 1, got " + ws);
        }
        if (rank < 0 || rank >= ws) {
            throw new IllegalArgumentException("initProcessGroup: RANK must be in [0, WORLD_SIZE=" + ws + "), got " + rank);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("initProcessGroup(env://): environment variable " + name + " is not set");
        }
        return v;
    }

    private static int intVar(Map<String, String> env, String name) {
        String v = required(env, name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("initProcessGroup(env://): " + name + " must be an integer, got '" + v + "'");
        }
    }

    /** {@code is_initialized()}. */
    public static synchronized boolean isInitialized() {
        return world != null;
    }

    /** {@code get_backend()}: the default group's backend, "gloo" or "nccl". */
    public static String getBackend() {
        return defaultGroup("getBackend").backendName();
    }

    /** {@code get_rank()}: this process's global rank. */
    public static int getRank() {
        return defaultGroup("getRank").rank();
    }

    /** {@code get_rank(group)}: this process's rank in {@code group}, -1 if not a member. */
    public static int getRank(ProcessGroup group) {
        return group(group, "getRank").rank();
    }

    /** {@code get_world_size()}. */
    public static int getWorldSize() {
        return defaultGroup("getWorldSize").size();
    }

    /** {@code get_world_size(group)}. */
    public static int getWorldSize(ProcessGroup group) {
        return group(group, "getWorldSize").size();
    }

    /** LOCAL_RANK from the environment (set by the launcher), 0 when unset. */
    public static int getLocalRank() {
        String v = System.getenv("LOCAL_RANK");
        return v == null || v.isEmpty() ? 0 : Integer.parseInt(v.trim());
    }

    /** Turns the cross-rank dtype/shape check before every collective on or off (default on). */
    public static void setShapeChecks(boolean on) {
        shapeChecks = on;
    }

    /**
     * {@code destroy_process_group()}: frees the default group and every subgroup; collectives
     * afterwards are TorchExceptions. Call on every rank.
     */
    public static synchronized void destroyProcessGroup() {
        if (world == null) {
            throw new TorchException("destroyProcessGroup: default process group has not been initialized");
        }
        liveness.stop();
        for (ProcessGroup g : subgroups) {
            g.markDestroyed();
        }
        subgroups.clear();
        world.markDestroyed();
        world = null;
        if (ownsStore) {
            store.close();
        }
        store = null;
        liveness = null;
    }

    /**
     * {@code new_group(ranks)}: a group over a subset of the global ranks. Every rank must call it,
     * in the same order, members or not (as in PyTorch); the group shares the default timeout.
     */
    public static synchronized ProcessGroup newGroup(int... ranks) {
        ProcessGroup w = defaultGroup("newGroup");
        int[] rs = ranks == null || ranks.length == 0 ? new int[0] : ranks.clone();
        if (rs.length == 0) {
            rs = new int[w.size()];
            for (int i = 0; i < rs.length; i++) {
                rs[i] = i;
            }
        }
        java.util.Arrays.sort(rs);
        for (int i = 0; i < rs.length; i++) {
            if (rs[i] < 0 || rs[i] >= w.size() || (i > 0 && rs[i] == rs[i - 1])) {
                throw new IllegalArgumentException("newGroup: ranks must be distinct global ranks in [0, "
                        + w.size() + "), got " + java.util.Arrays.toString(ranks));
            }
        }
        int me = w.rank();
        int groupRank = java.util.Arrays.binarySearch(rs, me);
        String name = "group_" + (++groupCount) + "/";
        if (groupRank < 0) {
            ProcessGroup g = new ProcessGroup(null, w.backendName(), rs, -1, w.timeout(), liveness);
            subgroups.add(g);
            return g;
        }
        try {
            org.bytedeco.pytorch.Backend pg = Backends.create(w.backendName(), prefixed(store, name), groupRank, rs.length,
                    w.timeout(), store.host());
            ProcessGroup g = new ProcessGroup(pg, w.backendName(), rs, groupRank, w.timeout(), liveness);
            subgroups.add(g);
            return g;
        } catch (RuntimeException e) {
            throw w.failure(e, "newGroup");
        }
    }

    private static synchronized ProcessGroup defaultGroup(String op) {
        if (world == null) {
            throw new TorchException(op + ": default process group has not been initialized, please make sure to call initProcessGroup");
        }
        return world;
    }

    private static ProcessGroup group(ProcessGroup g, String op) {
        if (g == null) {
            return defaultGroup(op);
        }
        if (g.isDestroyed()) {
            throw new TorchException(op + ": the process group was destroyed (destroyProcessGroup)");
        }
        return g;
    }

    // ---------------------------------------------------------------- collectives

    /** {@code all_reduce(tensor)} with SUM. */
    public static void allReduce(Tensor tensor) {
        allReduceAsync(tensor, ReduceOp.SUM, null).waitFor();
    }

    /** {@code all_reduce(tensor, op)}: in place, every rank ends with the reduction over all ranks. */
    public static void allReduce(Tensor tensor, ReduceOp op) {
        allReduceAsync(tensor, op, null).waitFor();
    }

    /** {@code all_reduce(tensor, op, group)}. */
    public static void allReduce(Tensor tensor, ReduceOp op, ProcessGroup group) {
        allReduceAsync(tensor, op, group).waitFor();
    }

    /** {@code all_reduce(tensor, op, async_op=True)}. */
    public static Work allReduceAsync(Tensor tensor, ReduceOp op) {
        return allReduceAsync(tensor, op, null);
    }

    /** {@code all_reduce(tensor, op, group, async_op=True)}; a null group is the default group. */
    public static Work allReduceAsync(Tensor tensor, ReduceOp op, ProcessGroup group) {
        final String name = "allReduce";
        ProcessGroup g = group(group, name);
        if (op == null) {
            throw new NullPointerException(name + ": op is null");
        }
        if (!g.isMember()) {
            return Work.completed(name);
        }
        check(g, name, 1 + op.ordinal(), -1, tensor);
        org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
        try (AllreduceOptions o = new AllreduceOptions(); org.bytedeco.pytorch.ReduceOp r = op.toNative()) {
            o.reduceOp(r);
            TensorVector v = new TensorVector(n);
            return new Work(g.call(name, b -> b.allreduce(v, o)), g, name, v);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.release(tensor);
        }
    }

    /**
     * {@link #allReduceAsync(Tensor, ReduceOp, ProcessGroup)} without the cross-rank shape check:
     * for callers that verified their tensors' shapes across ranks once (DistributedDataParallel's
     * gradient buckets), so each bucket costs one collective, not two.
     */
    public static Work allReduceAsyncUnchecked(Tensor tensor, ReduceOp op, ProcessGroup group) {
        boolean was = shapeChecks;
        if (!was) {
            return allReduceAsync(tensor, op, group);
        }
        final String name = "allReduce";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
        try (AllreduceOptions o = new AllreduceOptions(); org.bytedeco.pytorch.ReduceOp r = op.toNative()) {
            o.reduceOp(r);
            TensorVector v = new TensorVector(n);
            return new Work(g.call(name, b -> b.allreduce(v, o)), g, name, v);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.release(tensor);
        }
    }

    /** {@code broadcast(tensor, src)}: every rank's tensor becomes rank {@code src}'s. */
    public static void broadcast(Tensor tensor, int src) {
        broadcastAsync(tensor, src, null).waitFor();
    }

    /** {@code broadcast(tensor, src, group)}. */
    public static void broadcast(Tensor tensor, int src, ProcessGroup group) {
        broadcastAsync(tensor, src, group).waitFor();
    }

    /** {@code broadcast(tensor, src, async_op=True)}. */
    public static Work broadcastAsync(Tensor tensor, int src) {
        return broadcastAsync(tensor, src, null);
    }

    /** {@code broadcast(tensor, src, group, async_op=True)}. */
    public static Work broadcastAsync(Tensor tensor, int src, ProcessGroup group) {
        final String name = "broadcast";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        int root = g.groupRankOf(src, name);
        check(g, name, 20, root, tensor);
        org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
        try (BroadcastOptions o = new BroadcastOptions()) {
            o.rootRank(root);
            TensorVector v = new TensorVector(n);
            return new Work(g.call(name, b -> b.broadcast(v, o)), g, name, v);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.release(tensor);
        }
    }

    /** {@code all_gather(tensor_list, tensor)}: {@code tensorList.get(i)} receives rank i's tensor. */
    public static void allGather(List<Tensor> tensorList, Tensor tensor) {
        allGatherAsync(tensorList, tensor, null).waitFor();
    }

    /** {@code all_gather(tensor_list, tensor, group)}. */
    public static void allGather(List<Tensor> tensorList, Tensor tensor, ProcessGroup group) {
        allGatherAsync(tensorList, tensor, group).waitFor();
    }

    /** {@code all_gather(tensor_list, tensor, group, async_op=True)}. */
    public static Work allGatherAsync(List<Tensor> tensorList, Tensor tensor, ProcessGroup group) {
        final String name = "allGather";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        listSize(tensorList, g.size(), name, "tensor_list");
        check(g, name, 21, -1, tensor);
        Tensor[] outs = tensorList.toArray(new Tensor[0]);
        org.bytedeco.pytorch.Tensor[] no = Native.leaseAll(outs, name);
        try {
            org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
            try (AllgatherOptions o = new AllgatherOptions()) {
                TensorVector out = new TensorVector(no);
                TensorVector in = new TensorVector(n);
                return new Work(g.call(name, b -> b.allgather(out, in, o)), g, name, new Object[] {out, in});
            } finally {
                Native.release(tensor);
            }
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.releaseAll(outs);
        }
    }

    /**
     * {@code reduce_scatter(output, input_list, op)}: rank i's {@code output} becomes the reduction
     * over all ranks of their {@code inputList.get(i)}.
     */
    public static void reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op) {
        reduceScatterAsync(output, inputList, op, null).waitFor();
    }

    /** {@code reduce_scatter(output, input_list, op, group)}. */
    public static void reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op, ProcessGroup group) {
        reduceScatterAsync(output, inputList, op, group).waitFor();
    }

    /** {@code reduce_scatter(output, input_list, op, group, async_op=True)}. */
    public static Work reduceScatterAsync(Tensor output, List<Tensor> inputList, ReduceOp op, ProcessGroup group) {
        final String name = "reduceScatter";
        ProcessGroup g = group(group, name);
        if (op == null) {
            throw new NullPointerException(name + ": op is null");
        }
        if (!g.isMember()) {
            return Work.completed(name);
        }
        listSize(inputList, g.size(), name, "input_list");
        check(g, name, 30 + op.ordinal(), -1, output);
        Tensor[] ins = inputList.toArray(new Tensor[0]);
        org.bytedeco.pytorch.Tensor[] ni = Native.leaseAll(ins, name);
        try {
            org.bytedeco.pytorch.Tensor n = Native.lease(output, name);
            try (ReduceScatterOptions o = new ReduceScatterOptions(); org.bytedeco.pytorch.ReduceOp r = op.toNative()) {
                o.reduceOp(r);
                TensorVector out = new TensorVector(n);
                TensorVector in = new TensorVector(ni);
                return new Work(g.call(name, b -> b.reduce_scatter(out, in, o)), g, name, new Object[] {out, in});
            } finally {
                Native.release(output);
            }
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.releaseAll(ins);
        }
    }

    /**
     * {@code gather(tensor, gather_list, dst)}: rank {@code dst} receives every rank's tensor in
     * {@code gatherList} (one per rank); the other ranks pass null.
     */
    public static void gather(Tensor tensor, List<Tensor> gatherList, int dst) {
        gatherAsync(tensor, gatherList, dst, null).waitFor();
    }

    /** {@code gather(tensor, gather_list, dst, group)}. */
    public static void gather(Tensor tensor, List<Tensor> gatherList, int dst, ProcessGroup group) {
        gatherAsync(tensor, gatherList, dst, group).waitFor();
    }

    /** {@code gather(tensor, gather_list, dst, group, async_op=True)}. */
    public static Work gatherAsync(Tensor tensor, List<Tensor> gatherList, int dst, ProcessGroup group) {
        final String name = "gather";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        int root = g.groupRankOf(dst, name);
        boolean isRoot = g.rank() == root;
        if (isRoot) {
            listSize(gatherList, g.size(), name, "gather_list");
        } else if (gatherList != null && !gatherList.isEmpty()) {
            throw new IllegalArgumentException(name + ": gather_list must be null or empty on non-destination ranks");
        }
        check(g, name, 22, root, tensor);
        Tensor[] outs = isRoot ? gatherList.toArray(new Tensor[0]) : new Tensor[0];
        org.bytedeco.pytorch.Tensor[] no = Native.leaseAll(outs, name);
        try {
            org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
            try (GatherOptions o = new GatherOptions()) {
                o.rootRank(root);
                TensorVector out = isRoot ? new TensorVector(no) : new TensorVector((Pointer) null);
                TensorVector in = new TensorVector(n);
                return new Work(g.call(name, b -> b.gather(out, in, o)), g, name, new Object[] {out, in});
            } finally {
                Native.release(tensor);
            }
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.releaseAll(outs);
        }
    }

    /**
     * {@code scatter(tensor, scatter_list, src)}: rank i's {@code tensor} receives
     * {@code scatterList.get(i)} of rank {@code src}; the other ranks pass null.
     */
    public static void scatter(Tensor tensor, List<Tensor> scatterList, int src) {
        scatterAsync(tensor, scatterList, src, null).waitFor();
    }

    /** {@code scatter(tensor, scatter_list, src, group)}. */
    public static void scatter(Tensor tensor, List<Tensor> scatterList, int src, ProcessGroup group) {
        scatterAsync(tensor, scatterList, src, group).waitFor();
    }

    /** {@code scatter(tensor, scatter_list, src, group, async_op=True)}. */
    public static Work scatterAsync(Tensor tensor, List<Tensor> scatterList, int src, ProcessGroup group) {
        final String name = "scatter";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        int root = g.groupRankOf(src, name);
        boolean isRoot = g.rank() == root;
        if (isRoot) {
            listSize(scatterList, g.size(), name, "scatter_list");
        } else if (scatterList != null && !scatterList.isEmpty()) {
            throw new IllegalArgumentException(name + ": scatter_list must be null or empty on non-source ranks");
        }
        check(g, name, 23, root, tensor);
        Tensor[] ins = isRoot ? scatterList.toArray(new Tensor[0]) : new Tensor[0];
        org.bytedeco.pytorch.Tensor[] ni = Native.leaseAll(ins, name);
        try {
            org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
            try (ScatterOptions o = new ScatterOptions()) {
                o.rootRank(root);
                TensorVector out = new TensorVector(n);
                TensorVector in = isRoot ? new TensorVector(ni) : new TensorVector((Pointer) null);
                return new Work(g.call(name, b -> b.scatter(out, in, o)), g, name, new Object[] {out, in});
            } finally {
                Native.release(tensor);
            }
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.releaseAll(ins);
        }
    }

    /**
     * {@code reduce(tensor, dst, op)}: rank {@code dst}'s tensor becomes the reduction over all ranks;
     * on the other ranks the tensor's content afterwards is unspecified (gloo may use it as scratch),
     * as in PyTorch.
     */
    public static void reduce(Tensor tensor, int dst, ReduceOp op) {
        reduceAsync(tensor, dst, op, null).waitFor();
    }

    /** {@code reduce(tensor, dst, op, group)}. */
    public static void reduce(Tensor tensor, int dst, ReduceOp op, ProcessGroup group) {
        reduceAsync(tensor, dst, op, group).waitFor();
    }

    /** {@code reduce(tensor, dst, op, group, async_op=True)}; {@code dst} is a global rank. */
    public static Work reduceAsync(Tensor tensor, int dst, ReduceOp op, ProcessGroup group) {
        final String name = "reduce";
        ProcessGroup g = group(group, name);
        if (op == null) {
            throw new NullPointerException(name + ": op is null");
        }
        if (!g.isMember()) {
            return Work.completed(name);
        }
        int root = g.groupRankOf(dst, name);
        check(g, name, 40 + op.ordinal(), root, tensor);
        org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
        try (ReduceOptions o = new ReduceOptions(); org.bytedeco.pytorch.ReduceOp r = op.toNative()) {
            o.reduceOp(r);
            o.rootRank(root);
            TensorVector v = new TensorVector(n);
            return new Work(g.call(name, b -> b.reduce(v, o)), g, name, v);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.release(tensor);
        }
    }

    /**
     * {@code all_to_all(output_tensor_list, input_tensor_list)}: rank r's {@code outputList.get(i)}
     * receives rank i's {@code inputList.get(r)}. One tensor per rank in each list, one dtype; the
     * sizes may differ as long as what rank i sends to rank r has the size rank r expects from i.
     * (Gloo has no list form: the inputs travel as one flat all_to_all_single with split sizes and
     * are copied into the outputs when the operation completes.)
     */
    public static void allToAll(List<Tensor> outputList, List<Tensor> inputList) {
        allToAllAsync(outputList, inputList, null).waitFor();
    }

    /** {@code all_to_all(output_tensor_list, input_tensor_list, group)}. */
    public static void allToAll(List<Tensor> outputList, List<Tensor> inputList, ProcessGroup group) {
        allToAllAsync(outputList, inputList, group).waitFor();
    }

    /** {@code all_to_all(output_tensor_list, input_tensor_list, group, async_op=True)}: the outputs are filled by {@link Work#waitFor}. */
    public static Work allToAllAsync(List<Tensor> outputList, List<Tensor> inputList, ProcessGroup group) {
        final String name = "allToAll";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        listSize(outputList, g.size(), name, "output_tensor_list");
        listSize(inputList, g.size(), name, "input_tensor_list");
        org.torch4j.DType dtype = null;
        long[] inSplits = new long[g.size()];
        long[] outSplits = new long[g.size()];
        for (int i = 0; i < g.size(); i++) {
            Tensor in = inputList.get(i);
            Tensor out = outputList.get(i);
            if (in == null || out == null) {
                throw new NullPointerException(name + ": tensor " + i + " of " + (in == null ? "input" : "output") + "_tensor_list is null");
            }
            dtype = dtype == null ? in.dtype() : dtype;
            if (in.dtype() != dtype || out.dtype() != dtype) {
                throw new IllegalArgumentException(name + ": every tensor must have one dtype, got " + Native.describe(in)
                        + " and " + Native.describe(out) + " at " + i);
            }
            inSplits[i] = in.numel();
            outSplits[i] = out.numel();
        }
        Tensor[] flat = new Tensor[2];
        try (org.torch4j.Scope s = org.torch4j.Scope.open()) {
            List<Tensor> parts = new ArrayList<>();
            for (Tensor t : inputList) {
                parts.add(t.reshape(-1));
            }
            flat[0] = org.torch4j.Torch.cat(parts, 0).keep();
            flat[1] = org.torch4j.Torch.empty(dtype, java.util.Arrays.stream(outSplits).sum()).keep();
        }
        Work w = allToAllSingleAsync(flat[1], flat[0], outSplits, inSplits, group, name);
        List<Tensor> outs = List.copyOf(outputList);
        return w.then(() -> {
            long off = 0;
            for (Tensor o : outs) {
                long k = o.numel();
                try (Tensor part = flat[1].narrow(0, off, k); Tensor shaped = part.view(o.shape())) {
                    o.copy_(shaped);
                }
                off += k;
            }
            flat[0].close();
            flat[1].close();
        });
    }

    /**
     * {@code all_to_all_single(output, input)}: the input is split into world-size equal chunks
     * along dim 0; chunk i goes to rank i, and the output is the concatenation of what every rank
     * sent here, in rank order.
     */
    public static void allToAllSingle(Tensor output, Tensor input) {
        allToAllSingleAsync(output, input, null, null, null).waitFor();
    }

    /**
     * {@code all_to_all_single(output, input, output_split_sizes, input_split_sizes, group)}: the
     * split sizes count dim-0 slices, one per rank; null means equal splits.
     */
    public static void allToAllSingle(Tensor output, Tensor input, long[] outputSplitSizes, long[] inputSplitSizes,
            ProcessGroup group) {
        allToAllSingleAsync(output, input, outputSplitSizes, inputSplitSizes, group).waitFor();
    }

    /** {@code all_to_all_single(..., async_op=True)}. */
    public static Work allToAllSingleAsync(Tensor output, Tensor input, long[] outputSplitSizes, long[] inputSplitSizes,
            ProcessGroup group) {
        return allToAllSingleAsync(output, input, outputSplitSizes, inputSplitSizes, group, "allToAllSingle");
    }

    private static Work allToAllSingleAsync(Tensor output, Tensor input, long[] outSplits, long[] inSplits, ProcessGroup group,
            String name) {
        ProcessGroup g = group(group, name);
        if (output == null || input == null) {
            throw new NullPointerException(name + ": " + (output == null ? "output" : "input") + " is null");
        }
        if (!g.isMember()) {
            return Work.completed(name);
        }
        splits(outSplits, output, g.size(), name, "output");
        splits(inSplits, input, g.size(), name, "input");
        if (output.dtype() != input.dtype()) {
            throw new IllegalArgumentException(name + ": output and input must have one dtype, got " + Native.describe(output)
                    + " and " + Native.describe(input));
        }
        Tensor[] both = {output, input};
        org.bytedeco.pytorch.Tensor[] n = Native.leaseAll(both, name);
        try (AllToAllOptions o = new AllToAllOptions()) {
            LongVector os = vector(outSplits);
            LongVector is = vector(inSplits);
            return new Work(g.call(name, b -> b.alltoall_base(n[0], n[1], os, is, o)), g, name,
                    new Object[] {os, is, new TensorVector(n[0], n[1])});
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.releaseAll(both);
        }
    }

    private static void splits(long[] s, Tensor t, int size, String op, String what) {
        long rows = t.dim() == 0 ? 1 : t.shape()[0];
        if (s == null) {
            if (rows % size != 0) {
                throw new IllegalArgumentException(op + ": " + what + " " + Native.describe(t) + " cannot be split into "
                        + size + " equal chunks along dim 0; pass " + what + "_split_sizes");
            }
            return;
        }
        if (s.length != size) {
            throw new IllegalArgumentException(op + ": " + what + "_split_sizes must hold one size per rank (" + size + "), got "
                    + s.length);
        }
        long sum = 0;
        for (long x : s) {
            if (x < 0) {
                throw new IllegalArgumentException(op + ": " + what + "_split_sizes must be non-negative, got "
                        + java.util.Arrays.toString(s));
            }
            sum += x;
        }
        if (sum != rows) {
            throw new IllegalArgumentException(op + ": " + what + "_split_sizes " + java.util.Arrays.toString(s) + " sum to " + sum
                    + ", but " + what + " " + Native.describe(t) + " has " + rows + " rows");
        }
    }

    /** A LongVector holding {@code s} (empty for null: equal splits). Not LongVector(long...): one element would mean a size. */
    private static LongVector vector(long[] s) {
        LongVector v = new LongVector();
        if (s != null) {
            for (long x : s) {
                v.push_back(x);
            }
        }
        return v;
    }

    /** {@code send(tensor, dst)}: blocks until the matching {@link #recv} took it (or the timeout). */
    public static void send(Tensor tensor, int dst) {
        isend(tensor, dst, null).waitFor();
    }

    /** {@code recv(tensor, src)}: fills {@code tensor} with what rank {@code src} sent; returns src. */
    public static int recv(Tensor tensor, int src) {
        irecv(tensor, src, null).waitFor();
        return src;
    }

    /** {@code isend(tensor, dst, group)}: the asynchronous send. No cross-rank shape check (point to point). */
    public static Work isend(Tensor tensor, int dst, ProcessGroup group) {
        return p2p(tensor, dst, group, true);
    }

    /** {@code irecv(tensor, src, group)}: the asynchronous receive. */
    public static Work irecv(Tensor tensor, int src, ProcessGroup group) {
        return p2p(tensor, src, group, false);
    }

    private static Work p2p(Tensor tensor, int peer, ProcessGroup group, boolean send) {
        final String name = send ? "send" : "recv";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return Work.completed(name);
        }
        int p = g.groupRankOf(peer, name);
        if (p == g.rank()) {
            throw new IllegalArgumentException(name + ": rank " + peer + " cannot " + name + " to/from itself");
        }
        org.bytedeco.pytorch.Tensor n = Native.lease(tensor, name);
        try {
            TensorVector v = new TensorVector(n);
            return new Work(g.call(name, b -> send ? b.send(v, p, 0) : b.recv(v, p, 0)), g, name, v);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        } finally {
            Native.release(tensor);
        }
    }

    /** {@code barrier()}: returns once every rank of the default group called it. */
    public static void barrier() {
        barrier(null);
    }

    /** {@code barrier(group)}. */
    public static void barrier(ProcessGroup group) {
        final String name = "barrier";
        ProcessGroup g = group(group, name);
        if (!g.isMember()) {
            return;
        }
        Work w;
        try (BarrierOptions o = new BarrierOptions()) {
            w = new Work(g.call(name, b -> b.barrier(o)), g, name, null);
        } catch (RuntimeException e) {
            throw g.failure(e, name);
        }
        w.waitFor();
    }

    // ---------------------------------------------------------------- checks

    private static void listSize(List<Tensor> l, int size, String op, String what) {
        if (l == null) {
            throw new NullPointerException(op + ": " + what + " is null");
        }
        if (l.size() != size) {
            throw new IllegalArgumentException(op + ": " + what + " must hold one tensor per rank (" + size + "), got " + l.size());
        }
    }

    private static final int SIG = 12;

    /**
     * Every member shares (collective code, root, dtype, shape) with one all-gather of SIG longs and
     * compares: a mismatch is a TorchException on every rank naming each rank's tensor, instead of
     * gloo's silent wrong result or a hang.
     */
    private static void check(ProcessGroup g, String op, int code, int root, Tensor t) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor is null");
        }
        if (!shapeChecks || g.size() == 1) {
            return;
        }
        long[] shape = t.shape();
        long[] sig = new long[SIG];
        sig[0] = code;
        sig[1] = root;
        sig[2] = t.dtype().ordinal();
        sig[3] = shape.length;
        if (shape.length <= SIG - 4) {
            System.arraycopy(shape, 0, sig, 4, shape.length);
        } else {
            sig[4] = java.util.Arrays.hashCode(shape);
        }
        long[] all = new long[SIG * g.size()];
        try (org.bytedeco.pytorch.Tensor mine = org.bytedeco.pytorch.global.torch.empty(new long[] {SIG},
                    new org.bytedeco.pytorch.TensorOptions(org.bytedeco.pytorch.global.torch.ScalarType.Long), null);
                org.bytedeco.pytorch.Tensor gathered = org.bytedeco.pytorch.global.torch.empty(new long[] {(long) SIG * g.size()},
                    new org.bytedeco.pytorch.TensorOptions(org.bytedeco.pytorch.global.torch.ScalarType.Long), null);
                AllgatherOptions o = new AllgatherOptions()) {
            mine.data_ptr_long().put(sig);
            if (g.isNccl()) { // nccl moves CUDA tensors only: the signature travels on the tensor's device
                org.bytedeco.pytorch.Tensor n = Native.lease(t, op);
                try (org.bytedeco.pytorch.Device d = n.device();
                        org.bytedeco.pytorch.Tensor mineDev = mine.to(d, mine.scalar_type());
                        org.bytedeco.pytorch.Tensor gatheredDev = gathered.to(d, gathered.scalar_type())) {
                    new Work(g.call(op, b -> b._allgather_base(gatheredDev, mineDev, o)), g, op, null).waitFor();
                    gathered.copy_(gatheredDev);
                } finally {
                    Native.release(t);
                }
            } else {
                new Work(g.call(op, b -> b._allgather_base(gathered, mine, o)), g, op, null).waitFor();
            }
            gathered.data_ptr_long().get(all);
        } catch (RuntimeException e) {
            throw g.failure(e, op);
        }
        boolean same = true;
        for (int r = 1; r < g.size() && same; r++) {
            same = java.util.Arrays.equals(all, r * SIG, r * SIG + SIG, all, 0, SIG);
        }
        if (!same) {
            StringBuilder b = new StringBuilder(op + ": ranks passed different tensors or called different collectives:");
            for (int r = 0; r < g.size(); r++) {
                b.append(r == 0 ? " " : "; ").append("rank ").append(g.ranks().get(r)).append(' ').append(describeSig(all, r * SIG));
            }
            throw new TorchException(b.toString());
        }
    }

    private static String describeSig(long[] a, int off) {
        String[] names = {"", "allReduce(SUM)", "allReduce(AVG)", "allReduce(PRODUCT)", "allReduce(MIN)", "allReduce(MAX)",
            "allReduce(BAND)", "allReduce(BOR)", "allReduce(BXOR)"};
        long code = a[off];
        String c = code >= 1 && code <= 8 ? names[(int) code]
                : code >= 40 && code < 48 ? "reduce(" + ReduceOp.values()[(int) code - 40] + ")"
                : code == 20 ? "broadcast" : code == 21 ? "allGather" : code == 22 ? "gather" : code == 23 ? "scatter"
                : code >= 30 && code < 38 ? "reduceScatter(" + ReduceOp.values()[(int) code - 30] + ")" : "op#" + code;
        StringBuilder b = new StringBuilder(c);
        if (a[off + 1] >= 0) {
            b.append(" root ").append(a[off + 1]);
        }
        b.append(' ').append(org.torch4j.DType.values()[(int) a[off + 2]].toString().toLowerCase(java.util.Locale.ROOT)).append('[');
        int nd = (int) a[off + 3];
        if (nd <= SIG - 4) {
            for (int i = 0; i < nd; i++) {
                b.append(i == 0 ? "" : ", ").append(a[off + 4 + i]);
            }
        } else {
            b.append(nd).append("-d");
        }
        return b.append(']').toString();
    }
}
