package org.torch4j.autograd;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.bindings.HookBridge;
import org.torch4j.internal.Native;

/**
 * What one application of a {@link Function} carries from {@code forward} to {@code backward}: the
 * counterpart of PyTorch's {@code ctx}.
 *
 * <ul>
 *   <li>{@link #saveForBackward} keeps tensors for the backward; {@link #savedTensors()} gives them
 *       back. The context holds its own references, so the caller may close the originals (or
 *       their scope may close) before the backward runs. They are released when the graph is gone
 *       (after a backward that did not retain it, or when the outputs are freed). A saved tensor is
 *       kept detached: the same data and version counter, no autograd history (backward runs with
 *       grad mode off, and backward of a backward through a Function is not supported). So the
 *       context never holds the history of what it saved, and {@code x.copy_(f.apply(x))} or any
 *       in-place op on a saved input makes no reference cycle through it. Modifying a saved tensor
 *       in place before the backward is an error, as in PyTorch.</li>
 *   <li>{@link #put}/{@link #get} stash non-tensor values ({@code ctx.constant = c} in Python). A
 *       tensor stashed there is an ordinary Java reference: if its history leads back to this
 *       application, graph and context keep each other alive (PyTorch warns the same about tensors
 *       set on {@code ctx}); save tensors with {@link #saveForBackward}.</li>
 *   <li>{@link #needsInputGrad(int)} tells whether input {@code i} requires a gradient.</li>
 *   <li>{@link #setMaterializeGrads(boolean)}: by default an output that no gradient reached is
 *       given to {@code backward} as zeros of its shape; with {@code false}, as {@code null}.</li>
 * </ul>
 * A context is used by one application on one thread at a time; its tensors belong to it, so do
 * not close them.
 */
public final class FunctionContext {
    private static final Tensor[] NONE = new Tensor[0];

    private final Function function;
    private final boolean[] needsInputGrad;
    private final boolean anyNeedsGrad;
    private Tensor[] saved = NONE;
    private long[] savedVersions;
    private Map<String, Object> values;
    private boolean materializeGrads = true;
    private Tensor[] nonDifferentiable = NONE;
    /** Shape and dtype of each linked output, kept only when there are several (to materialise zeros). */
    private long[][] outputShapes;
    private DType[] outputDTypes;
    private volatile boolean released;

    FunctionContext(Function function, Tensor[] inputs) {
        this.function = function;
        this.needsInputGrad = new boolean[inputs.length];
        boolean any = false;
        if (Grad.isEnabled()) {
            for (int i = 0; i < inputs.length; i++) {
                Tensor x = inputs[i];
                if (x != null && x.requiresGrad()) {
                    needsInputGrad[i] = true;
                    any = true;
                }
            }
        }
        this.anyNeedsGrad = any;
    }

    /** Number of inputs {@code apply} was called with. */
    public int numInputs() {
        return needsInputGrad.length;
    }

    /** Whether input {@code i} requires a gradient (grad mode on and the input requires grad). */
    public boolean needsInputGrad(int i) {
        Objects.checkIndex(i, needsInputGrad.length);
        return needsInputGrad[i];
    }

    /**
     * Saves tensors for the backward ({@code ctx.save_for_backward(...)}); call it at most once, from
     * {@code forward}. Entries may be null.
     */
    public void saveForBackward(Tensor... tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (saved.length > 0) {
            throw new IllegalStateException("saveForBackward: already called for this context");
        }
        Tensor[] s = new Tensor[tensors.length];
        try {
            for (int i = 0; i < tensors.length; i++) {
                s[i] = tensors[i] == null ? null : detached(tensors[i], "saveForBackward").unscoped();
            }
        } catch (RuntimeException e) {
            closeAll(s);
            throw e;
        }
        saved = s;
    }

