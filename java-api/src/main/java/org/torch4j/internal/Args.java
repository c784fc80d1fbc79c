package org.torch4j.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LayoutOptional;
import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.bindings.Cached;
import org.torch4j.bindings.LibTorch;

/**
 * Argument conversions for the generated op surface (codegen/generate.py): the "none" values of
 * optional arguments (made once, never closed), cached dtype / device optionals, and the
 * Tensor-list and tuple plumbing. Conversions that must allocate per call (an optional holding a
 * tensor or a number) are made and closed by the generated code itself. Not exported.
 */
public final class Args {
    static {
        LibTorch.ensureLoaded();
    }

    public static final GeneratorOptional NO_GENERATOR = Cached.make(GeneratorOptional::new);
    public static final LayoutOptional NO_LAYOUT = Cached.make(LayoutOptional::new);
    public static final MemoryFormatOptional NO_MEMORY_FORMAT = Cached.make(MemoryFormatOptional::new);
    public static final BoolOptional NO_BOOL = Cached.make(BoolOptional::new);
    public static final TensorOptional NO_TENSOR = Cached.make(TensorOptional::new);
    public static final ScalarOptional NO_SCALAR = Cached.make(ScalarOptional::new);
    public static final LongOptional NO_LONG = Cached.make(LongOptional::new);
    public static final DoubleOptional NO_DOUBLE = Cached.make(DoubleOptional::new);
    public static final ScalarTypeOptional NO_DTYPE = Cached.make(ScalarTypeOptional::new);
    public static final DeviceOptional NO_DEVICE = Cached.make(DeviceOptional::new);
    public static final StringViewOptional NO_STRING = Cached.make(StringViewOptional::new);
    /** {@code int[]? = None}. */
    public static final LongArrayRefOptional NO_LONG_ARRAY = Cached.make(LongArrayRefOptional::new);
    /** An undefined tensor: C++'s "no tensor" where a parameter is a plain {@code const Tensor&}. */
    public static final org.bytedeco.pytorch.Tensor UNDEFINED = Cached.make(org.bytedeco.pytorch.Tensor::new);

