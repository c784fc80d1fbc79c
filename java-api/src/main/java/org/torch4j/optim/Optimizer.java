package org.torch4j.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.bytedeco.pytorch.OptimizerOptions;
import org.bytedeco.pytorch.OptimizerParamGroup;
import org.bytedeco.pytorch.TensorVector;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.bindings.LibTorch;

/**
 * Base of the optimizers, the Java counterpart of {@code torch.optim.Optimizer}. Every optimizer
 * here wraps LibTorch's own {@code torch::optim} implementation, so a parameter update rounds
 * exactly as PyTorch's does (a hand-written Java update would drift from PyTorch's numbers after a
 * few steps).
 *
 * <pre>{@code
 * try (SGD optimizer = new SGD(model.parameters(), new SGD.Options(1e-8).withMomentum(0.9))) {
 *     for (...) {
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 *
 * <h2>Memory</h2>
 * The optimizer keeps its own native references to the parameters (so it stays safe even if the
 * module that owned them is closed first) and owns its state (momentum buffers, running
 * averages); {@link #close()} frees both. After {@code close()} every method throws
 * {@link IllegalStateException}. Not thread-safe.
 */
public abstract sealed class Optimizer implements AutoCloseable permits SGD, RMSprop, Adam {
    static {
        LibTorch.ensureLoaded();
    }

    private volatile org.bytedeco.pytorch.Optimizer impl;
    /**
     * Native calls hold the read lock, {@link #close()} the write lock: a close on another thread
     * waits for a step in flight instead of freeing the native optimizer under it.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock life = new java.util.concurrent.locks.ReentrantReadWriteLock();
    /** The Java parameter objects of each group, as the user passed them. */
    private final List<List<Tensor>> groups = new ArrayList<>();

    /** @param create makes the native optimizer from the first group's parameters */
    Optimizer(Iterable<Tensor> params, Function<TensorVector, org.bytedeco.pytorch.Optimizer> create) {
        List<Tensor> list = checkParams(params);
        try (TensorVector v = vector(list)) {
            impl = create.apply(v);
        } catch (RuntimeException e) {
            throw error(e, getClass().getSimpleName());
        }
        groups.add(List.copyOf(list));
    }