    /** A new torch4j reference to {@code t}'s TensorImpl (same data and autograd identity), owned as results are. */
    static Tensor alias(Tensor t, String op) {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, op);
        try {
            return Native.adopt(new org.bytedeco.pytorch.Tensor(n));
        } catch (RuntimeException e) {
            throw Native.fail(e, op, t);
        } finally {
            Native.release(t);
        }
    }

    /**
     * {@code t.detach()}, owned as results are: shares {@code t}'s data and version counter but not
     * its autograd history, which could lead back to this application (a cycle).
     */
    private static Tensor detached(Tensor t, String op) {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, op);
        try {
            return Native.adopt(n.detach());
        } catch (RuntimeException e) {
            throw Native.fail(e, op, t);
        } finally {
            Native.release(t);
        }
    }

    /** The tensors given to {@link #saveForBackward}, in order (owned by this context: do not close them). */
    public List<Tensor> savedTensors() {
        checkUsable();
        return Collections.unmodifiableList(Arrays.asList(saved));
    }

    /** The {@code i}-th saved tensor. */
    public Tensor savedTensor(int i) {
        checkUsable();
        Objects.checkIndex(i, saved.length);
        return saved[i];
    }

    /** Stashes a non-tensor value for the backward. */
    public void put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (values == null) {
            values = new HashMap<>(4);
        }
        values.put(key, value);
    }

    /** A value stashed with {@link #put}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return values == null ? null : (T) values.get(key);
    }

    /**
     * Declares outputs that have no gradient ({@code ctx.mark_non_differentiable}): they are not
     * linked into the graph, and backward receives zeros (or null) for them. Non-floating outputs
     * are always non-differentiable.
     */
    public void markNonDifferentiable(Tensor... outputs) {
        Objects.requireNonNull(outputs, "outputs");
        Tensor[] all = Arrays.copyOf(nonDifferentiable, nonDifferentiable.length + outputs.length);
        System.arraycopy(outputs, 0, all, nonDifferentiable.length, outputs.length);
        nonDifferentiable = all;
    }

    /** Whether absent output gradients reach backward as zeros (default) or null. */
    public void setMaterializeGrads(boolean materialize) {
        this.materializeGrads = materialize;
    }

    private void checkUsable() {
        if (released) {
            throw new IllegalStateException("this FunctionContext was released: its graph is gone");
        }
    }

    // ------------------------------------------------------------------ used by Function

    boolean anyNeedsGrad() {
        return anyNeedsGrad;
    }

    /** The flags {@link #needsInputGrad(int)} reads (not copied: do not modify). */
    boolean[] needsInputGrad() {
        return needsInputGrad;
    }

    boolean isNonDifferentiable(Tensor t) {
        for (Tensor n : nonDifferentiable) {
            if (n == t) {
                return true;
            }
        }
        org.bytedeco.pytorch.Tensor n = Native.lease(t, function.name() + ".apply");
        try {
            return !HookBridge.isDifferentiable(n);
        } finally {
            Native.release(t);
        }
    }

    /** Records what backward needs to know about the linked outputs. */
    void linkedOutputs(Tensor[] outputs) {
        if (outputs.length > 1) {
            outputShapes = new long[outputs.length][];
            outputDTypes = new DType[outputs.length];
            for (int j = 0; j < outputs.length; j++) {
                outputShapes[j] = outputs[j].shape();
                outputDTypes[j] = outputs[j].dtype();
            }
        }
    }

    /**
     * After linking (which may have changed outputs in place): remember the versions of the saved
     * tensors, since changing one in place after this is an error in the backward. The outputs
     * marked non-differentiable are not needed any more.
     */
    void afterLink() {
        nonDifferentiable = NONE;
        if (saved.length == 0) {
            return;
        }
        long[] v = new long[saved.length];
        for (int i = 0; i < saved.length; i++) {
            if (saved[i] != null) {
                v[i] = version(saved[i]);
            }
        }
        savedVersions = v;
    }

    private long version(Tensor t) {
        org.bytedeco.pytorch.Tensor n = Native.lease(t, function.name() + ".backward");
        try {
            return HookBridge.version(n);
        } finally {
            Native.release(t);
        }
    }

    private void checkVersions() {
        long[] v = savedVersions;
        if (v == null) {
            return;
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i] != null) {
                long now = version(saved[i]);
                if (now != v[i]) {
                    throw new TorchException("one of the variables needed for gradient computation has been modified by an "
                            + "inplace operation: saved tensor " + i + " of " + function.name() + " is at version " + now
                            + "; expected version " + v[i] + " instead");
                }
            }
        }
    }

    /** No graph was made: free what forward saved now. */
    void discard() {
        release();
    }

    private void release() {
        released = true;
        Tensor[] s = saved;
        saved = NONE;
        closeAll(s);
    }

    private static void closeAll(Tensor[] ts) {
        for (Tensor t : ts) {
            if (t != null) {
                t.close();
            }
        }
    }

    /** The bridge's view of this context (kept off the public API: it speaks presets types). */
    HookBridge.Callback callback() {
        return new Callback();
    }

    /** Called by the bridge with the application's monitor held: one backward at a time. */
    private final class Callback implements HookBridge.Callback {
        private Scope scope;
        private Tensor[] leased;

        @Override
        public org.bytedeco.pytorch.Tensor[] backward(org.bytedeco.pytorch.Tensor[] gradOutputs) {
            scope = Scope.open();
            Tensor[] grads = new Tensor[gradOutputs.length];
            for (int j = 0; j < grads.length; j++) {
                if (gradOutputs[j] != null) {
                    grads[j] = Tensor.wrap(gradOutputs[j]);
                } else if (materializeGrads) {
                    grads[j] = Torch.zeros(outputDTypes[j], outputShapes[j]);
                }
            }
            checkUsable();
            checkVersions();
            Tensor[] result = function.backward(FunctionContext.this, grads);
            int n = needsInputGrad.length;
            if (result == null || result.length != n) {
                throw new IllegalStateException("function " + function.name() + ".backward returned an incorrect number of "
                        + "gradients (expected " + n + ", got " + (result == null ? "null" : result.length) + ")");
            }
            org.bytedeco.pytorch.Tensor[] out = new org.bytedeco.pytorch.Tensor[n];
            Tensor[] gradients = new Tensor[n];
            leased = gradients; // filled as leases succeed: endBackward releases exactly those
            for (int i = 0; i < n; i++) {
                if (needsInputGrad[i] && result[i] != null) {
                    // leased until endBackward, when LibTorch has taken its own reference
                    out[i] = Native.lease(result[i], function.name() + ".backward");
                    gradients[i] = result[i];
                }
            }
            return out;
        }

        @Override
        public void endBackward() {
            Tensor[] g = leased;
            leased = null;
            if (g != null) {
                Native.releaseAll(g);
            }
            Scope s = scope;
            scope = null;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void released() {
            release();
        }

        @Override
        public String name() {
            return function.name();
        }
    }
}
