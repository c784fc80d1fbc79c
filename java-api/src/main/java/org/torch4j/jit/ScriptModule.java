package org.torch4j.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.FunctionVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.NamedJitModule;
import org.bytedeco.pytorch.NamedTensor;
import org.bytedeco.pytorch.named_buffer_iterator;
import org.bytedeco.pytorch.named_buffer_list;
import org.bytedeco.pytorch.named_module_iterator;
import org.bytedeco.pytorch.named_module_list;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.named_parameter_list;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.internal.Native;

/**
 * A TorchScript module loaded from a file that Python wrote with {@code torch.jit.script(m).save(path)}
 * or {@code torch.jit.trace(m, example).save(path)}: the Java counterpart of
 * {@code torch.jit.load(path)}.
 * <pre>{@code
 * try (ScriptModule m = ScriptModule.load(Path.of("model.pt"));   // m = torch.jit.load("model.pt")
 *      Scope s = Scope.open();
 *      Grad.Guard g = Grad.inferenceMode()) {                      // with torch.inference_mode():
 *     Tensor y = m.forward(x);                                      //     y = m(x)
 *     Tuple pair = (Tuple) m.run("pair", x, 3L);             //     pair = m.pair(x, 3)
 * }
 * }</pre>
 *
 * <h2>Values</h2>
 * {@link #run} converts its arguments and result between Java and TorchScript: {@link Tensor};
 * {@code int} ↔ {@link Long} (Integer, Short and Byte are accepted); {@code float} ↔
 * {@link Double} (Float accepted); {@code bool} ↔ {@link Boolean}; {@code str} ↔ {@link String};
 * {@code None} ↔ null; a tuple ↔ {@link org.torch4j.Tuple} (the tuple type of {@link org.torch4j.Torch#load} too; an {@code Object[]} argument is a tuple as well); a list ↔ {@link List}; a dict ↔ {@link Map}
 * (arguments need String keys; results keep TorchScript's order). Lists and dicts passed in take
 * their element type from their elements, as Python's TorchScript infers it (an empty one is of
 * Tensor). Lists and maps returned are unmodifiable.
 *
 * <h2>Who frees what</h2>
 * The module owns its native TorchScript module: {@link #close()} frees it (deterministically; a
 * module dropped unclosed is freed by the same Cleaner safety net as unscoped tensors). Every tensor
 * this class returns — from {@link #forward}, {@link #run}, {@link #namedParameters()},
 * {@link #namedBuffers()} and {@link #stateDict()} — is a new torch4j tensor owned by the caller:
 * the current {@link org.torch4j.Scope} frees it, or, outside a scope, {@code close()} (or the
 * safety net). Parameters and buffers returned share storage with the module's (in-place changes
 * show through, as in PyTorch) and stay valid after the module is closed. Argument tensors stay
 * the caller's.
 *
 * <h2>Threads</h2>
 * {@link #forward} and {@link #run} may be called from many threads at once on one module (each
 * call runs its own TorchScript interpreter frame; grad and inference mode are per thread).
 * {@link #train}, {@link #eval} and {@link #to} wait for running calls and hold later ones until
 * they finish. {@link #close()} may be called from any thread at any time: a call in flight
 * finishes on the still-alive native module (the free is deferred to the last one), and every
 * later call throws {@link IllegalStateException}. Nothing can crash the JVM.
 *
 * <h2>Errors</h2>
 * A missing, truncated or corrupt file, a file from a newer PyTorch, a method the module does not
 * have, and wrong argument counts or types each give one {@link TorchException} whose message
 * names the file and method and carries LibTorch's first line (never its C++ frames).
 */
public final class ScriptModule implements AutoCloseable {
    // lifetime state as in Tensor: bit 0 CLOSED, bit 1 FREED, bits 2.. calls in flight (leases)
    private static final int CLOSED = 1;
    private static final int FREED = 2;
    private static final int LEASE = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ScriptModule.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Native modules loaded and not yet freed (by close() or the safety net). */
    private static final java.util.concurrent.atomic.LongAdder LIVE = new java.util.concurrent.atomic.LongAdder();

    private final JitModule m;
    private final String name;
    private final List<String> methods;
    private final Cleaner.Cleanable cleanable;
    /** Readers: calls; writer: train/eval/to, which change the module's state in place. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    private ScriptModule(JitModule m, String name, List<String> methods, long bytes) {
        this.m = m;
        this.name = name;
        this.methods = methods;
        LIVE.increment();
        this.cleanable = Native.track(this, new Free(m), bytes);
    }

    /** How many loaded modules are not yet freed (closed, or collected by the safety net): a leak check. */
    public static long liveCount() {
        return LIVE.sum();
    }

