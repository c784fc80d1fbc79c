package org.torch4j;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** Element types, named as PyTorch names them ({@code torch.float32} is {@link #FLOAT32}). */
public enum DType {
    FLOAT32("float32", ScalarType.Float, 4, true),
    FLOAT64("float64", ScalarType.Double, 8, true),
    FLOAT16("float16", ScalarType.Half, 2, true),
    BFLOAT16("bfloat16", ScalarType.BFloat16, 2, true),
    INT64("int64", ScalarType.Long, 8, false),
    INT32("int32", ScalarType.Int, 4, false),
    INT16("int16", ScalarType.Short, 2, false),
    INT8("int8", ScalarType.Char, 1, false),
    UINT8("uint8", ScalarType.Byte, 1, false),
    BOOL("bool", ScalarType.Bool, 1, false);

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

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The presets' scalar type (escape hatch for code that also uses the raw bindings). */
    public ScalarType scalarType() {
        return scalarType;
    }

    static DType of(ScalarType st) {
        // compare codes: the presets may return a ScalarType instance that is not the enum's own constant
        for (DType d : values()) {
            if (d.scalarType == st || (st != null && d.scalarType.value == st.value)) {
                return d;
            }
        }
        throw new TorchException("unsupported dtype " + st);
    }

    /** PyTorch's name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return pyName;
    }
}
