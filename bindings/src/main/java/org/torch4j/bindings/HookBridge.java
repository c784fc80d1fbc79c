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
 * built from stock nodes and post-hooks (docs/DESIGN.md, "Autograd", has the measurements).
 *
 * <h2>The graph of one application</h2>
 * The forward value {@code y} is computed by the caller with grad mode off. {@link #link} then
 * attaches {@code y} to each differentiable input {@code x_k} with
 * {@code y.put_(token, x_k.index_select(0, token), accumulate=true)}, where {@code token} is an
 * empty int64 tensor: nothing is read or written, so {@code y} keeps its exact bits, and each input
 * adds an {@code IndexSelectBackward0} node (whose gradient edge leads to {@code x_k}; a 0-dim
 * input is unsqueezed first) below the {@code PutBackward0} node that became {@code y}'s
 * {@code grad_fn}. A post-hook on the topmost Put node receives {@code dL/dy} and calls the Java
 * backward once; a post-hook on each IndexSelect node replaces the zeros that node computed for its
 * input with the gradient Java returned. A post-hook runs only after its node ran, and a node whose
 * saved values were freed refuses to run ("backward through the graph a second time"), so a hook
 * is never called for an application whose Java side was released. With several outputs (or
 * dtypes/devices that differ) the inputs are put into an empty "hub" tensor whose node calls the
 * Java backward, and each output is linked to the hub; hooks on the output nodes collect
 * {@code dL/dy_j} first (the engine runs the hub only after every output node that leads to it).
 *
 * <h2>Lifetime</h2>
 * JavaCPP holds callbacks only weakly, so every hook of an application is kept strongly reachable
 * here until its graph is gone. That moment is observed through {@code token}: a {@code from_blob}
 * tensor over an address that is distinct per live application, with a deleter. Every hooked node
 * saves {@code token} (Put saves its index, IndexSelect its index); LibTorch frees those saved
 * copies when the node ran in a backward that did not retain the graph, or when the node is
 * destroyed, and the deleter then releases the application (its hooks, and
 * {@link Callback#released()}). A hook runs before its own node frees its copy, so the release
 * never precedes a hook. Nothing here saves the inputs themselves: an input may change in place
 * after the forward unless the function saved it.
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
    private static final DeviceOptional NO_DEVICE = new DeviceOptional();
    private static final MemoryFormatOptional NO_MEMORY_FORMAT = new MemoryFormatOptional();
    private static final long[] EMPTY_1D = {0};
    private static final long[] UNIT_STRIDE = {1};
    private static final long[] ONE = {1};
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
        Graph g = new Graph(callback, sourceInput, simple ? 0 : outputs.length);
        Tensor token = register(g);
        try {
            if (simple) {
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
                hook(y, new CallHook(g));
                linked[0] = y;
            } else {
                Tensor hub = torch.empty(EMPTY_1D, outputs[0].options(), NO_MEMORY_FORMAT);
                try {
                    for (int k = 0; k < nIn; k++) {
                        try (Tensor sel = select(inputs[sourceInput[k]], token, g, k); Tensor c = convert(sel, hub)) {
                            hub.put_(token, c, true);
                        }
                    }
                    hook(hub, new CallHook(g));
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
                        hook(y, new CaptureHook(g, j));
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
     * An empty slice of {@code x} ({@code x.index_select(0, token)}, a 0-dim {@code x} unsqueezed
     * first) whose node carries the post-hook that puts input {@code k}'s gradient.
     */
    private static Tensor select(Tensor x, Tensor token, Graph g, int k) {
        boolean scalar = x.dim() == 0;
        Tensor sel;
        if (scalar) {
            try (Tensor u = x.unsqueeze(0)) {
                sel = u.index_select(0, token);
            }
        } else {
            sel = x.index_select(0, token);
        }
        hook(sel, new ReplaceHook(g, k, scalar));
        return sel;
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

    private static void hook(Tensor t, Hook h) {
        h.graph.hooks.add(h);
        try (Node node = t.grad_fn()) {
            node.add_post_hook(h);
        }
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

    private static final class Graph {
        final Callback callback;
        /** Input index of each source (input that requires grad), in link order. */
        final int[] sourceInput;
        /** Gradients computed by the call hook, waiting for the replace hook of their source. */
        TensorVector pending;
        /** General path: gradients of the outputs collected by the capture hooks in this pass. */
        final TensorVector captured;
        final java.util.ArrayList<Hook> hooks = new java.util.ArrayList<>(2);

        Graph(Callback callback, int[] sourceInput, int outputsToCapture) {
            this.callback = callback;
            this.sourceInput = sourceInput;
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
    }

    /** On the node reached last among the outputs': runs the Java backward once per pass. */
    private static final class CallHook extends Hook {
        CallHook(Graph graph) {
            super(graph);
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            Graph g = graph;
            int n = g.sourceInput.length;
            if (g.pending == null) {
                g.pending = new TensorVector(n);
            } else {
                for (int k = 0; k < n; k++) {
                    g.pending.put(k, UNDEFINED); // nothing stale from an earlier pass
                }
            }
            Tensor[] gradOutputs = gradOutputs(g, inputs);
            if (gradOutputs == null) {
                return outputs; // no gradient reached any output: every input gets none
            }
            try {
                Tensor[] result;
                try {
                    result = g.callback.backward(gradOutputs);
                } catch (Throwable t) {
                    throw CallbackErrors.escape(t, "Function " + g.callback.name() + ".backward threw " + t);
                }
                for (int k = 0; k < n; k++) {
                    int i = g.sourceInput[k];
                    Tensor r = i < result.length ? result[i] : null;
                    if (r != null && r.defined()) {
                        g.pending.put(k, r);
                    }
                }
            } finally {
                g.callback.endBackward();
                if (g.captured != null) {
                    for (Tensor t : gradOutputs) {
                        if (t != null) {
                            t.close();
                        }
                    }
                }
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
            if (!any) {
                return null;
            }
            return out;
        }
    }

    /**
     * On input {@code k}'s IndexSelect node: puts the gradient the call hook computed where the
     * node computed zeros ({@code outputs[0]}), checked as the engine checks a node's outputs: same
     * shape (or summed to it from a broadcast shape), converted to the input's dtype and device.
     */
    private static final class ReplaceHook extends Hook {
        private final int source;
        /** The input is 0-dim and was unsqueezed: the slot holds shape [1]. */
        private final boolean scalar;

        ReplaceHook(Graph graph, int source, boolean scalar) {
            super(graph);
            this.source = source;
            this.scalar = scalar;
        }

        @Override
        public TensorVector apply(TensorVector outputs, TensorVector inputs) {
            TensorVector pending = graph.pending;
            if (pending == null) {
                return outputs; // the call hook did not run in this pass
            }
            Tensor g = pending.get(source);
            try {
                place(outputs, g);
            } finally {
                pending.put(source, UNDEFINED);
            }
            return outputs;
        }

        private void place(TensorVector outputs, Tensor g) {
            Tensor expected = outputs.get(0);
            if (!expected.defined()) {
                return; // this backward pass does not need the gradient of that input
            }
            if (!g.defined()) {
                outputs.put(0, UNDEFINED);
                return;
            }
            if (!scalar && g.is_same_size(expected) && sameDtype(g, expected) && sameDevice(g, expected)) {
                outputs.put(0, g);
                return;
            }
            try (Tensor fixed = conform(g, expected)) {
                outputs.put(0, fixed);
            }
        }

        private Tensor conform(Tensor g, Tensor expected) {
            long[] want = scalar ? new long[0] : expected.sizes().vec().get();
            long[] got = g.sizes().vec().get();
            Tensor r = new Tensor(g);
            if (!Arrays.equals(want, got)) {
                if (!expandable(want, got)) {
                    r.close();
                    String msg = "Function " + graph.callback.name() + ".backward returned an invalid gradient for input "
                            + graph.sourceInput[source] + ": got shape " + Arrays.toString(got)
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
            if (scalar) {
                Tensor v = r.reshape(ONE);
                r.close();
                r = v;
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
