package org.torch4j;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.bindings.LibTorch;
import org.torch4j.bindings.Scalars;
import org.torch4j.bindings.Threads;

/**
 * Static factories and process-wide functions, so that {@code import static org.torch4j.Torch.*}
 * reads like {@code torch.*}. The {@code torch.*} ops ({@code cat}, {@code stack}, {@code where},
 * {@code randperm}, {@code eye}, …) are generated from codegen/spec/ into the superclass
 * {@code TorchFunctions} and reached through this class ({@code Torch.cat(a, b)}). Every factory returns a tensor owned as {@link Tensor} describes
 * (by the innermost open {@link Scope}, else by the caller). Floating factories default to
 * {@link DType#FLOAT32}, as PyTorch's default dtype.
 *
 * <h2>Devices</h2>
 * Factories without a {@link Device} argument create their tensor on the process-wide
 * {@linkplain #defaultDevice() default device} ({@link Device#CPU} unless
 * {@link #setDefaultDevice(Device)} changed it, as {@code torch.set_default_device}); each has an
 * overload taking the device explicitly ({@code zeros(Device.cuda(0), DType.FLOAT32, 2, 3)} is
 * {@code torch.zeros(2, 3, device="cuda:0")}). Random factories use the generator of the device they
 * create on, so {@code randn} on CUDA gives other numbers than on the CPU for the same seed, as in
 * PyTorch. Asking for CUDA where it cannot be used throws one {@link TorchException}
 * "CUDA is not available: …" saying why.
 */
public final class Torch extends TorchFunctions {
    static {
        LibTorch.ensureLoaded();
    }

    private static final EnumMap<DType, TensorOptions> CPU_OPTIONS = new EnumMap<>(DType.class);

    static {
        for (DType d : DType.values()) {
            CPU_OPTIONS.put(d, org.torch4j.bindings.Cached.make(() -> new TensorOptions(d.scalarType())));
        }
    }

    /** Options for CUDA devices, made on first use (a handful at most). */
    private static final Map<Device, EnumMap<DType, TensorOptions>> DEVICE_OPTIONS = new ConcurrentHashMap<>();

    private static final MemoryFormatOptional NO_MEMORY_FORMAT = org.torch4j.bindings.Cached.make(MemoryFormatOptional::new);

    private static volatile Device defaultDevice = Device.CPU;

    private Torch() {
    }

    /** Options for {@code dtype} on {@code device}, which the caller has checked. */
    private static TensorOptions options(DType dtype, Device device) {
        Objects.requireNonNull(dtype, "dtype");
        if (!device.isCuda()) {
            return CPU_OPTIONS.get(dtype);
        }
        return DEVICE_OPTIONS.computeIfAbsent(device, d -> {
            EnumMap<DType, TensorOptions> m = new EnumMap<>(DType.class);
            try (TensorOptions onDevice = new TensorOptions(d.toNative())) {
                for (DType t : DType.values()) {
                    try (ScalarTypeOptional st = new ScalarTypeOptional(t.scalarType())) {
                        m.put(t, onDevice.dtype(st));
                    }
                }
            }
            return m;
        }).get(dtype);
    }

    /** A LibTorch factory of shape and options, for {@link #factory}. */
    @FunctionalInterface
    private interface Factory {
        org.bytedeco.pytorch.Tensor make(long[] shape, TensorOptions options);
    }

    /** The body every shape factory shares: device and shape checks, the native call, one error translation. */
    private static Tensor factory(String op, Device device, DType dtype, long[] shape, Factory f) {
        Device d = target(device, op);
        checkShape(op, shape);
        try {
            return Tensor.adopt(f.make(shape, options(dtype, d)));
        } catch (RuntimeException e) {
            throw fail(e, op, Arrays.toString(shape), dtype, d);
        }
    }

    /** The device a factory call creates on: {@code device}, after checking that it can be used. */
    private static Device target(Device device, String op) {
        Objects.requireNonNull(device, op + ": device");
        if (device.isCuda()) {
            checkCuda(device, op);
        }
        return device;
    }