    private List<Tensor> checkParams(Iterable<Tensor> params) {
        Objects.requireNonNull(params, "params");
        List<Tensor> list = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : params) {
            if (t == null) {
                throw new NullPointerException("optimizer: a parameter is null");
            }
            if (t.isClosed()) {
                throw new IllegalStateException("optimizer: a parameter was closed");
            }
            if (!t.isLeaf()) {
                throw new IllegalArgumentException("optimizer: can't optimize a non-leaf Tensor (" + t.dtype() + java.util.Arrays.toString(t.shape()) + ")");
            }
            if (!seen.add(t)) {
                throw new IllegalArgumentException("optimizer: a parameter appears twice in the list");
            }
            for (List<Tensor> g : groups) {
                for (Tensor other : g) {
                    if (other == t) {
                        throw new IllegalArgumentException("optimizer: some parameters appear in more than one parameter group");
                    }
                }
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        return list;
    }

    private static TensorVector vector(List<Tensor> list) {
        org.bytedeco.pytorch.Tensor[] natives = new org.bytedeco.pytorch.Tensor[list.size()];
        for (int i = 0; i < natives.length; i++) {
            natives[i] = list.get(i).unwrap();
        }
        return new TensorVector(natives); // the vector holds its own references (copies)
    }

    org.bytedeco.pytorch.Optimizer impl() {
        org.bytedeco.pytorch.Optimizer o = impl;
        if (o == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was closed; it cannot be used");
        }
        return o;
    }

    /**
     * Adds a parameter group; {@code configure} is given the new group's native options (a copy of
     * this optimizer's defaults) to adjust before any step runs.
     */
    void addGroup(Iterable<Tensor> params, java.util.function.Consumer<OptimizerOptions> configure) {
        life.readLock().lock();
        try {
            org.bytedeco.pytorch.Optimizer o = impl();
            List<Tensor> list = checkParams(params);
            try (TensorVector v = vector(list); OptimizerParamGroup g = new OptimizerParamGroup(v)) {
                // LibTorch gives a group without options a clone of the defaults; we then set them in place.
                o.add_param_group(g);
                configure.accept(group(groups.size()).options());
            } catch (RuntimeException e) {
                throw error(e, "addParamGroup");
            }
            groups.add(List.copyOf(list));
        } finally {
            life.readLock().unlock();
        }
    }

    /** The learning rate of group {@code i}, read under the read lock. */
    private double groupLr(int i) {
        life.readLock().lock();
        try {
            return group(i).options().get_lr();
        } finally {
            life.readLock().unlock();
        }
    }

    /** Sets the learning rate of group {@code i} under the read lock. */
    private void setGroupLr(int i, double lr) {
        life.readLock().lock();
        try {
            group(i).options().set_lr(lr);
        } finally {
            life.readLock().unlock();
        }
    }

    /** The native group {@code i}; a reference into the optimizer, used at once and never kept. */
    private OptimizerParamGroup group(int i) {
        return impl().param_groups().get(i);
    }

    // ---------------------------------------------------------------- training

    /** {@code optimizer.step()}: updates every parameter that has a gradient (under no-grad). */
    public void step() {
        life.readLock().lock();
        try {
            org.bytedeco.pytorch.Optimizer o = impl();
            org.bytedeco.pytorch.Tensor r = o.step();
            r.close(); // the (undefined) loss a closure would have returned
        } catch (RuntimeException e) {
            throw error(e, getClass().getSimpleName() + ".step");
        } finally {
            life.readLock().unlock();
        }
    }

    /** {@code optimizer.zero_grad()}: sets every parameter's gradient to none (PyTorch's default since 2.0). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** {@code optimizer.zero_grad(set_to_none)}; with {@code false} the gradients are zeroed in place. */
    public void zeroGrad(boolean setToNone) {
        life.readLock().lock();
        try {
            org.bytedeco.pytorch.Optimizer o = impl();
            o.zero_grad(setToNone);
        } catch (RuntimeException e) {
            throw error(e, "zeroGrad");
        } finally {
            life.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- learning rate and groups

    /** The learning rate of the first parameter group ({@code param_groups[0]['lr']}). */
    public double lr() {
        return groupLr(0);
    }

    /** Sets the learning rate of every parameter group (what a scheduler does); takes effect at the next step. */
    public void setLr(double lr) {
        checkLr(lr);
        int n = groups.size();
        for (int i = 0; i < n; i++) {
            setGroupLr(i, lr);
        }
    }

    /** The parameter groups, in order ({@code optimizer.param_groups}). */
    public List<ParamGroup> paramGroups() {
        impl();
        List<ParamGroup> out = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            out.add(new ParamGroup(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** One parameter group: its parameters and its learning rate. */
    public final class ParamGroup {
        private final int index;

        private ParamGroup(int index) {
            this.index = index;
        }

        /** The parameters of this group, as they were given. */
        public List<Tensor> params() {
            impl();
            return groups.get(index);
        }

        /** {@code param_groups[i]['lr']}. */
        public double lr() {
            return groupLr(index);
        }

        /** {@code param_groups[i]['lr'] = lr}; takes effect at the next step. */
        public void setLr(double lr) {
            checkLr(lr);
            setGroupLr(index, lr);
        }

        @Override
        public String toString() {
            return "ParamGroup(" + index + ", " + groups.get(index).size() + " params, lr=" + lr() + ")";
        }
    }

    static void checkLr(double lr) {
        if (!(lr >= 0.0)) {
            throw new IllegalArgumentException("Invalid learning rate: " + lr);
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return impl == null;
    }

    /**
     * Frees the native optimizer, its state and its references to the parameters. Idempotent. A
     * close on another thread while a call is in flight waits for that call; later calls throw
     * IllegalStateException.
     */
    @Override
    public void close() {
        life.writeLock().lock(); // waits for calls in flight on other threads
        try {
            org.bytedeco.pytorch.Optimizer o = impl;
            if (o != null) {
                impl = null;
                o.close();
            }
        } finally {
            life.writeLock().unlock();
        }
    }

    static RuntimeException error(RuntimeException e, String op) {
        return org.torch4j.internal.Native.fail(e, op);
    }
}
