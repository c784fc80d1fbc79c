package org.torch4j.serialization;

import org.torch4j.DType;

/** The {@code torch.*Storage} classes a PyTorch 1.13 file names in its storage ids, one per dtype. */
enum StorageType {
    FLOAT("FloatStorage", DType.FLOAT32),
    DOUBLE("DoubleStorage", DType.FLOAT64),
    HALF("HalfStorage", DType.FLOAT16),
    BFLOAT16("BFloat16Storage", DType.BFLOAT16),
    LONG("LongStorage", DType.INT64),
    INT("IntStorage", DType.INT32),
    SHORT("ShortStorage", DType.INT16),
    CHAR("CharStorage", DType.INT8),
    BYTE("ByteStorage", DType.UINT8),
    BOOL("BoolStorage", DType.BOOL),
    COMPLEX_FLOAT("ComplexFloatStorage", DType.COMPLEX64),
    COMPLEX_DOUBLE("ComplexDoubleStorage", DType.COMPLEX128);

    final String pyName;
    final DType dtype;

    StorageType(String pyName, DType dtype) {
        this.pyName = pyName;
        this.dtype = dtype;
    }

    /** The storage class of {@code name} (e.g. {@code FloatStorage}), or null when torch4j reads none of that name. */
    static StorageType byName(String name) {
        for (StorageType s : values()) {
            if (s.pyName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The storage class that holds {@code dtype}'s elements. */
    static StorageType of(DType dtype) {
        for (StorageType s : values()) {
            if (s.dtype == dtype) {
                return s;
            }
        }
        throw new IllegalArgumentException("save: no PyTorch storage class for dtype " + dtype);
    }
}