    private static long[] checkShape(String op, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        JavaArrays.numel(op, shape); // negative sizes and element counts that overflow
        return shape;
    }

    private static TorchException fail(RuntimeException e, String op, Object... operands) {
        return TorchException.of(e, op, operands);
    }

    // ---------------------------------------------------------------- from Java data

    /** A float32 tensor holding {@code data} on the default device; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(float[] data, long... shape) {
        return tensor(data, defaultDevice, shape);
    }

    /** A float32 tensor holding {@code data} on {@code device}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(float[] data, Device device, long... shape) {
        Objects.requireNonNull(data, "data");
        Device d = target(device, "tensor");
        return moveFresh(JavaArrays.fromArray(data, data.length, DType.FLOAT32, shape), d);
    }

    /** A float64 tensor holding {@code data} on the default device; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(double[] data, long... shape) {
        return tensor(data, defaultDevice, shape);
    }

    /** A float64 tensor holding {@code data} on {@code device}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(double[] data, Device device, long... shape) {
        Objects.requireNonNull(data, "data");
        Device d = target(device, "tensor");
        return moveFresh(JavaArrays.fromArray(data, data.length, DType.FLOAT64, shape), d);
    }

    /** An int64 tensor holding {@code data} on the default device; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(long[] data, long... shape) {
        return tensor(data, defaultDevice, shape);
    }

    /** An int64 tensor holding {@code data} on {@code device}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(long[] data, Device device, long... shape) {
        Objects.requireNonNull(data, "data");
        Device d = target(device, "tensor");
        return moveFresh(JavaArrays.fromArray(data, data.length, DType.INT64, shape), d);
    }

    /** An int32 tensor holding {@code data} (as {@code torch.tensor} of a numpy int32 array). */
    public static Tensor tensor(int[] data, long... shape) {
        return tensor(data, DType.INT32, shape);
    }

    /** An int16 tensor holding {@code data}. */
    public static Tensor tensor(short[] data, long... shape) {
        return tensor(data, DType.INT16, shape);
    }

    /**
     * An int8 tensor holding {@code data}: Java's {@code byte} is signed, as int8 is. For image
     * bytes and other unsigned data use {@link #tensor(byte[], DType, long...)} with
     * {@link DType#UINT8}, which reads the same bits as 0..255.
     */
    public static Tensor tensor(byte[] data, long... shape) {
        return tensor(data, DType.INT8, shape);
    }

    /** A bool tensor holding {@code data}. */
    public static Tensor tensor(boolean[] data, long... shape) {
        return tensor(data, DType.BOOL, shape);
    }

