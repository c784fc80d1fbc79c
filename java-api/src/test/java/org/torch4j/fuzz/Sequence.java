package org.torch4j.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Function;
import org.torch4j.autograd.Grad;
import org.torch4j.jit.ScriptModule;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;

/**
 * One seeded random sequence of public calls: reflective calls on the whole {@link Surface}, plus
 * scenarios the reflection alone would rarely hit (scopes, closes, drops, autograd graphs,
 * misbehaving custom Functions, modules, optimizers, another thread using and closing the same
 * objects, GC). Every call's outcome is judged by {@link Verdict}; at the end everything is closed
 * and the live-tensor and live-Function counts must return to where they started.
 * The same seed replays the same calls (thread timing and GC aside).
 */
final class Sequence {
    /** {@code -Dfuzz.verbose=true}: one line per call with the live counts after it (to pin a finding down on replay). */
    static final boolean VERBOSE = Boolean.getBoolean("fuzz.verbose");
    final long seed;
    final Random r;
    final Surface surface;
    final Pool pool;
    final Args args;
    final Report out;
    final BitSet invoked;
    final BitSet completed;
    private final ArrayDeque<Scope> scopes = new ArrayDeque<>();
    private final ArrayDeque<Grad.Guard> guards = new ArrayDeque<>();
    private final String[] trace = new String[10];
    /** Scenarios this sequence ran that a leak report should mention. */
    final java.util.Set<String> notes = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());
    /** The pool of a helper thread started by {@link CrossThread}: results made there go to it. */
    final ThreadLocal<Pool> helperPool = new ThreadLocal<>();
    private int traced;
    /** The leak classifier of a replay ({@code -Dfuzz.cutHistories=true}), else null. */
    final HistoryCutter cutter = HistoryCutter.ON ? new HistoryCutter() : null;
    /** Calls made (by this thread and the helper threads it started). */
    final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    Sequence(long seed, Surface surface, Report out, BitSet invoked, BitSet completed) {
        this.seed = seed;
        this.r = new Random(seed);
        this.surface = surface;
        this.out = out;
        this.invoked = invoked;
        this.completed = completed;
        this.pool = new Pool(r, this);
        this.args = new Args(r, pool);
    }

    /** Runs {@code steps} random steps, then closes everything and checks the live counts. */
    void run(int steps) {
        long live0 = Torch.liveTensorCount();
        long ctx0 = Function.liveContexts();
        int threads0 = Torch.getNumThreads();
        try {
            for (int i = 0; i < steps; i++) {
                step();
            }
        } finally {
            long t0 = System.nanoTime();
            cleanup(threads0);
            Profile.add("end: cleanup", t0);
        }
        long t0 = System.nanoTime();
        String leak = checkLeaks(live0, ctx0);
        if (cutter == null) {
            if (leak != null) {
                out.finding("leak", seed, leak);
            }
        } else if (leak == null) {
            cutter.drop();
        } else {
            // a replay of the leak classifier: judge the leak of this very run by cutting histories now
            int cut = cutter.cutAll();
            String after = checkLeaks(live0, ctx0);
            int alive = cutter.alive();
            cutter.drop();
            if (after == null && alive == 0) {
                out.finding("cycle", seed, "LibTorch saved-variable cycle: cutting the history of " + cut
                        + " tensor(s) that only native references still held freed it: " + leak);
            } else {
                out.finding("leak", seed, (after != null ? after : leak) + " [cutting the history of " + cut
                        + " tensor(s) that only native references still held " + (after != null ? "did not free it"
                        : "freed it, but " + alive + " tensor(s) the sequence made stayed alive: held by something native") + "]");
            }
        }
        Profile.add("end: checkLeaks", t0);
    }

    private void step() {
        int d = r.nextInt(100);
        long t0 = Profile.ON ? System.nanoTime() : 0;
        step(d);
        if (Profile.ON) {
            Profile.add(d < 45 ? "reflective" : d < 51 ? "fresh" : d < 57 ? "scope" : d < 60 ? "close" : d < 62 ? "drop"
                    : d < 69 ? "autograd" : d < 75 ? "customFunction" : d < 80 ? "module" : d < 84 ? "optimizer"
                    : d < 87 ? "crossThread" : d < 88 ? "gc" : d < 91 ? "gradGuard" : d < 96 ? "conversion"
                    : d < 98 ? "inPlaceThroughView" : "scriptModule", t0);
        }
    }

    private void step(int d) {
        if (d < 45) {
            reflective();
        } else if (d < 51) {
            pool.fresh();
        } else if (d < 57) {
            scopeOp();
        } else if (d < 60) {
            Tensor t = pool.tensors.isEmpty() ? null : pool.tensors.get(r.nextInt(pool.tensors.size()));
            if (t != null) {
                attempt(() -> "close " + d(t), () -> {
                    t.close();
                    return null;
                });
            }
        } else if (d < 62) {
            pool.drop();
        } else if (d < 69) {
            autograd();
        } else if (d < 75) {
            customFunction();
        } else if (d < 80) {
            module();
        } else if (d < 84) {
            optimizer();
        } else if (d < 87) {
            new CrossThread(this).run();
        } else if (d < 88) {
            System.gc();
        } else if (d < 91) {
            gradGuard();
        } else if (d < 96) {
            conversion();
        } else if (d < 98) {
            inPlaceThroughView();
        } else {
            scriptModule();
        }
    }

    // ---------------------------------------------------------------- TorchScript

    /** A TorchScript module (PyTorch 1.13's scripted gate.pt): loads, random calls with random values, closes. */
    private void scriptModule() {
        ScriptModule m = (ScriptModule) pool.<AutoCloseable>pick(pool.others, ScriptModule.class);
        int k = r.nextInt(9);
        if (m == null || k == 0) {
            java.nio.file.Path file;
            try {
                file = org.torch4j.jit.JitModels.gate();
            } catch (AssertionError e) {
                notes.add("no TorchScript model (python3 with torch missing): ScriptModule not fuzzed");
                return;
            }
            attempt(() -> "ScriptModule.load(" + file + ")", () -> ScriptModule.load(file));
            return;
        }
        switch (k) {
            case 1, 2 -> {
                Tensor in = pool.tensorArg();
                attempt(() -> "forward " + m + " " + d(in), () -> m.forward(in));
            }
            case 3, 4 -> {
                List<String> names = new ArrayList<>(List.of("forward", "pair", "stats", "describe", "nested", "counts", "in_training", "nope"));
                String name = names.get(r.nextInt(names.size()));
                Object[] a = new Object[r.nextInt(5)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = jitValue(2);
                }
                attempt(() -> "run " + m + "." + name + java.util.Arrays.toString(a), () -> m.run(name, a));
            }
            case 5 -> attempt(() -> "state of " + m, () -> switch (r.nextInt(3)) {
                case 0 -> m.namedParameters();
                case 1 -> m.namedBuffers();
                default -> m.stateDict();
            });
            case 6 -> attempt(() -> "train/eval " + m, () -> m.train(r.nextBoolean()).isTraining());
            default -> attempt(() -> "close " + m, () -> {
                m.close();
                return null;
            });
        }
    }

    /** A random value run() accepts (or not: a StringBuilder, mixed lists, non-String keys). */
    private Object jitValue(int depth) {
        int k = r.nextInt(depth > 0 ? 11 : 7);
        return switch (k) {
            case 0, 1 -> pool.tensorArg();
            case 2 -> args.smallLong();
            case 3 -> args.aDouble();
            case 4 -> r.nextBoolean() ? "a" : "";
            case 5 -> r.nextBoolean();
            case 6 -> r.nextInt(4) == 0 ? new StringBuilder("x") : null;
            case 7 -> new Object[] {jitValue(depth - 1), jitValue(depth - 1)};
            case 8 -> {
                List<Object> l = new ArrayList<>();
                Object first = jitValue(depth - 1);
                for (int i = r.nextInt(3); i > 0; i--) {
                    l.add(r.nextInt(5) == 0 ? jitValue(depth - 1) : first);
                }
                yield l;
            }
            default -> {
                java.util.Map<Object, Object> mp = new java.util.LinkedHashMap<>();
                Object v = jitValue(depth - 1);
                for (int i = r.nextInt(3); i > 0; i--) {
                    mp.put(r.nextInt(6) == 0 ? (Object) (long) i : "k" + i, r.nextInt(5) == 0 ? jitValue(depth - 1) : v);
                }
                yield mp;
            }
        };
    }

    // ---------------------------------------------------------------- reflective calls

    private void reflective() {
        int k = r.nextInt(100);
        Surface.Kind kind = k < 55 ? Surface.Kind.TENSOR : k < 80 ? Surface.Kind.STATIC : k < 88 ? Surface.Kind.CONSTRUCTOR
                : k < 95 ? Surface.Kind.MODULE : Surface.Kind.OPTIMIZER;
        List<Surface.Member> ms = surface.of(kind);
        if (!ms.isEmpty()) {
            call(ms.get(r.nextInt(ms.size())), null);
        }
    }

    /** Calls {@code m} with synthesized arguments; {@code recv} overrides the receiver. Returns the result or null. */
    Object call(Surface.Member m, Object recv) {
        return call(m, recv, r, pool, args);
    }

    /** As {@link #call(Surface.Member, Object)}, drawing from another thread's random, pool and arguments. */
    Object call(Surface.Member m, Object recv, Random r, Pool pool, Args args) {
        Object receiver = recv;
        if (receiver == null) {
            receiver = switch (m.kind()) {
                case TENSOR -> pool.tensors.isEmpty() ? pool.fresh() : pool.tensors.get(r.nextInt(pool.tensors.size()));
                case MODULE -> pool.pick(pool.modules, m.exec().getDeclaringClass());
                case OPTIMIZER -> pool.pick(pool.optimizers, m.exec().getDeclaringClass());
                default -> null;
            };
            if (receiver == null && m.kind() != Surface.Kind.STATIC && m.kind() != Surface.Kind.CONSTRUCTOR) {
                return null;
            }
        }
        Object[] a = args.forMember(m.exec());
        Object self = receiver;
        synchronized (invoked) {
            invoked.set(m.id());
        }
        boolean[] ok = {false};
        boolean nulls = containsNull(a);
        long t0 = Profile.ON ? System.nanoTime() : 0;
        Object res = attempt(() -> describe(m, self, a), () -> {
            try {
                Object o = invoke(m, self, a);
                ok[0] = true;
                return o;
            } catch (NullPointerException e) {
                // an NPE is the documented answer to a null argument; with none given it is a bug inside
                throw nulls ? e : new UndocumentedNpe(e);
            }
        });
        Profile.member(m.sig(), t0);
        if (ok[0]) {
            synchronized (completed) {
                completed.set(m.id());
            }
            if (m.exec().getName().endsWith("_") && Function.liveContexts() > 0) {
                // an in-place op while a custom Function's graph is alive may make that graph reference itself
                notes.add("in-place op while a custom Function graph is alive");
            }
            if (m.exec().getName().endsWith("_") && self instanceof Tensor && java.util.Arrays.asList(a).contains(self)) {
                // x.op_(x): the node saves x as its other operand and becomes x's grad_fn, a cycle inside
                // LibTorch's own graph (PyTorch has it too) that keeps x's whole history alive
                notes.add("in-place op taking its receiver as an argument");
            }
        }
        if (res != null) {
            if (r.nextInt(5) == 0) {
                attempt(() -> "toString of " + m.sig(), () -> String.valueOf(res));
            }
            return res;
        }
        return null;
    }

    private static Object invoke(Surface.Member m, Object recv, Object[] a) throws Throwable {
        try {
            if (m.exec() instanceof Constructor<?> k) {
                return k.newInstance(a);
            }
            Method mm = (Method) m.exec();
            try {
                mm.setAccessible(true);
            } catch (RuntimeException ignored) {
                // public anyway
            }
            return mm.invoke(recv, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (IllegalArgumentException | ReflectiveOperationException e) {
            throw new HarnessError(m.sig() + ": " + e);
        }
    }

    /** A NullPointerException from a call given no null argument (judged as undocumented). */
    static final class UndocumentedNpe extends Exception {
        private static final long serialVersionUID = 1L;

        UndocumentedNpe(NullPointerException e) {
            super("NullPointerException with no null argument: " + e.getMessage(), e);
            setStackTrace(e.getStackTrace());
        }
    }

    static boolean containsNull(Object o) {
        if (o == null) {
            return true;
        }
        if (o instanceof Object[] a) {
            for (Object x : a) {
                if (containsNull(x)) {
                    return true;
                }
            }
        } else if (o instanceof java.util.Collection<?> c) {
            for (Object x : c) {
                if (containsNull(x)) {
                    return true;
                }
            }
        } else if (o.getClass().isRecord()) {
            // an options record with a null component (fuzz seed 5044: CrossEntropyLoss.Options with reduction=null)
            for (var rc : o.getClass().getRecordComponents()) {
                try {
                    if (containsNull(rc.getAccessor().invoke(o))) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    // not readable: count it as no null
                }
            }
        }
        return false;
    }

    /** One judged call. */
    @FunctionalInterface
    interface Body<T> {
        T call() throws Throwable;
    }

    /** The fuzz itself called something wrongly (a bug here, not in torch4j). */
    static final class HarnessError extends Exception {
        private static final long serialVersionUID = 1L;

        HarnessError(String m) {
            super(m);
        }
    }

    // ---------------------------------------------------------------- judging

    /**
     * Runs one call and judges how it ended: a documented exception is fine, anything else is
     * reported with the seed and the last calls. Returns the result (handed to the pool), or null
     * when it threw.
     */
    <T> T attempt(Supplier<String> desc, Body<T> body) {
        calls.incrementAndGet();
        String what = desc.get();
        synchronized (trace) {
            trace[traced++ % trace.length] = what;
        }
        if (VERBOSE) {
            out.line("call", seed, what, "starts"); // the last line before a crash names the call
        }
        try {
            T res = body.call();
            Pool p = helperPool.get();
            (p != null ? p : pool).own(res);
            if (VERBOSE) {
                out.line("call", seed, what, "ok " + d(res), "live=" + Torch.liveTensorCount() + " contexts=" + Function.liveContexts());
            }
            return res;
        } catch (Throwable t) {
            if (VERBOSE) {
                out.line("call", seed, what, "threw " + t, "live=" + Torch.liveTensorCount() + " contexts=" + Function.liveContexts());
            }
            judge(what, t);
            return null;
        }
    }

    /** Same as {@link #attempt}: the name says the caller uses the null. */
    <T> T attemptOrNull(Supplier<String> desc, Body<T> body) {
        return attempt(desc, body);
    }

    void judge(String what, Throwable t) {
        if (t instanceof HarnessError) {
            out.finding("harness", seed, t.getMessage());
            return;
        }
        String why = t instanceof UndocumentedNpe ? "NullPointerException with no null argument" : Verdict.check(t);
        if (t instanceof UndocumentedNpe) {
            t = t.getCause();
        }
        if (why != null) {
            out.finding("undocumented", seed, why + ": " + t.getClass().getName() + ": " + t.getMessage()
                    + " | in " + what + " | at " + frames(t) + " | last calls: " + lastCalls());
        }
    }

    private static String frames(Throwable t) {
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) {
            sb.append(i == 0 ? "" : " < ").append(st[i]);
        }
        return sb.toString();
    }

    String lastCalls() {
        StringBuilder sb = new StringBuilder();
        synchronized (trace) {
            int n = Math.min(traced, trace.length);
            for (int i = traced - n; i < traced; i++) {
                sb.append(i == traced - n ? "" : " ; ").append(trace[i % trace.length]);
            }
        }
        return sb.toString();
    }

    static String d(Object o) {
        if (o instanceof Tensor t) {
            // verbose: each tensor's identity too, to follow one object through a replay
            String id = VERBOSE ? "@" + Integer.toHexString(System.identityHashCode(t)) : "";
            if (t.isClosed()) {
                return "<closed>" + id;
            }
            try {
                return t.dtype() + java.util.Arrays.toString(t.shape()) + id;
            } catch (RuntimeException e) {
                return "<closing>";
            }
        }
        if (o instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (o instanceof Object[] a) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(d(a[i]));
            }
            return sb.append('}').toString();
        }
        if (o != null && o.getClass().isArray()) {
            return o.getClass().getComponentType() + "[" + java.lang.reflect.Array.getLength(o) + "]";
        }
        if (o instanceof Module || o instanceof Optimizer) {
            return o.getClass().getSimpleName();
        }
        return String.valueOf(o);
    }

    private static String describe(Surface.Member m, Object recv, Object[] a) {
        StringBuilder sb = new StringBuilder();
        if (recv != null) {
            sb.append(d(recv)).append(" . ");
        }
        sb.append(m.sig()).append(" <- ");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(d(a[i]));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- scenarios

    private void scopeOp() {
        int k = r.nextInt(10);
        if (k < 4 || scopes.isEmpty()) {
            scopes.push(Scope.open());
            calls.incrementAndGet();
        } else if (k < 7) {
            Scope s = scopes.pop();
            attempt(() -> "Scope.close (innermost)", () -> {
                s.close();
                return null;
            });
        } else if (k < 8) {
            // an outer scope closes the inner ones too
            List<Scope> l = new ArrayList<>(scopes);
            int i = r.nextInt(l.size());
            Scope s = l.get(i);
            attempt(() -> "Scope.close (outer, depth " + i + ")", () -> {
                s.close();
                s.close(); // twice: nothing
                return null;
            });
            while (!scopes.isEmpty() && scopes.peek() != s) {
                scopes.pop();
            }
            scopes.poll();
        } else {
            Tensor t = pool.live();
            if (t != null) {
                attempt(() -> (k == 8 ? "keep " : "unscoped ") + d(t), () -> k == 8 ? t.keep() : t.unscoped());
            }
        }
    }

    private void gradGuard() {
        if (!guards.isEmpty() && r.nextBoolean()) {
            Grad.Guard g = guards.pop();
            attempt(() -> "Grad.Guard.close", () -> {
                g.close();
                return null;
            });
        } else {
            guards.push(r.nextBoolean() ? Grad.noGrad() : Grad.enableGrad());
            calls.incrementAndGet();
        }
    }

    /** requiresGrad leaf -> 1..3 random unary ops -> sum -> backward (maybe retained, maybe twice) -> grad. */
    private void autograd() {
        Tensor x0 = r.nextInt(4) == 0 ? pool.live() : pool.fresh();
        if (x0 == null) {
            return;
        }
        boolean asLeaf = r.nextBoolean();
        Tensor x = attemptOrNull(() -> "requiresGrad " + d(x0), () -> asLeaf ? x0.detach().requiresGrad(true) : x0.requiresGrad(true));
        if (x == null) {
            return;
        }
        Tensor y = x;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && y != null; i++) {
            List<Surface.Member> u = surface.unaryTensorOps;
            Object res = call(u.get(r.nextInt(u.size())), y);
            y = res instanceof Tensor t ? t : null;
        }
        if (y == null) {
            return;
        }
        Tensor yy = y;
        if (r.nextInt(4) == 0) {
            attempt(() -> "retainGrad " + d(yy), yy::retainGrad);
        }
        Tensor loss = attemptOrNull(() -> "sum " + d(yy), yy::sum);
        if (loss == null) {
            return;
        }
        boolean retain = r.nextBoolean();
        attempt(() -> "backward(" + retain + ") " + d(loss), () -> {
            loss.backward(retain);
            return null;
        });
        if (r.nextInt(3) == 0) {
            attempt(() -> "backward again " + d(loss), () -> {
                loss.backward(r.nextBoolean());
                return null;
            });
        }
        attempt(() -> "grad " + d(x), x::grad);
        attempt(() -> "gradFn " + d(yy), yy::gradFn);
        if (r.nextInt(3) == 0) {
            Tensor g = pool.tensorArg();
            attempt(() -> "setGrad " + d(x) + " <- " + d(g), () -> x.setGrad(g));
        }
    }

    private void customFunction() {
        MisbehavingFunction f = MisbehavingFunction.random(r);
        Tensor x0 = r.nextInt(3) == 0 ? pool.tensorArg() : pool.fresh();
        boolean nonLeaf = r.nextInt(3) == 0;
        Tensor x = x0 == null || x0.isClosed() || r.nextInt(4) == 0 ? x0
                : attemptOrNull(() -> "requiresGrad " + d(x0), () -> nonLeaf
                        ? x0.detach().to(DType.FLOAT32).requiresGrad(true).mul(1.0)
                        : x0.detach().to(DType.FLOAT32).requiresGrad(true));
        Tensor[] in = r.nextInt(4) == 0 ? new Tensor[] {x, pool.tensorArg()} : new Tensor[] {x};
        Tensor[] outs = attemptOrNull(() -> f.name() + ".apply " + d(in), () -> f.apply(in));
        if (outs == null || outs.length == 0 || outs[0] == null) {
            return;
        }
        if (x != null && r.nextInt(5) == 0) {
            // the graph then references its own input (x.copy_(f(x))): a cycle that must not leak
            notes.add("copy_ of a Function's output into its input");
            attempt(() -> "copy_ of " + f.name() + " output into its input", () -> x.copy_(outs[0]));
        }
        Tensor loss = attemptOrNull(() -> "sum " + d(outs[0]), () -> outs[0].sum());
        if (loss == null) {
            return;
        }
        int times = 1 + r.nextInt(2);
        for (int i = 0; i < times; i++) {
            boolean retain = r.nextBoolean();
            boolean[] ok = {false};
            attempt(() -> f.name() + " backward(" + retain + ")", () -> {
                loss.backward(retain);
                ok[0] = true;
                return null;
            });
            if (!ok[0] && in.length > 1) {
                notes.add("a multi-input Function's backward failed");
            }
        }
        if (x != null) {
            attempt(() -> "grad after " + f.name(), x::grad);
        }
    }

    private void module() {
        int k = r.nextInt(6);
        if (k < 2 || pool.modules.isEmpty()) {
            long a = r.nextInt(5);
            long b = r.nextInt(5);
            Module m = attemptOrNull(() -> "new Linear(" + a + ", " + b + ")", () -> k == 0
                    ? new Sequential(new Linear(a, b), new Flatten(), new Linear(b, 2))
                    : new Linear(a, b, r.nextBoolean()));
            if (m != null) {
                Tensor in = attemptOrNull(() -> "randn", () -> Torch.randn(r.nextInt(3), a));
                attempt(() -> "forward " + d(m) + " " + d(in), () -> m.forward(in));
            }
            return;
        }
        Module m = pool.modules.get(r.nextInt(pool.modules.size()));
        switch (k) {
            case 2 -> {
                Tensor in = pool.tensorArg();
                Tensor y = attemptOrNull(() -> "forward " + d(m) + " " + d(in), () -> m.forward(in));
                if (y != null) {
                    attempt(() -> "backward through " + d(m), () -> {
                        y.sum().backward();
                        return null;
                    });
                }
            }
            case 3 -> attempt(() -> "zeroGrad " + d(m), () -> {
                m.zeroGrad(r.nextBoolean());
                return null;
            });
            case 4 -> attempt(() -> "close " + d(m), () -> {
                m.close();
                return null;
            });
            default -> attempt(() -> "toString " + d(m), m::toString);
        }
    }

    private void optimizer() {
        int k = r.nextInt(6);
        if (k < 2 || pool.optimizers.isEmpty()) {
            Module m = pool.modules.isEmpty() ? null : pool.modules.get(r.nextInt(pool.modules.size()));
            double lr = args.aDouble();
            attempt(() -> "new optimizer over " + d(m) + " lr=" + lr, () -> {
                List<Tensor> ps = m == null ? List.of(pool.tensorArg()) : m.parameters();
                return k == 0 ? (Optimizer) new Adam(ps, lr) : new SGD(ps, lr);
            });
            return;
        }
        Optimizer o = pool.optimizers.get(r.nextInt(pool.optimizers.size()));
        switch (k) {
            case 2, 3 -> attempt(() -> "step " + d(o), () -> {
                o.step();
                return null;
            });
            case 4 -> attempt(() -> "zeroGrad " + d(o), () -> {
                o.zeroGrad(r.nextBoolean());
                return null;
            });
            default -> attempt(() -> "close " + d(o), () -> {
                o.close();
                return null;
            });
        }
    }

    private void conversion() {
        Tensor t = pool.tensorArg();
        if (t == null) {
            return;
        }
        int k = r.nextInt(7);
        DType to = Args.PLAIN_DTYPES[r.nextInt(Args.PLAIN_DTYPES.length)];
        attempt(() -> "conversion#" + k + " " + d(t), () -> {
            try {
                return switch (k) {
                    case 0 -> t.item();
                    case 1 -> t.toFloatArray();
                    case 2 -> t.toDoubleArray();
                    case 3 -> t.toLongArray();
                    case 4 -> t.to(to);
                    case 5 -> t.to(Device.CPU);
                    default -> t.toString();
                };
            } catch (NullPointerException e) {
                throw new UndocumentedNpe(e);
            }
        });
    }

    /** A non-contiguous view written in place (the base shares its storage). */
    private void inPlaceThroughView() {
        Tensor t = pool.live();
        if (t == null) {
            return;
        }
        attempt(() -> "in-place through a view of " + d(t), () -> {
            Tensor v = t.dim() >= 2 ? t.transpose(0, 1) : t.dim() == 1 && t.size(0) > 1 ? t.slice(0, 0, t.size(0), 2) : t.view(-1);
            pool.own(v);
            return r.nextBoolean() ? v.mul_(2.0) : v.add_(t.dim() >= 2 ? t.t() : t);
        });
    }

    // ---------------------------------------------------------------- end

    private void cleanup(int threads0) {
        while (!guards.isEmpty()) {
            Grad.Guard g = guards.pop();
            attempt(() -> "cleanup Grad.Guard.close", () -> {
                g.close();
                return null;
            });
        }
        if (!scopes.isEmpty()) {
            Scope outer = scopes.peekLast();
            attempt(() -> "cleanup Scope.close", () -> {
                outer.close();
                return null;
            });
            scopes.clear();
        }
        pool.closeAll();
        attempt(() -> "cleanup restore", () -> {
            Torch.setNumThreads(threads0);
            Torch.setDefaultDevice(Device.CPU);
            return null;
        });
        if (!Grad.isEnabled()) {
            out.finding("state", seed, "grad mode left off after every Grad guard was closed | last calls: " + lastCalls());
            org.bytedeco.pytorch.GradMode.set_enabled(true);
        }
    }

    /**
     * The live counts must return to where they started. Explicit closes return them at once; only
     * when they did not (dropped tensors wait for the Cleaner, a freed graph may release a Function
     * context whose saved tensors then wait for it too) is a GC asked for, and again whenever the
     * counts stop falling for {@link #GC_STALL_NANOS}, until {@link #LEAK_DEADLINE_NANOS}. Returns
     * what leaked, or null.
     */
    private String checkLeaks(long live0, long ctx0) {
        long start = System.nanoTime();
        long deadline = start + LEAK_DEADLINE_NANOS;
        long lastGc = Long.MIN_VALUE;
        long lastProgress = start;
        long before = Long.MAX_VALUE;
        int gcs = 0;
        while (true) {
            long live = Torch.liveTensorCount();
            long ctx = Function.liveContexts();
            if (live <= live0 && ctx <= ctx0) {
                Profile.add(gcs == 0 ? "checkLeaks: no GC needed" : pool.dropped > 0 ? "checkLeaks: GCs (tensors dropped)"
                        : "checkLeaks: GCs (nothing dropped)", gcs);
                return null;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                return "liveTensorCount " + live0 + " -> " + live + ", Function.liveContexts " + ctx0 + " -> " + ctx
                        + " after every scope, tensor, module and optimizer was closed and GC ran"
                        + (pool.dropped > 0 ? " (" + pool.dropped + " tensors dropped unclosed)" : "") + "; scenarios: " + notes
                        + " | last calls: " + lastCalls();
            }
            if (live + ctx < before) {
                before = live + ctx;
                lastProgress = now;
            }
            if (lastGc == Long.MIN_VALUE || now - lastProgress > GC_STALL_NANOS && now - lastGc > GC_STALL_NANOS) {
                System.gc();
                gcs++;
                lastGc = System.nanoTime();
                continue;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for the live counts";
            }
        }
    }

    /** How long the counts may stay put after a GC before another is asked for. */
    private static final long GC_STALL_NANOS = 25_000_000L;
    /** A sequence whose counts are not back by then has leaked. */
    private static final long LEAK_DEADLINE_NANOS = 3_000_000_000L;
}
