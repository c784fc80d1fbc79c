package org.torch4j;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Objects;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.bindings.LibTorch;
import org.torch4j.bindings.Scalars;

/**
 * Static factories and process-wide functions, so that {@code import static org.torch4j.Torch.*}
 * reads like {@code torch.*}. Every factory returns a tensor owned as {@link Tensor} describes
 * (by the innermost open {@link Scope}, else by the caller). Floating factories default to
 * {@link DType#FLOAT32}, as PyTorch's default dtype.
 */
public final class Torch {
    static {
        LibTorch.ensureLoaded();
    }

    private static final EnumMap<DType, TensorOptions> CPU_OPTIONS = new EnumMap<>(DType.class);

    static {
        for (DType d : DType.values()) {
            CPU_OPTIONS.put(d, org.torch4j.bindings.Cached.make(() -> new TensorOptions(d.scalarType())));
        }
    }

    private static final MemoryFormatOptional NO_MEMORY_FORMAT = org.torch4j.bindings.Cached.make(MemoryFormatOptional::new);

    private Torch() {
    }

    private static TensorOptions options(DType dtype) {
        return CPU_OPTIONS.get(Objects.requireNonNull(dtype, "dtype"));
    }

    private static long[] checkShape(String op, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private static TorchException fail(RuntimeException e, String op, Object... operands) {
        return TorchException.of(e, op, operands);
    }

    // ---------------------------------------------------------------- from Java data

    /** A float32 tensor holding {@code data}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(float[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(DType.FLOAT32, shapeFor("tensor", data.length, shape));
        t.unwrap().data_ptr_float().put(data);
        return t;
    }

    /** A float64 tensor holding {@code data}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(double[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(DType.FLOAT64, shapeFor("tensor", data.length, shape));
        t.unwrap().data_ptr_double().put(data);
        return t;
    }

    /** An int64 tensor holding {@code data}; shape defaults to {@code [data.length]}. */
    public static Tensor tensor(long[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        Tensor t = empty(DType.INT64, shapeFor("tensor", data.length, shape));
        t.unwrap().data_ptr_long().put(data);
        return t;
    }

    private static long[] shapeFor(String op, int length, long[] shape) {
        if (shape == null || shape.length == 0) {
            return new long[] {length};
        }
        checkShape(op, shape);
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        if (n != length) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + length + " values were given");
        }
        return shape;
    }

    /** A 0-dim float32 tensor ({@code torch.tensor(1.5)}). */
    public static Tensor scalar(double value) {
        return full(new long[0], value, DType.FLOAT32);
    }

    /** A 0-dim tensor of {@code dtype}. */
    public static Tensor scalar(double value, DType dtype) {
        return full(new long[0], value, dtype);
    }

    // ---------------------------------------------------------------- filled

    /** Uninitialised memory of the given shape. */
    public static Tensor empty(DType dtype, long... shape) {
        checkShape("empty", shape);
        try {
            return Tensor.adopt(torch.empty(shape, options(dtype), NO_MEMORY_FORMAT));
        } catch (RuntimeException e) {
            throw fail(e, "empty", Arrays.toString(shape), dtype);
        }
    }

    public static Tensor zeros(long... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, long... shape) {
        checkShape("zeros", shape);
        try {
            return Tensor.adopt(torch.zeros(shape, options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "zeros", Arrays.toString(shape), dtype);
        }
    }

    public static Tensor ones(long... shape) {
        return ones(DType.FLOAT32, shape);
    }

    public static Tensor ones(DType dtype, long... shape) {
        checkShape("ones", shape);
        try {
            return Tensor.adopt(torch.ones(shape, options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "ones", Arrays.toString(shape), dtype);
        }
    }

    /** {@code torch.full(shape, value)} as float32. */
    public static Tensor full(long[] shape, double value) {
        return full(shape, value, DType.FLOAT32);
    }

    public static Tensor full(long[] shape, double value, DType dtype) {
        checkShape("full", shape);
        try {
            return Tensor.adopt(torch.full(shape, Scalars.of(value), options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "full", Arrays.toString(shape), value, dtype);
        }
    }

    // ---------------------------------------------------------------- ranges

    /** {@code torch.linspace(start, end, steps)} as float32. */
    public static Tensor linspace(double start, double end, long steps) {
        return linspace(start, end, steps, DType.FLOAT32);
    }

    public static Tensor linspace(double start, double end, long steps, DType dtype) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be >= 0, got " + steps);
        }
        try {
            return Tensor.adopt(torch.linspace(Scalars.of(start), Scalars.of(end), steps, options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "linspace", start, end, steps, dtype);
        }
    }

    /** {@code torch.arange(end)}: int64 values {@code 0 .. end-1}. */
    public static Tensor arange(long end) {
        return arange(0, end);
    }

    /** {@code torch.arange(start, end)}: int64. */
    public static Tensor arange(long start, long end) {
        try {
            return Tensor.adopt(torch.arange(Scalars.of(start), Scalars.of(end), options(DType.INT64)));
        } catch (RuntimeException e) {
            throw fail(e, "arange", start, end);
        }
    }

    /** {@code torch.arange(start, end, step)} with float arguments: float32. */
    public static Tensor arange(double start, double end, double step) {
        try {
            return Tensor.adopt(torch.arange(Scalars.of(start), Scalars.of(end), Scalars.of(step), options(DType.FLOAT32)));
        } catch (RuntimeException e) {
            throw fail(e, "arange", start, end, step);
        }
    }

    // ---------------------------------------------------------------- random (LibTorch's default generator)

    /** Standard normal float32; {@code randn()} with no sizes is {@code torch.randn(())}. */
    public static Tensor randn(long... shape) {
        return randn(DType.FLOAT32, shape);
    }

    public static Tensor randn(DType dtype, long... shape) {
        checkShape("randn", shape);
        try {
            return Tensor.adopt(torch.randn(shape, options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "randn", Arrays.toString(shape), dtype);
        }
    }

    /** Uniform on [0, 1), float32. */
    public static Tensor rand(long... shape) {
        return rand(DType.FLOAT32, shape);
    }

    public static Tensor rand(DType dtype, long... shape) {
        checkShape("rand", shape);
        try {
            return Tensor.adopt(torch.rand(shape, options(dtype)));
        } catch (RuntimeException e) {
            throw fail(e, "rand", Arrays.toString(shape), dtype);
        }
    }

    /** Seeds LibTorch's default CPU (and CUDA) generators: {@code torch.manual_seed(seed)}. */
    public static void manualSeed(long seed) {
        torch.manual_seed(seed);
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

    public static int getNumThreads() {
        return torch.get_num_threads();
    }

    public static void setNumThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("setNumThreads: threads must be >= 1, got " + threads);
        }
        torch.set_num_threads(threads);
    }

    public static boolean cudaAvailable() {
        return torch.cuda_is_available();
    }

    public static int cudaDeviceCount() {
        return torch.cuda_device_count();
    }

    static void checkCuda(Device device) {
        if (!cudaAvailable()) {
            throw new TorchException("CUDA is not available: cannot use " + device
                    + " (this LibTorch build or machine has no usable CUDA device; use the torch4j-native-cuda artifact on a GPU machine)");
        }
        if (device.index() >= cudaDeviceCount()) {
            throw new TorchException("CUDA device " + device.index() + " does not exist (" + cudaDeviceCount() + " device(s))");
        }
    }
}
