package org.torch4j.bindings;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.FunctionPostHook;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.PointerConsumer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Puts a Java-defined backward into LibTorch's autograd graph: the machinery under
 * {@code org.torch4j.autograd.Function}. LibTorch's own {@code torch::autograd::Function} is not
 * mapped by the presets and a {@code Node} cannot be subclassed from Java, so a custom function is
 * built from stock nodes and post-hooks (measured behaviour: docs/DESIGN.md, "Autograd").
 *
 * <h2>The graph of one application</h2>
 * The forward value {@code y} is computed by the caller with grad mode off. {@link #link} then
 * attaches {@code y} to each differentiable input {@code x_k} with
 * {@code y.masked_scatter_(mask, x_k)}, where {@code mask} is a 0-dim {@code false}: no element is
 * written, so {@code y} keeps its exact bits, and each call adds one {@code MaskedScatterBackward0}
 * node whose "source" gradient edge leads to {@code x_k}. A post-hook on the topmost node receives
 * {@code dL/dy}, calls the Java backward once and replaces the (zero) gradient that node computed
 * for its input with the one Java returned; post-hooks on the lower nodes do the same for the other
 * inputs. A post-hook runs only after its node ran, and a node whose saved values were freed
 * refuses to run ("backward through the graph a second time"), so a hook can never be called for a
 * graph whose Java side was released. With several outputs (or dtypes/devices that differ) each
 * input is first linked into its own empty tensor, those meet in an empty "hub" tensor whose
 * node calls the Java backward, and each output is linked to the hub; hooks on the output nodes
 * collect {@code dL/dy_j} first (the engine runs the hub only after every output node that
 * leads to it).
 *
 * <h2>Lifetime</h2>
 * JavaCPP holds callbacks only weakly, so every hook of an application is kept strongly reachable
 * here until the graph is gone. The graph's lifetime is observed through {@code mask}: it is a
 * {@code from_blob} view of one byte of a never-freed zeroed slab, distinct per live application,
 * with a deleter. Every hooked node saves {@code mask}; LibTorch frees those saved copies when
 * the node ran in a backward that did not retain the graph, or when the node is destroyed, and the
 * deleter then releases the application (its hooks, and its {@link Callback#released()}). A hook
 * runs before its own node frees its copy, so the release never precedes a hook.
 *
 * <p>One application must not be back-propagated by two threads at the same time (the hooks pass
 * gradients to each other through the application's state); separate applications are independent.
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
    /** Zeroed native slabs, never freed; byte {@code slot % SLAB} of slab {@code slot / SLAB} is a slot's mask. */
    private static long[] slabAddresses = new long[0];
    @SuppressWarnings("unused") // keeps the slabs' memory alive
    private static BytePointer[] slabs = new BytePointer[0];
    private static Graph[] graphs = new Graph[0];
    private static int[] freeSlots = new int[0];
    private static int freeCount;

    private static final LongAdder LIVE = new LongAdder();
    private static final LongAdder LINKED = new LongAdder();

    private static final TensorOptions BOOL = new TensorOptions(torch.ScalarType.Bool);
    private static final DeviceOptional NO_DEVICE = new DeviceOptional();
    private static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();
    private static final long[] NO_DIMS = new long[0];
    private static final long[] EMPTY_1D = {0};
    private static final Tensor UNDEFINED = new Tensor();

    /** The one deleter of every mask; must stay reachable for the JVM's lifetime (JavaCPP holds it weakly). */
    private static final PointerConsumer DELETER = new PointerConsumer() {
        @Override
        public void call(Pointer data) {
            release(data.address());
        }
    };

    private HookBridge() {
    }

    /** Applications whose graph is still alive (their hooks and Java state are retained). */
    public static long liveGraphs() {
        return LIVE.sum();
    }

    /** Applications linked so far in this JVM. */
    public static long linkedGraphs() {
        return LINKED.sum();
    }

    /** The version counter of {@code t} (bumped by every in-place change of its data). */
    public static long version(Tensor t) {
        return t._version();
    }

    /**
     * Links {@code outputs} (computed with grad mode off) to the {@code inputs} that require grad.
     * Returns the linked outputs: the same object where the link was made in place, or a new tensor
     * (owned by the caller) where an output could not be modified: a view, an input itself, or a
     * tensor that already has autograd history. Must be called with grad mode on, with at least one
     * output and one input that requires grad; {@code inputs} may hold nulls.
     */
    public static Tensor[] link(Tensor[] outputs, Tensor[] inputs, Callback callback) {
        int nIn = 0;
        for (Tensor x : inputs) {
            if (requiresGrad(x)) {
                nIn++;
            }
        }
        int[] sourceInput = new int[nIn];
        Tensor[] sources = new Tensor[nIn];
        for (int i = 0, k = 0; i < inputs.length; i++) {
            if (requiresGrad(inputs[i])) {
                sourceInput[k] = i;
                sources[k++] = inputs[i];
            }
        }
        if (nIn == 0 || outputs.length == 0) {
            throw new IllegalArgumentException("link: needs an output and an input that requires grad");
        }
        Tensor[] linked = outputs.clone();
        boolean simple = outputs.length == 1 && sameKind(outputs[0], sources);
        Graph g = new Graph(callback, sourceInput, simple ? 0 : outputs.length);
        Tensor mask = register(g);
        try {
            if (simple) {
                Tensor y = linkInto(outputs[0], mask, sources[0], inputs);
                linked[0] = y;
                for (int k = 1; k < nIn; k++) {
                    hook(y, new ReplaceHook(g, k - 1));
                    y.masked_scatter_(mask, sources[k]);
                }
                hook(y, new CallHook(g, nIn - 1));
            } else {
                Tensor hub = torch.empty(EMPTY_1D, outputs[0].options(), NO_MEMORY_FORMAT);
                for (int k = 0; k < nIn; k++) {
                    Tensor x = sources[k];
                    try (Tensor s = torch.empty(EMPTY_1D, x.options(), NO_MEMORY_FORMAT)) {
                        s.masked_scatter_(mask, x);
                        hook(s, new ReplaceHook(g, k));
                        try (Tensor c = convert(s, hub)) {
                            hub.masked_scatter_(mask, c);
                        }
                    }
                }
                hook(hub, new CallHook(g, -1));
                try {
                    for (int j = 0; j < outputs.length; j++) {
                        try (Tensor c = convert(hub, outputs[j])) {
                            linked[j] = linkInto(outputs[j], mask, c, inputs);
                        }
                        hook(linked[j], new CaptureHook(g, j));
                    }
                } finally {
                    hub.close();
                }
            }
            LINKED.increment();
            return linked;
        } finally {
            mask.close(); // from now on only the graph's nodes hold the mask
        }
    }

    private static boolean requiresGrad(Tensor x) {
        return x != null && x.requires_grad();
    }

    /** One output and every input of its dtype and device: each input links straight into it. */
    private static boolean sameKind(Tensor y, Tensor[] sources) {
        for (Tensor x : sources) {
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

    /** {@code y} linked to {@code source}: in place when {@code y} is a fresh tensor, else a linked copy. */
    private static Tensor linkInto(Tensor y, Tensor mask, Tensor source, Tensor[] inputs) {
        if (!y.requires_grad() && !y.is_view() && !isInput(y, inputs)) {
            y.masked_scatter_(mask, source);
            return y;
        }
        try (Tensor d = y.detach()) {
            return d.masked_scatter(mask, source);
        }
    }

    private static boolean isInput(Tensor y, Tensor[] inputs) {
        for (Tensor x : inputs) {
            if (x != null && x.is_same(y)) {
                return true;
            }
        }
        return false;
    }

    private static void hook(Tensor t, Hook h) {
        h.graph.hooks.add(h);
        try (Node node = t.grad_fn()) {
            node.add_post_hook(h);
        }
    }

    // ------------------------------------------------------------------ registry of live applications

    /** Takes a free slot for {@code g} and returns its mask (a 0-dim false whose deleter releases {@code g}). */
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
            return torch.from_blob(new Address(address), NO_DIMS, NO_DIMS, DELETER, BOOL, NO_DEVICE);
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

    /** Called by the mask's deleter (any thread, from inside LibTorch): must never throw. */
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

    private static final class Graph {
        final Callback callback;
        /** Input index of each source (input that requires grad), in link order. */
        final int[] sourceInput;
        /** Gradients computed by the call hook, waiting for the replace hook of their source. */
        final TensorVector pending;
        /** General path: gradients of the outputs collected by the capture hooks in this pass. */
        final TensorVector captured;
        final java.util.ArrayList<Hook> hooks = new java.util.ArrayList<>(2);

        Graph(Callback callback, int[] sourceInput, int outputsToCapture) {
            this.callback = callback;
            this.sourceInput = sourceInput;
            this.pending = sourceInput.length > 1 || outputsToCapture > 0 ? new TensorVector(sourceInput.length) : null;
            this.captured = outputsToCapture > 0 ? new TensorVector(outputsToCapture) : null;
        }

        void release() {
            hooks.clear();
            if (pending != null) {
                pending.close();
            }
            if (captured != null) {
                captured.close();
            }
            callback.released();
        }
    }

    private abstract static class Hook extends FunctionPostHook {
        final Graph graph;

        Hook(Graph graph) {
            this.graph = graph;
        }

        /**
         * Puts gradient {@code g} for source {@code k} where the node computed its zeros
         * ({@code outputs[1]}, the masked_scatter "source" slot), checked as the engine checks a
         * node's outputs: same shape (or summed to it from a broadcast shape), dtype converted.
         */
        void place(TensorVector outputs, int k, Tensor g) {
            Tensor expected = outputs.get(1);
            if (!expected.defined()) {
                return; // this backward pass does not need the gradient of that input
            }
            if (g == null || !g.defined()) {
                outputs.put(1, UNDEFINED);
                return;
            }
            if (g.is_same_size(expected) && sameDtype(g, expected) && sameDevice(g, expected)) {
                outputs.put(1, g);
                return;
            }
            try (Tensor fixed = conform(g, expected, k)) {
                outputs.put(1, fixed);
            }
        }

        private Tensor conform(Tensor g, Tensor expected, int k) {
            long[] want = expected.sizes().vec().get();
            long[] got = g.sizes().vec().get();
            Tensor r = new Tensor(g);
            if (!Arrays.equals(want, got)) {
                if (!expandable(want, got)) {
                    r.close();
                    String msg = "Function " + graph.callback.name() + ".backward returned an invalid gradient for input "
                            + graph.sourceInput[k] + ": got shape " + Arrays.toString(got)
                            + " but expected shape compatible with " + Arrays.toString(want);
                    throw CallbackErrors.escape(new IllegalArgumentException(msg), msg);
                }
                Tensor s = r.sum_to_size(want);
                r.close();
                r = s;
            }
            if (!sameDtype(r, expected) || !sameDevice(r, expected)) {
                Tensor c = r.to(expected.device(), expected.scalar_type());
                r.close();
                r = c;
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

    /** On the node that is reached last among the outputs: runs the Java backward once per pass. */
    private static final class CallHook extends Hook {
        /** Source whose gradient this node itself carries, or -1 for the hub. */
        private final int own;

        CallHook(Graph graph, int own) {
            super(graph);
            this.own = own;
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            Graph g = graph;
            Tensor[] gradOutputs = gradOutputs(g, inputs);
            int n = g.sourceInput.length;
            if (g.pending != null) {
                for (int k = 0; k < n; k++) {
                    g.pending.put(k, UNDEFINED); // nothing stale from an earlier pass
                }
            }
            if (gradOutputs == null) {
                return outputs; // no gradient reached any output: every input gets none
            }
            Tensor[] result;
            try {
                result = g.callback.backward(gradOutputs);
            } catch (Throwable t) {
                g.callback.endBackward();
                throw CallbackErrors.escape(t, "Function " + g.callback.name() + ".backward threw " + t);
            }
            try {
                for (int k = 0; k < n; k++) {
                    int i = g.sourceInput[k];
                    Tensor r = i < result.length ? result[i] : null;
                    if (k == own) {
                        place(outputs, k, r);
                    } else if (r != null && r.defined()) {
                        g.pending.put(k, r);
                    }
                }
            } finally {
                g.callback.endBackward();
            }
            return outputs;
        }

        private static Tensor[] gradOutputs(Graph g, TensorVector inputs) {
            if (g.captured == null) {
                Tensor gy = inputs.get(0);
                return gy.defined() ? new Tensor[] {gy} : null;
            }
            int m = (int) g.captured.size();
            Tensor[] out = new Tensor[m];
            boolean any = false;
            for (int j = 0; j < m; j++) {
                Tensor t = g.captured.get(j);
                if (t.defined()) {
                    out[j] = new Tensor(t); // own it: the slot is cleared below
                    any = true;
                }
                g.captured.put(j, UNDEFINED);
            }
            return any ? out : null;
        }
    }

    /** On a lower node: puts the gradient the call hook computed for its source. */
    private static final class ReplaceHook extends Hook {
        private final int source;

        ReplaceHook(Graph graph, int source) {
            super(graph);
            this.source = source;
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            TensorVector pending = graph.pending;
            Tensor g = pending.get(source);
            try {
                place(outputs, source, g);
            } finally {
                pending.put(source, UNDEFINED);
            }
            return outputs;
        }
    }

    /** On an output's node (general path): records {@code dL/dy_j} for the hub's call hook. */
    private static final class CaptureHook extends Hook {
        private final int output;

        CaptureHook(Graph graph, int output) {
            super(graph);
            this.output = output;
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            graph.captured.put(output, inputs.get(0));
            return outputs;
        }
    }
}