    /** Frees the native module; refers only to it (never to the ScriptModule), as the Cleaner requires. */
    private static final class Free implements Runnable {
        private final JitModule m;

        Free(JitModule m) {
            this.m = m;
        }

        @Override
        public void run() {
            m.close();
            LIVE.decrement();
        }
    }

    /**
     * {@code torch.jit.load(path)}: loads a TorchScript file onto the devices it was saved from.
     *
     * @throws TorchException       if the file is missing, unreadable, not TorchScript, corrupt,
     *                              or written by a newer PyTorch (the message names the file)
     * @throws NullPointerException if {@code path} is null
     */
    public static ScriptModule load(Path path) {
        return load(path, null);
    }

    /**
     * {@code torch.jit.load(path, map_location=device)}: loads a TorchScript file with every
     * parameter and buffer on {@code device} (null: where they were saved).
     *
     * @throws TorchException if the file cannot be loaded (see {@link #load(Path)}) or the device
     *                        is not available
     */
    public static ScriptModule load(Path path, Device device) {
        Objects.requireNonNull(path, "path");
        String op = "ScriptModule.load(" + path + ")";
        if (!Files.isRegularFile(path)) {
            throw new TorchException(op + ": no such file" + (Files.exists(path) ? " (not a regular file)" : ""));
        }
        if (device != null) {
            Torch.checkAvailable(device);
        }
        JitModule jm;
        try {
            if (device == null) {
                jm = torch.load(path.toString());
            } else {
                try (DeviceOptional d = new DeviceOptional(device.toNative())) {
                    jm = torch.load(path.toString(), d, false);
                }
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, op);
        }
        try {
            return new ScriptModule(jm, path.getFileName().toString(), methodsOf(jm), stateBytes(jm));
        } catch (RuntimeException e) {
            jm.close();
            throw Native.fail(e, op);
        }
    }

