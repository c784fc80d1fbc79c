package org.torch4j;

import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Element types, named as PyTorch names them ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>The quantized dtypes ({@link #QUINT8}, {@link #QINT8}, {@link #QINT32}) name the result of
 * {@code Torch.quantizePerTensor} / {@code quantizePerChannel} and the target of those calls; plain
 * factories ({@code zeros}, {@code randn}, tensors from Java arrays) and Java-array conversions do not
 * accept them (use {@code dequantize()} or {@code intRepr()} first).
 */
public enum DType {
    /** {@code torch.float32}. */
    FLOAT32("float32", ScalarType.Float, 4, true),
    /** {@code torch.float64}. */
    FLOAT64("float64", ScalarType.Double, 8, true),
    /** {@code torch.float16}. */
    FLOAT16("float16", ScalarType.Half, 2, true),
    /** {@code torch.bfloat16}. */
    BFLOAT16("bfloat16", ScalarType.BFloat16, 2, true),
    /** {@code torch.int64} (PyTorch's default integer dtype). */
    INT64("int64", ScalarType.Long, 8, false),
    /** {@code torch.int32}. */
    INT32("int32", ScalarType.Int, 4, false),
    /** {@code torch.int16}. */
    INT16("int16", ScalarType.Short, 2, false),
    /** {@code torch.int8}. */
    INT8("int8", ScalarType.Char, 1, false),
    /** {@code torch.uint8}. */
    UINT8("uint8", ScalarType.Byte, 1, false),
    /** {@code torch.bool}. */
    BOOL("bool", ScalarType.Bool, 1, false),
    /** Complex numbers of two float32 parts ({@code torch.complex64}, {@code torch.cfloat}). */
    COMPLEX64("complex64", ScalarType.ComplexFloat, 8, false),
    /** Complex numbers of two float64 parts ({@code torch.complex128}, {@code torch.cdouble}). */
    COMPLEX128("complex128", ScalarType.ComplexDouble, 16, false),
    /** {@code torch.quint8}: 8-bit unsigned affine-quantized values (scale and zero point kept with the tensor). */
    QUINT8("quint8", ScalarType.QUInt8, 1, false),
    /** {@code torch.qint8}: 8-bit signed affine-quantized values. */
    QINT8("qint8", ScalarType.QInt8, 1, false),
    /** {@code torch.qint32}: 32-bit signed affine-quantized values. */
    QINT32("qint32", ScalarType.QInt32, 4, false);

    private final String pyName;
    private final ScalarType scalarType;
    private final int itemSize;
    private final boolean floatingPoint;

    DType(String pyName, ScalarType scalarType, int itemSize, boolean floatingPoint) {
        this.pyName = pyName;
        this.scalarType = scalarType;
        this.itemSize = itemSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** {@code dtype.is_floating_point}: true for float16, bfloat16, float32, float64 (not complex). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** {@code dtype.is_complex}: true for complex64 and complex128. */
    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /**
     * {@code dtype.is_quantized}: true for quint8, qint8 and qint32. Such tensors hold integers plus
     * quantization parameters; they are made by {@code quantizePerTensor} / {@code quantizePerChannel},
     * not by plain factories, and read back through {@code dequantize()} or {@code intRepr()}.
     */
    public boolean isQuantized() {
        return this == QUINT8 || this == QINT8 || this == QINT32;
    }

    /** The presets' scalar type (escape hatch for code that also uses the raw bindings). */
    public ScalarType scalarType() {
        return scalarType;
    }

    private static final DType[] BY_VALUE = new DType[64];

    static {
        for (DType d : values()) {
            BY_VALUE[d.scalarType.value] = d;
        }
    }

    /** JavaCPP may hand back a distinct enum instance for the same native value: map by value. */
    static DType of(ScalarType st) {
        int v = st.value;
        DType d = v >= 0 && v < BY_VALUE.length ? BY_VALUE[v] : null;
        if (d != null) {
            return d;
        }
        throw new TorchException("unsupported dtype " + st);
    }

    /** PyTorch's name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return pyName;
    }
}
