package org.torch4j.bindings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.PointerConsumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorBase;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorTensorHook;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Puts a Java-defined backward into LibTorch's autograd graph: the machinery under
 * {@code org.torch4j.autograd.Function}. LibTorch's own {@code torch::autograd::Function} is not
 * mapped by the presets and a {@code Node} cannot be subclassed from Java, so a custom function is
 * built from stock nodes and one shared tensor hook (docs/DESIGN.md, "Autograd", has the
 * measurements behind each choice).
 *
 * <h2>The graph of one application</h2>
 * The forward value {@code y} is computed by the caller with grad mode off. {@link #link} then, for
 * each differentiable input {@code x_k}, makes {@code t_k = x_k.put(token, empty, accumulate=true)}
 * (a copy whose node passes its gradient through unchanged) and puts an empty slice of it into
 * {@code y}: {@code y.put_(token, t_k.index_select(0, token), accumulate=true)}. {@code token} is an
 * empty int64 tensor, so nothing is read or written: {@code y} keeps its exact bits and becomes the
 * output of a {@code PutBackward0} node. In a backward pass the hook on {@code y}'s node receives
 * {@code dL/dy} and calls the Java backward once; the hook on each {@code t_k}'s node receives the
 * zeros that flowed down to it and returns the gradient Java computed for {@code x_k} instead,
 * which the node hands to {@code x_k} unchanged. With several outputs (or dtypes/devices that
 * differ) the inputs are put into an empty "hub" tensor whose node's hook calls the Java backward,
 * and each output is linked to the hub; the hooks on the output nodes collect {@code dL/dy_j}
 * first (the engine runs the hub only after every output node that leads to it).
 *
 * <h2>One hook, found by node</h2>
 * Every hook is the same static {@link TensorTensorHook}; during a hook LibTorch's
 * {@code get_current_node()} is the node being evaluated, and its address finds the application
 * and the role ({@link Site}). Nothing is allocated per application on the JavaCPP side, and
 * nothing can be collected too early.
 *
 * <h2>Lifetime</h2>
 * The Java side of an application is released when its graph is gone, observed through
 * {@code token}: a {@code from_blob} tensor over an address that is distinct per live application,
 * with a deleter. Every hooked node saves {@code token} (the Put nodes as their index); LibTorch
 * frees those saved copies when the node ran in a backward that did not retain the graph, or when
 * the node is destroyed, and the deleter then releases the application. A node's pre-hooks run
 * before the node frees its copy, so the release never precedes a hook of the same pass; a hook
 * that runs after the release (a second backward through a freed graph) finds nothing and changes
 * nothing, and the node then refuses to run ("backward through the graph a second time").
 * Nothing here saves the inputs themselves.
 *
 * <p>Several threads may back-propagate through one retained graph at once: the Java backward of an
 * application runs once at a time (its {@code Graph}'s monitor), and the hooks of each pass keep
 * their state per LibTorch graph task; separate applications are independent.
 */
public final class HookBridge {
    static {
        LibTorch.ensureLoaded();
    }

    /** The Java side of one application. Calls come from the thread running the backward pass. */
    public interface Callback {
        /**
         * Runs the backward once. {@code gradOutputs[j]} is the gradient of linked output {@code j},
         * borrowed for the duration of the call, or null when none reached it. Returns one gradient
         * per input of {@link #link} (null = none), which must stay valid until {@link #endBackward()}.
         */
        Tensor[] backward(Tensor[] gradOutputs);

        /** The gradients returned by the last {@link #backward} have been handed to LibTorch. */
        void endBackward();

        /** The graph is gone; no call will follow. May run on any thread; must not throw. */
        void released();

        /** Name used in error messages, e.g. the function's class name. */
        String name();
    }

    private static final int SLAB = 4096;
    private static final Object LOCK = new Object();
    /** Native slabs, never freed; byte {@code slot % SLAB} of slab {@code slot / SLAB} is a slot's token address (never read). */
    private static long[] slabAddresses = new long[0];
    @SuppressWarnings("unused") // keeps the slabs' memory alive
    private static BytePointer[] slabs = new BytePointer[0];
    private static Graph[] graphs = new Graph[0];
    private static int[] freeSlots = new int[0];
    private static int freeCount;

    private static final LongAdder LIVE = new LongAdder();
    private static final LongAdder LINKED = new LongAdder();

    private static final TensorOptions LONG = new TensorOptions(torch.ScalarType.Long);
    private static final TensorOptions FLOAT = new TensorOptions(torch.ScalarType.Float);
    private static final DeviceOptional NO_DEVICE = new DeviceOptional();
    private static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();
    private static final long[] EMPTY_1D = {0};
    private static final long[] UNIT_STRIDE = {1};
    private static final Tensor UNDEFINED = new Tensor();

    /** The one deleter of every token; must stay reachable for the JVM's lifetime (JavaCPP holds it weakly). */
    private static final PointerConsumer DELETER = new PointerConsumer() {
        @Override
        public void call(Pointer data) {
            release(data.address());
        }
    };

    private HookBridge() {
    }

    /** Applications whose graph is still alive (their Java side, saved tensors included, is retained). */
    public static long liveGraphs() {
        return LIVE.sum();
    }

    /** Applications linked so far in this JVM. */
    public static long linkedGraphs() {
        return LINKED.sum();
    }

    /**
     * To be called when a backward pass failed on this thread; never throws. LibTorch leaves the
     * nodes that were queued when a pass failed in the thread's ready queue (a thread-local) until a
     * later pass on that thread pops them. A hooked node among them keeps its application (context
     * and saved tensors) alive, and if the thread ends first, the token's deleter runs during its
     * teardown, when the JVM may no longer take the call ("Could not attach the JavaVM"). A pass
     * through a one-node graph pops them now: the tasks of a finished pass sort before every live
     * one (engine.h, {@code NodeTask::getReentrantDepth}). Inside a backward (a nested pass failed)
     * it does nothing: the pass running on this thread keeps popping that queue.
     */
    public static void afterFailedBackward() {
        try {
            if (torch.get_current_graph_task_id() != -1) {
                return;
            }
            Tensor loss;
            boolean was = GradMode.is_enabled();
            GradMode.set_enabled(true);
            try (Tensor leaf = torch.empty(EMPTY_1D, FLOAT, NO_MEMORY_FORMAT)) {
                leaf.requires_grad_(true);
                loss = leaf.sum();
            } finally {
                GradMode.set_enabled(was);
            }
            try (loss) {
                loss.backward();
            }
        } catch (Throwable t) {
            // nothing left to pop, or nothing that could: the queue is drained by the next pass instead
        }
    }

    /** The version counter of {@code t} (bumped by every in-place change of its data). */
    public static long version(Tensor t) {
        return t._version();
    }

    /** Whether a tensor of this dtype can carry a gradient (floating point or complex). */
    public static boolean isDifferentiable(Tensor t) {
        return t.is_floating_point() || t.is_complex();
    }

    /**
     * Links {@code outputs} (computed with grad mode off) to the inputs {@code i} with
     * {@code needsGrad[i]}. Returns the linked outputs: the same object where the link was made in
     * place, or a new tensor (owned by the caller) where an output could not be modified: a view,
     * an input itself, or a tensor that already has autograd history. Must be called with grad mode
     * on, with at least one output and one input that needs grad; {@code inputs} may hold nulls.
     */
    public static Tensor[] link(Tensor[] outputs, Tensor[] inputs, boolean[] needsGrad, Callback callback) {
        int nIn = 0;
        for (boolean b : needsGrad) {
            if (b) {
                nIn++;
            }
        }
        if (nIn == 0 || outputs.length == 0) {
            throw new IllegalArgumentException("link: needs an output and an input that requires grad");
        }
        int[] sourceInput = new int[nIn];
        for (int i = 0, k = 0; i < needsGrad.length; i++) {
            if (needsGrad[i]) {
                sourceInput[k++] = i;
            }
        }
        Tensor[] linked = outputs.clone();
        boolean simple = outputs.length == 1 && sameKind(outputs[0], inputs, sourceInput);
        boolean direct = simple && nIn == 1 && outputs[0].is_same_size(inputs[sourceInput[0]]);
        Graph g = new Graph(callback, sourceInput, simple ? 0 : outputs.length, direct ? null : expected(inputs, sourceInput));
        Tensor token = register(g);
        try {
            if (direct) {
                // y = x.put(token, empty, accumulate=true): a copy of x whose node hands its incoming
                // gradient to x unchanged; then y's data is overwritten with the forward value out of
                // autograd's sight (the node saved nothing that a version check would guard). Its hook
                // receives dL/dy and returns dL/dx in its place: one node, one hook call.
                Tensor x = inputs[sourceInput[0]];
                Tensor y = x.put(token, nothingLike(x), true);
                try (Tensor data = y.detach()) {
                    data.copy_(outputs[0]);
                }
                hook(y, new Site(g, Site.DIRECT, 0));
                linked[0] = y;
            } else if (simple) {
                Tensor y = outputs[0];
                boolean fresh = isFresh(y, inputs);
                for (int k = 0; k < nIn; k++) {
                    try (Tensor sel = select(inputs[sourceInput[k]], token, g, k)) {
                        if (k == 0 && !fresh) {
                            try (Tensor d = y.detach()) {
                                y = d.put(token, sel, true);
                            }
                        } else {
                            y.put_(token, sel, true);
                        }
                    }
                }
                hook(y, new Site(g, Site.CALL, -1));
                linked[0] = y;
            } else {
                Tensor hub = torch.empty(EMPTY_1D, outputs[0].options(), NO_MEMORY_FORMAT);
                try {
                    for (int k = 0; k < nIn; k++) {
                        try (Tensor sel = select(inputs[sourceInput[k]], token, g, k); Tensor c = convert(sel, hub)) {
                            hub.put_(token, c, true);
                        }
                    }
                    hook(hub, new Site(g, Site.CALL, -1));
                    for (int j = 0; j < outputs.length; j++) {
                        Tensor y = outputs[j];
                        try (Tensor c = convert(hub, y)) {
                            if (isFresh(y, inputs)) {
                                y.put_(token, c, true);
                            } else {
                                try (Tensor d = y.detach()) {
                                    y = d.put(token, c, true);
                                }
                            }
                        }
                        hook(y, new Site(g, Site.CAPTURE, j));
                        linked[j] = y;
                    }
                } finally {
                    hub.close();
                }
            }
            LINKED.increment();
            return linked;
        } finally {
            token.close(); // from now on only the graph's nodes hold the token
        }
    }

    /**
     * Input {@code k}'s private link: {@code t = x.put(token, empty, accumulate=true)} (a copy of
     * {@code x} whose node passes the gradient through unchanged, and where the hook puts input
     * {@code k}'s gradient), then an empty slice of it ({@code t.index_select(0, token)}, a 0-dim
     * {@code t} unsqueezed first) to put into the output.
     */
    private static Tensor select(Tensor x, Tensor token, Graph g, int k) {
        try (Tensor t = x.put(token, nothingLike(x), true)) {
            hook(t, new Site(g, Site.REPLACE, k));
            if (t.dim() == 0) {
                try (Tensor u = t.unsqueeze(0)) {
                    return u.index_select(0, token);
                }
            }
            return t.index_select(0, token);
        }
    }

    /** What each source's gradient must be: its input's shape, dtype and device at link time. */
    private static Expected[] expected(Tensor[] inputs, int[] sourceInput) {
        Expected[] e = new Expected[sourceInput.length];
        for (int k = 0; k < e.length; k++) {
            Tensor x = inputs[sourceInput[k]];
            long[] shape;
            try (org.bytedeco.pytorch.LongVector v = x.sizes().vec()) {
                shape = v.get();
            }
            e[k] = new Expected(shape, x.scalar_type(), x.is_cpu() ? null : x.device().str().getString());
        }
        return e;
    }

    /** The shape, dtype and device (null: the CPU) a gradient must have. */
    private record Expected(long[] shape, torch.ScalarType dtype, String device) {
        boolean matches(Tensor g) {
            if (g.scalar_type().value != dtype.value || (device == null ? !g.is_cpu() : !device.equals(g.device().str().getString()))) {
                return false;
            }
            try (org.bytedeco.pytorch.LongVector v = g.sizes().vec()) {
                return Arrays.equals(shape, v.get());
            }
        }
    }

    /** One output and every input of its dtype and device: each input is put straight into it. */
    private static boolean sameKind(Tensor y, Tensor[] inputs, int[] sourceInput) {
        for (int i : sourceInput) {
            Tensor x = inputs[i];
            if (!sameDtype(x, y) || !sameDevice(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** JavaCPP returns a fresh enum object from every {@code scalar_type()}: compare values, not identity. */
    private static boolean sameDtype(Tensor a, Tensor b) {
        return a.scalar_type().value == b.scalar_type().value;
    }

    private static boolean sameDevice(Tensor a, Tensor b) {
        if (a.is_cpu() && b.is_cpu()) {
            return true;
        }
        return a.device().str().getString().equals(b.device().str().getString());
    }

    /** {@code t} as {@code like}'s dtype and device: a new reference, converted if needed. */
    private static Tensor convert(Tensor t, Tensor like) {
        if (sameDtype(t, like) && sameDevice(t, like)) {
            return new Tensor(t);
        }
        return t.to(like.device(), like.scalar_type());
    }

    /** Whether {@code y} may be linked in place: no history, not a view, not an input. */
    private static boolean isFresh(Tensor y, Tensor[] inputs) {
        if (y.requires_grad() || y.is_view()) {
            return false;
        }
        for (Tensor x : inputs) {
            if (x != null && x.is_same(y)) {
                return false;
            }
        }
        return true;
    }

    /** Empty 1-dim CPU tensors by scalar type value, made once: the "source" of {@code t}'s put. */
    private static final ConcurrentHashMap<Byte, Tensor> NOTHING = new ConcurrentHashMap<>();

    /** An empty tensor of {@code x}'s dtype and device (cached for the CPU). */
    private static Tensor nothingLike(Tensor x) {
        if (!x.is_cpu()) {
            return torch.empty(EMPTY_1D, x.options(), NO_MEMORY_FORMAT); // freed by the GC: rare path
        }
        return NOTHING.computeIfAbsent(x.scalar_type().value, v -> torch.empty(EMPTY_1D, x.options(), NO_MEMORY_FORMAT));
    }

    /** Registers the shared hook on {@code t} and files {@code site} under {@code t}'s node. */
    private static void hook(Tensor t, Site site) {
        long node;
        try (Node n = t.grad_fn()) {
            node = n.address();
        }
        site.node = node;
        site.graph.addSite(site);
        SITES.put(node, site);
        t.register_hook(HOOK);
    }

    // ------------------------------------------------------------------ registry of live applications

    /** Takes a free slot for {@code g} and returns its token (an empty int64 tensor whose deleter releases {@code g}). */
    private static Tensor register(Graph g) {
        long address;
        synchronized (LOCK) {
            if (freeCount == 0) {
                grow();
            }
            int slot = freeSlots[--freeCount];
            graphs[slot] = g;
            address = slabAddresses[slot / SLAB] + slot % SLAB;
        }
        LIVE.increment();
        try {
            return torch.from_blob(new Address(address), EMPTY_1D, UNIT_STRIDE, DELETER, LONG, NO_DEVICE);
        } catch (RuntimeException e) {
            release(address);
            throw e;
        }
    }

    private static void grow() {
        int n = slabs.length;
        BytePointer slab = new BytePointer(SLAB);
        slab.zero();
        slabs = Arrays.copyOf(slabs, n + 1);
        slabs[n] = slab;
        slabAddresses = Arrays.copyOf(slabAddresses, n + 1);
        slabAddresses[n] = slab.address();
        graphs = Arrays.copyOf(graphs, (n + 1) * SLAB);
        freeSlots = Arrays.copyOf(freeSlots, (n + 1) * SLAB);
        for (int i = SLAB - 1; i >= 0; i--) {
            freeSlots[freeCount++] = n * SLAB + i;
        }
    }

    /** Called by the token's deleter (any thread, from inside LibTorch): must never throw. */
    private static void release(long address) {
        Graph g = null;
        synchronized (LOCK) {
            for (int s = 0; s < slabAddresses.length; s++) {
                long off = address - slabAddresses[s];
                if (off >= 0 && off < SLAB) {
                    int slot = s * SLAB + (int) off;
                    g = graphs[slot];
                    graphs[slot] = null;
                    if (g != null) {
                        freeSlots[freeCount++] = slot;
                    }
                    break;
                }
            }
        }
        if (g == null) {
            return;
        }
        LIVE.decrement();
        try {
            g.release();
        } catch (Throwable t) {
            // an exception here would unwind through a C++ destructor and abort the JVM
            System.err.println("torch4j: releasing a custom autograd function failed: " + t);
        }
    }

    /** A pointer with a given address and no ownership (the data pointer handed to from_blob). */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    // ------------------------------------------------------------------ one application

    /**
     * Where the shared hook acts, by the address of the node it runs on
     * ({@code torch::autograd::get_current_node()} during a hook).
     */
    private static final ConcurrentHashMap<Long, Site> SITES = new ConcurrentHashMap<>();
    private static final TensorBase KEEP = new TensorBase();

    /**
     * The one hook of every application, a tensor pre-hook. JavaCPP gives each FunctionPointer
     * instance a fixed native slot and keeps a weak reference to it: one instance that lives as long
     * as the JVM costs nothing per application and cannot leak. (A FunctionPostHook per node would:
     * LibTorch deletes it with its node, but nothing deletes the JNI weak reference JavaCPP made for
     * it, about 10 bytes each.) Returning an undefined tensor keeps the incoming gradient.
     */
    private static final TensorTensorHook HOOK = new TensorTensorHook() {
        @Override
        public TensorBase call(TensorBase grad) {
            try {
                return dispatch(grad);
            } finally {
                // JavaCPP hands a callback an owning copy of its argument; left to the GC it would keep
                // the gradient's memory until a collection (measured: one per call, ~130 MB high-water
                // in a 30k-iteration loop)
                grad.close();
            }
        }

        private TensorBase dispatch(TensorBase grad) {
            Site site;
            try (Node n = torch.get_current_node()) {
                site = n == null || n.isNull() ? null : SITES.get(n.address());
            }
            if (site == null) {
                return KEEP; // an application already released: its node is about to refuse to run
            }
            switch (site.role) {
                case Site.DIRECT:
                    return site.graph.direct(grad);
                case Site.CALL:
                    site.graph.call(grad);
                    return KEEP;
                case Site.CAPTURE:
                    site.graph.capture(site.index, grad);
                    return KEEP;
                default:
                    return site.graph.gradientFor(site.index, grad);
            }
        }
    };

    /** What the shared hook does on one node. */
    private static final class Site {
        static final int CALL = 0;
        static final int CAPTURE = 1;
        static final int REPLACE = 2;
        static final int DIRECT = 3;
        final Graph graph;
        final int role;
        /** Output index (CAPTURE) or source index (REPLACE). */
        final int index;
        /** Address of the node it is filed under in {@link #SITES}. */
        long node;

        Site(Graph graph, int role, int index) {
            this.graph = graph;
            this.role = role;
            this.index = index;
        }
    }

    /**
     * The Java side of one application, from link until its token is freed.
     *
     * <h3>Concurrent backward passes</h3>
     * Two threads may back-propagate through one retained graph at the same time (PyTorch allows
     * it). Every method here holds the graph's monitor, so the Java backward of one application runs
     * once at a time, and what the hooks of one pass hand to each other lives in a {@link Pass}
     * keyed by LibTorch's graph-task id ({@code get_current_graph_task_id()}), never shared by two
     * passes. A tensor a hook returns to LibTorch is a reference of its own, kept until the same
     * thread next enters a hook of this graph (LibTorch has copied it by then) or the graph is
     * released.
     */
    private static final class Graph {
        /** Passes whose hooks did not all run (a pass aborted by an error elsewhere) are dropped beyond this many. */
        private static final int MAX_PASSES = 64;

        final Callback callback;
        /** Input index of each source (input that requires grad), in link order. */
        final int[] sourceInput;
        private final int outputsToCapture;
        /** Backward passes in flight through this application, by graph-task id. */
        private final HashMap<Integer, Pass> passes = new HashMap<>(4);
        /** The tensor last returned to LibTorch by a hook on {@link #heldBy}; others' in {@link #heldByOthers}. */
        private Thread heldBy;
        private Tensor held;
        private HashMap<Thread, Tensor> heldByOthers;
        private volatile boolean released;
        /** An ended pass, cleared, for the next one. */
        private Pass spare;
        /** This application's entries in {@link #SITES}. */
        private Site[] sites = new Site[2];
        private int siteCount;
        /** Per source, what its gradient must be (null on the direct path, whose one hook checks it). */
        private final Expected[] expected;

        Graph(Callback callback, int[] sourceInput, int outputsToCapture, Expected[] expected) {
            this.callback = callback;
            this.sourceInput = sourceInput;
            this.outputsToCapture = outputsToCapture;
            this.expected = expected;
        }

        /** What the hooks of one backward pass hand to each other. */
        private final class Pass {
            /** Gradients computed by the call, one per source, waiting for their node. */
            final TensorVector pending = new TensorVector(sourceInput.length);
            /** General path: gradients of the outputs collected before the call. */
            final TensorVector captured = outputsToCapture > 0 ? new TensorVector(outputsToCapture) : null;
            /** Source nodes whose hook has not run yet in this pass (after the call). */
            int remaining = -1;

            void close() {
                pending.close();
                if (captured != null) {
                    captured.close();
                }
            }
        }

        synchronized void addSite(Site site) {
            if (siteCount == sites.length) {
                sites = Arrays.copyOf(sites, siteCount * 2);
            }
            sites[siteCount++] = site;
        }

        synchronized void release() {
            released = true;
            for (int i = 0; i < siteCount; i++) {
                // only if still ours: a node destroyed earlier may have left its address to another application's node
                SITES.remove(sites[i].node, sites[i]);
            }
            for (Pass p : passes.values()) {
                p.close();
            }
            passes.clear();
            if (spare != null) {
                spare.close();
                spare = null;
            }
            if (held != null) {
                held.close();
                held = null;
            }
            if (heldByOthers != null) {
                for (Tensor t : heldByOthers.values()) {
                    t.close();
                }
                heldByOthers = null;
            }
            callback.released();
        }

        /** The current pass's state; made on first use unless {@code create} is false (then null). */
        private Pass pass(boolean create) {
            Integer task = torch.get_current_graph_task_id();
            Pass p = passes.get(task);
            if (p == null && create) {
                if (passes.size() >= MAX_PASSES) {
                    Integer oldest = java.util.Collections.min(passes.keySet());
                    passes.remove(oldest).close();
                }
                p = spare != null ? spare : new Pass();
                spare = null;
                p.remaining = -1;
                passes.put(task, p);
            }
            return p;
        }

        /** Ends a pass; its vectors are cleared and kept for the next pass (no allocation per pass in a loop). */
        private void endPass(Pass p) {
            passes.values().remove(p);
            if (spare == null && !released) {
                for (int k = 0; k < sourceInput.length; k++) {
                    p.pending.put(k, UNDEFINED);
                }
                if (p.captured != null) {
                    for (int j = 0; j < outputsToCapture; j++) {
                        p.captured.put(j, UNDEFINED);
                    }
                }
                spare = p;
            } else {
                p.close();
            }
        }

        /**
         * Frees what this thread returned to LibTorch from an earlier hook of this graph: that hook
         * has returned, so LibTorch copied the reference.
         */
        private void dropHeld() {
            Thread me = Thread.currentThread();
            if (heldBy == me) {
                heldBy = null;
                if (held != null) {
                    held.close();
                    held = null;
                }
            } else if (heldByOthers != null) {
                Tensor t = heldByOthers.remove(me);
                if (t != null) {
                    t.close();
                }
            }
        }

        /** Keeps {@code t} (returned to LibTorch by this thread's hook) until {@link #dropHeld}. */
        private Tensor hold(Tensor t) {
            Thread me = Thread.currentThread();
            if (heldBy == null || heldBy == me) {
                heldBy = me;
                held = t;
            } else {
                if (heldByOthers == null) {
                    heldByOthers = new HashMap<>(4);
                }
                heldByOthers.put(me, t);
            }
            return t;
        }

        synchronized void capture(int output, TensorBase grad) {
            dropHeld();
            if (released) {
                return;
            }
            try (Tensor g = new Tensor(grad)) {
                pass(true).captured.put(output, g);
            }
        }

        /**
         * Direct path: runs the Java backward with {@code dL/dy} and returns {@code dL/dx} to take
         * its place ({@link #KEEP}, i.e. {@code dL/dy} itself, never reaches x: zeros do if backward
         * returned none).
         */
        synchronized TensorBase direct(TensorBase grad) {
            dropHeld();
            if (released || !grad.defined()) {
                return KEEP;
            }
            try (Tensor gy = new Tensor(grad)) {
                Tensor r;
                try {
                    r = result(callback.backward(new Tensor[] {gy}), 0);
                } catch (Throwable t) {
                    callback.endBackward();
                    throw CallbackErrors.escape(t, "Function " + callback.name() + ".backward threw " + t);
                }
                try {
                    return hold(r == null ? torch.zeros_like(gy) : gy.is_same_size(r) && sameDtype(r, gy) && sameDevice(r, gy)
                            ? new Tensor(r) : conform(r, expectedLike(gy), 0));
                } finally {
                    callback.endBackward();
                }
            }
        }

        private Tensor result(Tensor[] result, int k) {
            int i = sourceInput[k];
            Tensor r = i < result.length ? result[i] : null;
            return r != null && r.defined() ? r : null;
        }

        /** Runs the Java backward once for this pass; results wait in the pass's {@code pending}. */
        synchronized void call(TensorBase grad) {
            dropHeld();
            if (released) {
                return;
            }
            Pass pass = pass(true);
            int n = sourceInput.length;
            Tensor[] gradOutputs = gradOutputs(pass, grad);
            if (gradOutputs == null) {
                endPass(pass); // no gradient reached any output: the inputs get none from this function
                return;
            }
            boolean ok = false;
            try {
                Tensor[] result;
                try {
                    result = callback.backward(gradOutputs);
                } catch (Throwable t) {
                    throw CallbackErrors.escape(t, "Function " + callback.name() + ".backward threw " + t);
                }
                if (released) {
                    return;
                }
                // checked and converted here, in the hook of the application's first node, so that an
                // invalid gradient fails the pass before any other node of this application is queued
                // (a queued node outlives a failed pass in the thread's ready queue)
                for (int k = 0; k < n; k++) {
                    int i = sourceInput[k];
                    Tensor r = i < result.length ? result[i] : null;
                    if (r != null && r.defined()) {
                        if (expected[k].matches(r)) {
                            pass.pending.put(k, r);
                        } else {
                            try (Tensor c = conform(r, expected[k], k)) {
                                pass.pending.put(k, c);
                            }
                        }
                    }
                }
                pass.remaining = n;
                ok = true;
            } finally {
                callback.endBackward();
                for (Tensor t : gradOutputs) {
                    if (t != null) {
                        t.close();
                    }
                }
                if (!ok && !released) {
                    endPass(pass);
                }
            }
        }

        private Tensor[] gradOutputs(Pass pass, TensorBase grad) {
            if (pass.captured == null) {
                return grad.defined() ? new Tensor[] {new Tensor(grad)} : null;
            }
            int m = (int) pass.captured.size();
            Tensor[] out = new Tensor[m];
            boolean any = false;
            for (int j = 0; j < m; j++) {
                Tensor t = pass.captured.get(j);
                if (t.defined()) {
                    out[j] = new Tensor(t); // own it: the pass is closed without the call
                    any = true;
                }
            }
            return any ? out : null;
        }

        /**
         * The gradient for source {@code k}, to replace {@code zeros} (what flowed to its node),
         * checked as the engine checks a node's outputs: same shape (or summed to it from a
         * broadcast shape), converted to the input's dtype and device. {@link #KEEP} when backward
         * returned none: the input then receives those zeros.
         */
        synchronized TensorBase gradientFor(int k, TensorBase zeros) {
            dropHeld();
            Pass pass = released ? null : pass(false);
            if (pass == null || pass.remaining < 0) {
                return KEEP; // the call did not run in this pass
            }
            try {
                Tensor g = pass.pending.get(k);
                if (!g.defined() || !zeros.defined()) {
                    return KEEP;
                }
                try (Tensor z = new Tensor(zeros)) {
                    if (g.is_same_size(z) && sameDtype(g, z) && sameDevice(g, z)) {
                        return hold(new Tensor(g));
                    }
                    return hold(conform(g, expectedLike(z), k)); // call() conformed it already: not reached
                }
            } finally {
                if (--pass.remaining == 0) {
                    endPass(pass);
                }
            }
        }

        /** What a gradient in {@code like}'s place must be. */
        private static Expected expectedLike(Tensor like) {
            try (org.bytedeco.pytorch.LongVector v = like.sizes().vec()) {
                return new Expected(v.get(), like.scalar_type(), like.is_cpu() ? null : like.device().str().getString());
            }
        }

        /**
         * {@code g} made what {@code expected} says, as the engine checks a node's outputs: the same
         * shape (or summed to it from a shape that broadcasts to it), then the dtype and device.
         */
        private Tensor conform(Tensor g, Expected expected, int k) {
            long[] want = expected.shape();
            long[] got;
            try (org.bytedeco.pytorch.LongVector v = g.sizes().vec()) {
                got = v.get();
            }
            Tensor r = new Tensor(g);
            if (!Arrays.equals(want, got)) {
                if (!expandable(want, got)) {
                    r.close();
                    String msg = "Function " + callback.name() + ".backward returned an invalid gradient for input "
                            + sourceInput[k] + ": got shape " + Arrays.toString(got)
                            + " but expected shape compatible with " + Arrays.toString(want);
                    throw CallbackErrors.escape(new IllegalArgumentException(msg), msg);
                }
                Tensor s = r.sum_to_size(want);
                r.close();
                r = s;
            }
            if (!expected.matches(r)) {
                try (org.bytedeco.pytorch.Device d = expected.device() == null ? new org.bytedeco.pytorch.Device(torch.DeviceType.CPU)
                        : new org.bytedeco.pytorch.Device(expected.device())) {
                    Tensor c = r.to(d, expected.dtype());
                    r.close();
                    r = c;
                }
            }
            return r;
        }

        /** Whether shape {@code small} broadcasts to {@code big} (so a gradient of {@code big} sums to it). */
        private static boolean expandable(long[] small, long[] big) {
            if (small.length > big.length) {
                return false;
            }
            for (int i = 1; i <= small.length; i++) {
                long s = small[small.length - i];
                long b = big[big.length - i];
                if (s != b && s != 1) {
                    return false;
                }
            }
            return true;
        }
    }
}