    /**
     * Whether an op on these operands records autograd history: grad mode on and one of them requires
     * grad. Used only when an in-place op is given its receiver as an argument (the clone that breaks
     * LibTorch's self-cycle is made only then); null entries are absent optional operands.
     */
    public static boolean recordsGrad(org.bytedeco.pytorch.Tensor... ts) {
        if (!org.bytedeco.pytorch.GradMode.is_enabled()) {
            return false;
        }
        for (org.bytedeco.pytorch.Tensor n : ts) {
            if (n != null && n.defined() && n.requires_grad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code a} is exactly {@code self}'s memory (same storage, offset, sizes and strides):
     * what an in-place op must not save as an operand while it becomes {@code self}'s grad_fn.
     * False for tensors without storage (sparse, mkldnn), where {@code is_set_to} would throw.
     */
    public static boolean sameView(org.bytedeco.pytorch.Tensor a, org.bytedeco.pytorch.Tensor self) {
        return a.has_storage() && self.has_storage() && a.is_set_to(self);
    }

    private static final EnumMap<DType, ScalarTypeOptional> DTYPES = new EnumMap<>(DType.class);
    private static final Map<Device, DeviceOptional> DEVICES = new ConcurrentHashMap<>();
    private static final long[] NO_LONGS = new long[0];

    static {
        for (DType d : DType.values()) {
            DTYPES.put(d, Cached.make(() -> new ScalarTypeOptional(d.scalarType())));
        }
    }

    private Args() {
    }

    /** {@code ScalarType? dtype}: null is None. Cached; never close it. */
    public static ScalarTypeOptional dtype(DType dtype) {
        return dtype == null ? NO_DTYPE : DTYPES.get(dtype);
    }

    /** {@code ScalarType dtype} (required). */
    public static ScalarType scalarType(DType dtype) {
        return Objects.requireNonNull(dtype, "dtype").scalarType();
    }

    /** The DType of a ScalarType a native call returned. */
    public static DType dtypeOf(ScalarType st) {
        for (DType d : DType.values()) {
            if (d.scalarType().value == st.value) {
                return d;
            }
        }
        throw new org.torch4j.TorchException("unsupported dtype " + st);
    }

    /**
     * {@code Device? device} of a factory: null is the process-wide default device
     * ({@link Torch#defaultDevice()}); a CUDA device is checked first ("CUDA is not available: …").
     * Cached per device; never close it.
     */
    public static DeviceOptional device(Device device, String op) {
        Device d = device == null ? Torch.defaultDevice() : device;
        if (d.isCuda()) {
            Torch.checkAvailable(d);
        }
        DeviceOptional o = DEVICES.get(d);
        return o != null ? o : DEVICES.computeIfAbsent(d, k -> Cached.make(() -> new DeviceOptional(k.toNative())));
    }

    /** {@code Device? device} of a {@code *_like} / {@code new_*} op: null is None (the input's device). */
    public static DeviceOptional deviceOrNone(Device device, String op) {
        return device == null ? NO_DEVICE : device(device, op);
    }

    /**
     * {@code int[]?} where the presets bind no {@code std::optional} overload: null (None) becomes the
     * empty list, which the reductions read as "all dims".
     */
    public static long[] orEmpty(long[] v) {
        return v == null ? NO_LONGS : v;
    }

    /**
     * A pooling stride: an empty (or null) one means {@code stride = kernel_size}, as PyTorch's
     * schema says; LibTorch 2.10's quantized max pools read past an empty list instead.
     */
    public static long[] strideOrKernel(long[] stride, long[] kernelSize) {
        return stride == null || stride.length == 0 ? kernelSize : stride;
    }

    /** A {@code List<Tensor>} argument as an array (null list or element: NullPointerException naming the op). */
    public static Tensor[] array(List<Tensor> ts, String op) {
        Objects.requireNonNull(ts, () -> op + ": tensor list is null");
        return ts.toArray(new Tensor[0]);
    }

    /** Leases every tensor of a {@code Tensor[]} argument; a null array or element is a NullPointerException naming the op. */
    public static org.bytedeco.pytorch.Tensor[] leaseAll(Tensor[] ts, String op) {
        Objects.requireNonNull(ts, () -> op + ": tensor array is null");
        for (Tensor t : ts) {
            if (t == null) {
                throw new NullPointerException(op + ": tensor list holds a null element");
            }
        }
        return Native.leaseAll(ts, op);
    }

    /** Adopts copies of the elements of a returned vector (they are references into it) and frees the vector. */
    public static List<Tensor> adoptAll(TensorVector v) {
        try (v) {
            int n = (int) v.size();
            List<Tensor> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(Native.adopt(new org.bytedeco.pytorch.Tensor(v.get(i))));
            }
            return List.copyOf(out);
        }
    }

    /**
     * The step of {@code range}/{@code arange} with an integral dtype: LibTorch truncates it to the
     * dtype first and divides by it (a fractional step such as 0.5 with int64 killed the JVM with
     * SIGFPE); PyTorch 1.13 refuses it with "step must be nonzero".
     *
     * @param step the step as given
     * @param dtype the requested dtype (null: inferred, floating point for a double step)
     * @param op the op, for the message
     */
    public static void integralStep(double step, org.torch4j.DType dtype, String op) {
        if (dtype != null && !dtype.isFloatingPoint() && !dtype.isComplex() && (long) step == 0) {
            throw new IllegalArgumentException(op + ": step must be nonzero (step " + step + " is 0 as " + dtype + ")");
        }
    }

    /**
     * {@code to_mkldnn} of a tensor with no elements: the oneDNN tensor it makes divides by its
     * zero-size dimension in oneDNN's reorder on the next view or copy (SIGFPE, fuzz seed 5040).
     *
     * @param t the tensor to convert
     * @param op the op, for the message
     */
    public static void mkldnnNotEmpty(org.torch4j.Tensor t, String op) {
        if (t.numel() == 0) {
            throw new IllegalArgumentException(op + ": a tensor with no elements (" + Native.describe(t)
                    + ") cannot become a oneDNN (MKL-DNN) tensor: oneDNN's reorder divides by its zero-size dimension "
                    + "(SIGFPE, fuzz seed 5040)");
        }
    }

    /**
     * {@code matrix_power}'s {@code n}: a negative n inverts, then raises to {@code -n}, and
     * {@code -Long.MIN_VALUE} overflows to itself, so LibTorch's squaring loop never ended (fuzz seed
     * 3373 of a long run; PyTorch 1.13 hangs on {@code matrix_power(A, -2**63)} too).
     *
     * @param n the exponent as given
     * @param op the op, for the message
     */
    public static void matrixPowerExponent(long n, String op) {
        if (n == Long.MIN_VALUE) {
            throw new IllegalArgumentException(op + ": n must be greater than " + Long.MIN_VALUE + " (its negation overflows), got " + n);
        }
    }

    /**
     * The {@code mode} of {@code embedding_bag}: 0 (sum), 1 (mean) or 2 (max). LibTorch indexes its
     * kernels with it unchecked: mode 3 killed the JVM with SIGSEGV (fuzz seed 9125), as it kills
     * PyTorch 1.13.
     *
     * @param mode the mode as given
     * @param op the op, for the message
     */
    public static void embeddingBagMode(long mode, String op) {
        if (mode < 0 || mode > 2) {
            throw new IllegalArgumentException(op + ": mode must be 0 (sum), 1 (mean) or 2 (max), got " + mode);
        }
    }

    /**
     * {@code choose_qparams_optimized}'s {@code n_bins} and {@code ratio}: LibTorch searches
     * {@code n_bins * (1 - ratio)} bins held in an {@code int} without checking either, so a
     * negative {@code n_bins} or a ratio outside [0, 1] (or NaN) looped for good (fuzz seed 15559:
     * n_bins -1, ratio 1e300; PyTorch 1.13 hangs on n_bins -1 or ratio 1e300 too).
     *
     * @param nBins the number of histogram bins as given
     * @param ratio the ratio as given
     * @param op the op, for the message
     */
    public static void qparamsBins(long nBins, double ratio, String op) {
        if (nBins < 0 || nBins > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": n_bins must be in [0, " + Integer.MAX_VALUE + "], got " + nBins);
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException(op + ": ratio must be in [0, 1], got " + ratio);
        }
    }

    /**
     * A required {@code str} argument: PyTorch has no None here, and a null would reach LibTorch as
     * a null {@code char*}; throws NullPointerException naming the op and the argument.
     */
    public static String str(String s, String op, String name) {
        if (s == null) {
            throw new NullPointerException(op + ": " + name + " is null (a required string argument)");
        }
        return s;
    }
}