    /**
     * {@code torch.tensor(data, dtype=dtype)}: the float values converted to {@code dtype} as
     * PyTorch's {@code .to(dtype)} converts them (e.g. rounded to float16 / bfloat16, truncated
     * to integers), on the default device.
     */
    public static Tensor tensor(float[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /** {@code torch.tensor(data, dtype=dtype)} for double values (converted as {@code .to(dtype)}). */
    public static Tensor tensor(double[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /** {@code torch.tensor(data, dtype=dtype)} for long values (converted as {@code .to(dtype)}). */
    public static Tensor tensor(long[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /** {@code torch.tensor(data, dtype=dtype)} for int values (converted as {@code .to(dtype)}). */
    public static Tensor tensor(int[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /** {@code torch.tensor(data, dtype=dtype)} for short values (converted as {@code .to(dtype)}). */
    public static Tensor tensor(short[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /**
     * {@code torch.tensor(data, dtype=dtype)} for bytes. With {@link DType#UINT8} the bytes are
     * taken as unsigned (their bits: {@code (byte) -1} is 255); with any other dtype as signed
     * int8 values, converted as {@code .to(dtype)}.
     */
    public static Tensor tensor(byte[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    /** {@code torch.tensor(data, dtype=dtype)} for booleans (true is 1 in numeric dtypes). */
    public static Tensor tensor(boolean[] data, DType dtype, long... shape) {
        return fromJava(data, data == null ? 0 : data.length, dtype, shape);
    }

    private static Tensor fromJava(Object data, int length, DType dtype, long[] shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        Device d = target(defaultDevice, "tensor");
        return moveFresh(JavaArrays.fromArray(data, length, dtype, shape), d);
    }

    /** Java data is written into CPU memory; a tensor for another device is copied there and the CPU one freed. */
    private static Tensor moveFresh(Tensor cpu, Device device) {
        if (!device.isCuda()) {
            return cpu;
        }
        try (cpu) {
            return cpu.to(device);
        }
    }

    /** A 0-dim float32 tensor ({@code torch.tensor(1.5)}). */
    public static Tensor scalar(double value) {
        return full(new long[0], value, DType.FLOAT32);
    }

    /** A 0-dim tensor of {@code dtype}. */
    public static Tensor scalar(double value, DType dtype) {
        return full(new long[0], value, dtype);
    }

    /** A 0-dim bool tensor ({@code torch.tensor(True)}). */
    public static Tensor scalar(boolean value) {
        try (Tensor one = tensor(new boolean[] {value}, DType.BOOL)) {
            return one.reshape();
        }
    }

    /**
     * A 0-dim tensor of {@code dtype} holding {@code value} exactly (for int64 values beyond 2^53,
     * which a double cannot hold): {@code torch.tensor(value, dtype=dtype)}.
     */
    public static Tensor scalar(long value, DType dtype) {
        try (Tensor one = tensor(new long[] {value}, dtype)) {
            return one.reshape();
        }
    }

    /** A 0-dim tensor of {@code dtype} on {@code device}. */
    public static Tensor scalar(double value, DType dtype, Device device) {
        return full(new long[0], value, dtype, device);
    }

    // ---------------------------------------------------------------- filled

    /** Uninitialised memory of the given shape, on the default device. */
    public static Tensor empty(DType dtype, long... shape) {
        return empty(defaultDevice, dtype, shape);
    }

    /** Uninitialised memory of the given shape on {@code device}. */
    public static Tensor empty(Device device, DType dtype, long... shape) {
        return factory("empty", device, dtype, shape, (s, o) -> torch.empty(s, o, NO_MEMORY_FORMAT));
    }

    /** A float32 tensor of zeros ({@code torch.zeros(*shape)}). */
    public static Tensor zeros(long... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    /** A tensor of zeros of {@code dtype} ({@code torch.zeros(*shape, dtype=dtype)}). */
    public static Tensor zeros(DType dtype, long... shape) {
        return zeros(defaultDevice, dtype, shape);
    }

    /** {@code torch.zeros(*shape, dtype=dtype, device=device)}. */
    public static Tensor zeros(Device device, DType dtype, long... shape) {
        return factory("zeros", device, dtype, shape, (s, o) -> torch.zeros(s, o));
    }

    /** A float32 tensor of ones ({@code torch.ones(*shape)}). */
    public static Tensor ones(long... shape) {
        return ones(DType.FLOAT32, shape);
    }

    /** A tensor of ones of {@code dtype} ({@code torch.ones(*shape, dtype=dtype)}). */
    public static Tensor ones(DType dtype, long... shape) {
        return ones(defaultDevice, dtype, shape);
    }

    /** {@code torch.ones(*shape, dtype=dtype, device=device)}. */
    public static Tensor ones(Device device, DType dtype, long... shape) {
        return factory("ones", device, dtype, shape, (s, o) -> torch.ones(s, o));
    }

    /** {@code torch.full(shape, value)} as float32. */
    public static Tensor full(long[] shape, double value) {
        return full(shape, value, DType.FLOAT32);
    }

    /** A tensor of {@code dtype} filled with {@code value} ({@code torch.full(shape, value, dtype=dtype)}). */
    public static Tensor full(long[] shape, double value, DType dtype) {
        return full(shape, value, dtype, defaultDevice);
    }

    /** {@code torch.full(shape, value, dtype=dtype, device=device)}. */
    public static Tensor full(long[] shape, double value, DType dtype, Device device) {
        Device d = target(device, "full");
        checkShape("full", shape);
        try {
            return Tensor.adopt(torch.full(shape, Scalars.of(value), options(dtype, d)));
        } catch (RuntimeException e) {
            throw fail(e, "full", Arrays.toString(shape), value, dtype, d);
        }
    }

    // ---------------------------------------------------------------- ranges

    /** {@code torch.linspace(start, end, steps)} as float32. */
    public static Tensor linspace(double start, double end, long steps) {
        return linspace(start, end, steps, DType.FLOAT32);
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end} of {@code dtype} ({@code torch.linspace}). */
    public static Tensor linspace(double start, double end, long steps, DType dtype) {
        return linspace(start, end, steps, dtype, defaultDevice);
    }

    /** {@code torch.linspace(start, end, steps, dtype=dtype, device=device)}. */
    public static Tensor linspace(double start, double end, long steps, DType dtype, Device device) {
        Device d = target(device, "linspace");
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be >= 0, got " + steps);
        }
        try {
            return Tensor.adopt(torch.linspace(Scalars.of(start), Scalars.of(end), steps, options(dtype, d)));
        } catch (RuntimeException e) {
            throw fail(e, "linspace", start, end, steps, dtype, d);
        }
    }

    /** {@code torch.arange(end)}: int64 values {@code 0 .. end-1}. */
    public static Tensor arange(long end) {
        return arange(0, end);
    }

    /** {@code torch.arange(start, end)}: int64. */
    public static Tensor arange(long start, long end) {
        return arange(start, end, defaultDevice);
    }

    /** {@code torch.arange(start, end, device=device)}: int64. */
    public static Tensor arange(long start, long end, Device device) {
        Device d = target(device, "arange");
        try {
            return Tensor.adopt(torch.arange(Scalars.of(start), Scalars.of(end), options(DType.INT64, d)));
        } catch (RuntimeException e) {
            throw fail(e, "arange", start, end, d);
        }
    }

    /** {@code torch.arange(start, end, step)} with float arguments: float32. */
    public static Tensor arange(double start, double end, double step) {
        return arange(start, end, step, defaultDevice);
    }

    /** {@code torch.arange(start, end, step, device=device)} with float arguments: float32. */
    public static Tensor arange(double start, double end, double step, Device device) {
        Device d = target(device, "arange");
        try {
            return Tensor.adopt(torch.arange(Scalars.of(start), Scalars.of(end), Scalars.of(step), options(DType.FLOAT32, d)));
        } catch (RuntimeException e) {
            throw fail(e, "arange", start, end, step, d);
        }
    }

    // ---------------------------------------------------------------- random (LibTorch's default generator)

    /** Standard normal float32; {@code randn()} with no sizes is {@code torch.randn(())}. */
    public static Tensor randn(long... shape) {
        return randn(DType.FLOAT32, shape);
    }

    /** Standard normal samples of {@code dtype} ({@code torch.randn(*shape, dtype=dtype)}). */
    public static Tensor randn(DType dtype, long... shape) {
        return randn(defaultDevice, dtype, shape);
    }

    /** {@code torch.randn(*shape, dtype=dtype, device=device)}, from that device's default generator. */
    public static Tensor randn(Device device, DType dtype, long... shape) {
        return factory("randn", device, dtype, shape, (s, o) -> torch.randn(s, o));
    }

    /** Uniform on [0, 1), float32. */
    public static Tensor rand(long... shape) {
        return rand(DType.FLOAT32, shape);
    }

    /** Uniform samples in [0, 1) of {@code dtype} ({@code torch.rand(*shape, dtype=dtype)}). */
    public static Tensor rand(DType dtype, long... shape) {
        return rand(defaultDevice, dtype, shape);
    }

    /** {@code torch.rand(*shape, dtype=dtype, device=device)}, from that device's default generator. */
    public static Tensor rand(Device device, DType dtype, long... shape) {
        return factory("rand", device, dtype, shape, (s, o) -> torch.rand(s, o));
    }

    /** Seeds LibTorch's default CPU (and CUDA) generators: {@code torch.manual_seed(seed)}. */
    public static void manualSeed(long seed) {
        torch.manual_seed(seed);
    }

    /**
     * {@code torch.get_rng_state()}: a copy of the default CPU generator's state, as a uint8 tensor
     * (owned by the current Scope); {@link #setRngState} puts it back, so the draws after it repeat.
     */
    public static Tensor getRngState() {
        org.bytedeco.pytorch.Generator g = torch.getDefaultCPUGenerator();
        try {
            return Tensor.adopt(g.get_state());
        } catch (RuntimeException e) {
            throw fail(e, "get_rng_state");
        } finally {
            g.close();
        }
    }

    /** {@code torch.set_rng_state(state)}: restores a state {@link #getRngState} returned. */
    public static void setRngState(Tensor state) {
        org.bytedeco.pytorch.Tensor n = Tensor.leaseArg(state, "set_rng_state");
        org.bytedeco.pytorch.Generator g = torch.getDefaultCPUGenerator();
        try {
            g.set_state(n);
        } catch (RuntimeException e) {
            throw fail(e, "set_rng_state", state);
        } finally {
            g.close();
            Tensor.releaseArg(state);
        }
    }

    // ---------------------------------------------------------------- process-wide

    /** Tensors created and not yet freed, on all threads (for leak checks). */
    public static long liveTensorCount() {
        return NativeMemory.LIVE.sum();
    }

    /** Bytes held by live tensors that belong to no scope (the safety net's view). */
    public static long unscopedBytes() {
        return NativeMemory.UNSCOPED_BYTES.get();
    }

    /** Number of GCs the safety net has requested so far. */
    public static long safetyNetCollections() {
        return NativeMemory.gcRequests();
    }

    /** Versions, threads, CUDA and where the native libraries were loaded from. */
    public static String info() {
        return LibTorch.info();
    }

    /**
     * Threads LibTorch uses for intra-op parallelism ({@code torch.get_num_threads()}), as seen
     * from the calling thread; after {@link #setNumThreads} every thread reports the new count.
     */
    public static int getNumThreads() {
        return Threads.intraOp();
    }

    /**
     * The most threads {@link #setNumThreads} accepts: {@value #MAX_THREADS_PER_PROCESSOR} times
     * {@link Runtime#availableProcessors()}. More only oversubscribes the cores, and a huge count
     * makes LibTorch spawn threads until the process stalls.
     */
    public static int maxNumThreads() {
        return MAX_THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
    }

    /** The multiple of the available processors that bounds {@link #setNumThreads}. */
    public static final int MAX_THREADS_PER_PROCESSOR = 4;

    /**
     * {@code torch.set_num_threads(threads)}: the intra-op thread count, process-wide. Unlike
     * LibTorch's own call it also sizes OpenBLAS's thread pool, which runs float matmuls and linear
     * layers and which {@code at::set_num_threads} does not reach: one number bounds every CPU pool
     * that runs torch4j's work (docs/DESIGN.md, "Threads").
     *
     * @throws IllegalArgumentException unless {@code 1 <= threads <= }{@link #maxNumThreads()}
     */
    public static void setNumThreads(int threads) {
        int max = maxNumThreads();
        if (threads < 1 || threads > max) {
            throw new IllegalArgumentException("setNumThreads: threads must be between 1 and " + max + " ("
                    + MAX_THREADS_PER_PROCESSOR + " x " + Runtime.getRuntime().availableProcessors()
                    + " available processors), got " + threads);
        }
        Threads.setIntraOp(threads);
    }

    /** {@code torch.get_num_interop_threads()}: the size of LibTorch's inter-op pool ({@code at::launch}, TorchScript's fork). */
    public static int getNumInteropThreads() {
        return Threads.interOp();
    }

    /**
     * {@code torch.set_num_interop_threads(threads)}. LibTorch accepts it once per process, before
     * any inter-op work started (as in PyTorch).
     *
     * @throws IllegalArgumentException unless {@code 1 <= threads <= }{@link #maxNumThreads()}
     * @throws IllegalStateException when LibTorch refuses (already set, or inter-op work started)
     */
    public static void setNumInteropThreads(int threads) {
        int max = maxNumThreads();
        if (threads < 1 || threads > max) {
            throw new IllegalArgumentException("setNumInteropThreads: threads must be between 1 and " + max + ", got " + threads);
        }
        Threads.setInterOp(threads);
    }

    // ---------------------------------------------------------------- devices

    /**
     * The device factories use when none is given: {@link Device#CPU} unless
     * {@link #setDefaultDevice(Device)} changed it.
     */
    public static Device defaultDevice() {
        return defaultDevice;
    }

    /**
     * Sets the process-wide device factories create on when none is given
     * ({@code torch.set_default_device}). Tensors made by operations follow their inputs, as in
     * PyTorch; modules are moved with their own {@code to(device)}.
     *
     * @throws TorchException "CUDA is not available: …" when {@code device} is a CUDA device that
     *                        cannot be used here (the default stays unchanged)
     */
    public static void setDefaultDevice(Device device) {
        defaultDevice = target(device, "setDefaultDevice");
    }

    /** {@code torch.cuda.is_available()}: whether LibTorch can use a CUDA device here. */
    public static boolean cudaAvailable() {
        return LibTorch.cudaAvailable();
    }

    /** {@code torch.cuda.device_count()} (0 when CUDA is not available). */
    public static int cudaDeviceCount() {
        return LibTorch.cudaDeviceCount();
    }

    /**
     * Checks that {@code device} can be used here: nothing for the CPU; for a CUDA device, throws the
     * {@link TorchException} "CUDA is not available: …" (or "CUDA device N does not exist …") that
     * every torch4j path reaching CUDA throws. For code that moves tensors or modules itself.
     */
    public static void checkAvailable(Device device) {
        target(device, "checkAvailable");
    }

    static void checkCuda(Device device, String op) {
        if (!cudaAvailable()) {
            throw new TorchException("CUDA is not available: " + LibTorch.cudaUnavailableReason()
                    + " [" + op + " on " + device + "]");
        }
        int count = cudaDeviceCount();
        if (device.index() >= count) {
            throw new TorchException("CUDA device " + device.index() + " does not exist: " + count
                    + " CUDA device(s) are visible, cuda:0" + (count > 1 ? " .. cuda:" + (count - 1) : "")
                    + " [" + op + " on " + device + "]");
        }
    }

    // ---------------------------------------------------------------- printing

    /**
     * {@code torch.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, sci_mode=)}:
     * how every tensor prints from now on, process-wide. PyTorch's defaults are
     * {@code (4, 1000, 3, 80, null)}; {@link #resetPrintOptions()} restores them.
     *
     * @param sciMode {@code null} lets the formatter choose scientific notation (PyTorch's
     *                {@code sci_mode=None})
     */
    public static void setPrintOptions(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {
        PrintOptions.set(new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode));
    }

    /** Sets all print options at once, e.g. {@code setPrintOptions(PrintOptions.SHORT)} for {@code profile='short'}. */
    public static void setPrintOptions(PrintOptions options) {
        PrintOptions.set(options);
    }

    /** The print options in force (change one with {@code setPrintOptions(getPrintOptions().withPrecision(2))}). */
    public static PrintOptions getPrintOptions() {
        return PrintOptions.current();
    }

    /** {@code torch.set_printoptions(profile='default')}: precision 4, threshold 1000, edgeitems 3, linewidth 80, automatic sci mode. */
    public static void resetPrintOptions() {
        PrintOptions.set(PrintOptions.DEFAULT);
    }

    // ---------------------------------------------------------------- torch.save / torch.load

    /**
     * {@code torch.save(obj, path)} in PyTorch's zip format (as Python 1.13 writes it), readable by
     * Python's {@code torch.load}. {@code obj} may nest {@link Tensor} (dense; written from the CPU,
     * views that share a storage share it in the file, with their offsets and strides),
     * {@link java.util.Map} (a {@link java.util.LinkedHashMap} becomes an {@code OrderedDict}, any
     * other map a {@code dict}), {@link java.util.List} (a {@code list}), {@link Tuple} (a
     * {@code tuple}), {@code String}, {@code Boolean}, {@code Integer}/{@code Long}/
     * {@code BigInteger} ({@code int}), {@code Double}/{@code Float} ({@code float}), {@link Device},
     * {@link DType} and {@code null} ({@code None}); anything else is an IllegalArgumentException.
     * The file is written beside {@code path} and moved into place when complete.
     *
     * <pre>{@code
     * Torch.save(model.stateDict(), Path.of("model.pt"));   // Python: model.load_state_dict(torch.load("model.pt"))
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void save(Object obj, java.nio.file.Path path) {
        Objects.requireNonNull(path, "path");
        org.torch4j.serialization.TorchSerialization.save(obj, path);
    }

    /** {@code torch.save(obj, buffer)}: as {@link #save(Object, java.nio.file.Path)}, to a stream (left open), records under {@code archive/}. */
    public static void save(Object obj, java.io.OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            org.torch4j.serialization.TorchSerialization.save(obj, out, "archive");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("save: " + e.getMessage(), e);
        }
    }

    /** {@code torch.save} into a byte array. */
    public static byte[] saveToBytes(Object obj) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        save(obj, out);
        return out.toByteArray();
    }

    /**
     * {@code torch.load(path, map_location='cpu', weights_only=True)}: reads a file written by
     * Python's {@code torch.save} (zip format, PyTorch 1.6 and later) or by {@link #save}. Returns
     * Java values: {@link Tensor} (on the CPU, owned by the caller or the current {@link Scope};
     * tensors that shared a storage in the file share it again), {@code LinkedHashMap} for
     * {@code dict} and {@code OrderedDict}, {@code ArrayList} for {@code list}, {@link Tuple} for
     * {@code tuple}, {@code Long} for {@code int}, {@code Double}, {@code String},
     * {@code Boolean}, {@code byte[]} for {@code bytes}, {@link Device}, {@link DType}, and
     * {@code null} for {@code None}. Like PyTorch's {@code weights_only} loader it never runs
     * pickled code: only the globals that loader allows are read.
     *
     * @throws TorchException naming the file and the record or global, for a truncated or corrupt
     *         file, a zip that is not a {@code torch.save} archive (a TorchScript archive is named as
     *         such), the legacy pre-1.6 format, a forbidden global, or a storage type or tensor
     *         kind torch4j cannot read; nothing is leaked then
     */
    public static Object load(java.nio.file.Path path) {
        Objects.requireNonNull(path, "path");
        return org.torch4j.serialization.TorchSerialization.load(path);
    }

    /** {@code torch.load(buffer)}: as {@link #load(java.nio.file.Path)}, from the rest of {@code in} (left open). */
    public static Object load(java.io.InputStream in) {
        Objects.requireNonNull(in, "in");
        return org.torch4j.serialization.TorchSerialization.load(in, "<stream>");
    }

    /** {@code torch.load} from the bytes of a file. */
    public static Object load(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return org.torch4j.serialization.TorchSerialization.load(bytes, "<bytes>");
    }

    /** A Python tuple for {@link #save}: {@code Torch.tuple(0.9, 0.999)} is {@code (0.9, 0.999)}. */
    public static Tuple tuple(Object... items) {
        return Tuple.of(items);
    }
}