    private static List<String> methodsOf(JitModule jm) {
        List<String> out = new ArrayList<>();
        try (FunctionVector fv = jm.type().methods()) {
            long n = fv.size();
            for (long i = 0; i < n; i++) {
                out.add(fv.get(i).name().getString(StandardCharsets.UTF_8));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static long stateBytes(JitModule jm) {
        long bytes = 0;
        try (named_parameter_list ps = jm.named_parameters(true); named_buffer_list bs = jm.named_buffers(true)) {
            named_parameter_iterator pi = ps.begin();
            for (long i = 0, n = ps.size(); i < n; i++, pi.increment()) {
                try (NamedTensor nt = pi.access()) {
                    bytes += nt.value().nbytes();
                }
            }
            named_buffer_iterator bi = bs.begin();
            for (long i = 0, n = bs.size(); i < n; i++, bi.increment()) {
                try (NamedTensor nt = bi.access()) {
                    bytes += nt.value().nbytes();
                }
            }
        }
        return bytes;
    }

    // ---------------------------------------------------------------- leases

    private JitModule lease(String op) {
        int s = (int) STATE.getAndAdd(this, LEASE);
        if ((s & CLOSED) != 0) {
            release();
            throw new IllegalStateException(this + " was closed; " + op + " cannot be called");
        }
        return m;
    }

    private void release() {
        int s = (int) STATE.getAndAdd(this, -LEASE) - LEASE;
        if (s == CLOSED && STATE.compareAndSet(this, CLOSED, CLOSED | FREED)) {
            cleanable.clean();
        }
    }

    /**
     * Frees the native module now — or, if calls are running on other threads, when the last of
     * them returns. Idempotent; every later call throws {@link IllegalStateException}. Tensors the
     * module returned earlier stay valid.
     */
    @Override
    public void close() {
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        if (s == 0 && STATE.compareAndSet(this, CLOSED, CLOSED | FREED)) {
            cleanable.clean();
        }
    }

    /** True once {@link #close()} ran. */
    public boolean isClosed() {
        return ((int) STATE.getVolatile(this) & CLOSED) != 0;
    }

    // ---------------------------------------------------------------- calls

    /**
     * {@code module(*inputs)}: runs {@code forward} on tensors and returns its tensor result (a
     * new tensor, the caller's: see the class comment). Runs in the calling thread's grad mode:
     * wrap it in {@link org.torch4j.autograd.Grad#inferenceMode()} (or {@code noGrad()}) for
     * inference, as Python code wraps it in {@code torch.inference_mode()}.
     *
     * @throws TorchException        if LibTorch rejects the inputs (count, types, shapes), or
     *                               forward returns something other than a tensor (use
     *                               {@link #run} for those)
     * @throws NullPointerException  if an input is null
     * @throws IllegalStateException if this module or an input was closed
     */
    public Tensor forward(Tensor... inputs) {
        Objects.requireNonNull(inputs, "inputs");
        String op = this + ".forward";
        JitModule jm = lease("forward");
        try (IValues conv = new IValues(op)) {
            lock.readLock().lock();
            try {
                IValue out = jm.forward(conv.tensors(inputs));
                try {
                    if (!out.isTensor()) {
                        throw new TorchException(op + ": forward returned a " + out.tagKind().getString()
                                + ", not a Tensor; call run(\"forward\", ...) for non-tensor results");
                    }
                    return Native.adopt(new org.bytedeco.pytorch.Tensor(out.toTensor()));
                } finally {
                    out.close();
                }
            } finally {
                lock.readLock().unlock();
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, op, (Object[]) inputs);
        } finally {
            release();
        }
    }

    /**
     * {@code getattr(module, methodName)(*args)}: runs any method of the module ({@code forward}
     * or one exported with {@code @torch.jit.export}) with Java values converted as the class
     * comment says, and returns its result converted back (tensors in it are the caller's).
     *
     * @throws TorchException            if the module has no such method, or LibTorch rejects the
     *                                   arguments (the message names the file and method)
     * @throws IllegalArgumentException  if an argument has a Java type TorchScript cannot take
     * @throws IllegalStateException     if this module or an argument tensor was closed
     * @throws UnsupportedOperationException if the result holds a value torch4j does not convert
     *                                   (a module object, a device, a future)
     */
    public Object run(String methodName, Object... args) {
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(args, "args");
        String op = this + "." + methodName;
        if (!methods.contains(methodName)) {
            throw new TorchException(op + ": the module has no method '" + methodName + "' (its methods: "
                    + String.join(", ", methods) + ")");
        }
        JitModule jm = lease(methodName);
        try (IValues conv = new IValues(op)) {
            lock.readLock().lock();
            try (org.bytedeco.pytorch.Method meth = jm.get_method(methodName)) {
                IValue out = meth.apply(conv.vector(args));
                try {
                    return conv.toJava(out);
                } finally {
                    out.close();
                }
            } finally {
                lock.readLock().unlock();
            }
        } catch (RuntimeException e) {
            throw Native.fail(e, op, describe(args));
        } finally {
            release();
        }
    }

    private static Object[] describe(Object[] args) {
        Object[] d = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            d[i] = a instanceof Tensor ? a
                    : a instanceof List<?> l ? "list[" + l.size() + "]"
                    : a instanceof Map<?, ?> mp ? "dict[" + mp.size() + "]"
                    : a instanceof Object[] t ? "tuple[" + t.length + "]"
                    : a instanceof org.torch4j.Tuple t ? "tuple[" + t.size() + "]"
                    : a == null ? "None" : a.getClass().getSimpleName();
        }
        return d;
    }

    /** The names of the module's methods ({@code forward} and the exported ones), in TorchScript's order. */
    public List<String> methodNames() {
        return methods;
    }

    // ---------------------------------------------------------------- state

    /**
     * {@code dict(module.named_parameters())}: every parameter with its dotted name, in PyTorch's
     * order. New tensors sharing the parameters' storage, owned by the caller.
     */
    public Map<String, Tensor> namedParameters() {
        JitModule jm = lease("namedParameters");
        lock.readLock().lock();
        try (named_parameter_list ps = jm.named_parameters(true)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            named_parameter_iterator it = ps.begin();
            for (long i = 0, n = ps.size(); i < n; i++, it.increment()) {
                put(out, "", it.access(), false);
            }
            return Collections.unmodifiableMap(out);
        } catch (RuntimeException e) {
            throw Native.fail(e, this + ".namedParameters");
        } finally {
            lock.readLock().unlock();
            release();
        }
    }

    /**
     * {@code dict(module.named_buffers())}: every buffer (such as BatchNorm's running statistics)
     * with its dotted name. New tensors sharing the buffers' storage, owned by the caller.
     */
    public Map<String, Tensor> namedBuffers() {
        JitModule jm = lease("namedBuffers");
        lock.readLock().lock();
        try (named_buffer_list bs = jm.named_buffers(true)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            named_buffer_iterator it = bs.begin();
            for (long i = 0, n = bs.size(); i < n; i++, it.increment()) {
                put(out, "", it.access(), false);
            }
            return Collections.unmodifiableMap(out);
        } catch (RuntimeException e) {
            throw Native.fail(e, this + ".namedBuffers");
        } finally {
            lock.readLock().unlock();
            release();
        }
    }

    /**
     * {@code module.state_dict()}: parameters and buffers, detached, in PyTorch's order (each
     * submodule's own parameters, then its buffers, then its children). New tensors owned by the
     * caller, sharing the module's storage.
     */
    public Map<String, Tensor> stateDict() {
        JitModule jm = lease("stateDict");
        lock.readLock().lock();
        try {
            Map<String, Tensor> out = new LinkedHashMap<>();
            collectState(jm, "", out);
            return Collections.unmodifiableMap(out);
        } catch (RuntimeException e) {
            throw Native.fail(e, this + ".stateDict");
        } finally {
            lock.readLock().unlock();
            release();
        }
    }

    private static void collectState(JitModule jm, String prefix, Map<String, Tensor> out) {
        try (named_parameter_list ps = jm.named_parameters(false)) {
            named_parameter_iterator it = ps.begin();
            for (long i = 0, n = ps.size(); i < n; i++, it.increment()) {
                put(out, prefix, it.access(), true);
            }
        }
        try (named_buffer_list bs = jm.named_buffers(false)) {
            named_buffer_iterator it = bs.begin();
            for (long i = 0, n = bs.size(); i < n; i++, it.increment()) {
                put(out, prefix, it.access(), true);
            }
        }
        try (named_module_list cs = jm.named_children()) {
            named_module_iterator it = cs.begin();
            for (long i = 0, n = cs.size(); i < n; i++, it.increment()) {
                try (NamedJitModule c = it.access()) {
                    collectState(c.value(), prefix + c.name().getString(StandardCharsets.UTF_8) + ".", out);
                }
            }
        }
    }

    private static void put(Map<String, Tensor> out, String prefix, NamedTensor nt, boolean detach) {
        try (nt) {
            org.bytedeco.pytorch.Tensor v = nt.value();
            org.bytedeco.pytorch.Tensor copy = detach ? v.detach() : new org.bytedeco.pytorch.Tensor(v);
            out.put(prefix + nt.name().getString(StandardCharsets.UTF_8), Native.adopt(copy));
        }
    }

    /** {@code module.training}: whether the module is in training mode. */
    public boolean isTraining() {
        JitModule jm = lease("isTraining");
        try {
            return jm.is_training();
        } finally {
            release();
        }
    }

    /** {@code module.train(mode)}: sets training mode on the module and every submodule; returns this. */
    public ScriptModule train(boolean mode) {
        JitModule jm = lease("train");
        lock.writeLock().lock();
        try {
            jm.train(mode);
            return this;
        } catch (RuntimeException e) {
            throw Native.fail(e, this + ".train");
        } finally {
            lock.writeLock().unlock();
            release();
        }
    }

    /** {@code module.train()}: training mode; returns this. */
    public ScriptModule train() {
        return train(true);
    }

    /** {@code module.eval()}: evaluation mode (dropout off, BatchNorm uses its running statistics); returns this. */
    public ScriptModule eval() {
        return train(false);
    }

    /**
     * {@code module.to(device)}: moves every parameter and buffer to {@code device} in place;
     * returns this. Tensors handed out earlier keep their device.
     *
     * @throws TorchException if the device is not available
     */
    public ScriptModule to(Device device) {
        Objects.requireNonNull(device, "device");
        Torch.checkAvailable(device);
        JitModule jm = lease("to");
        lock.writeLock().lock();
        try {
            jm.to(device.toNative());
            return this;
        } catch (RuntimeException e) {
            throw Native.fail(e, this + ".to(" + device + ")");
        } finally {
            lock.writeLock().unlock();
            release();
        }
    }

    /** "ScriptModule(file name)". */
    @Override
    public String toString() {
        return "ScriptModule(" + name + ")";
    }
}
