package org.torch4j;

import java.util.Arrays;

/**
 * Copies between Java primitive arrays and tensors, for {@link Torch#tensor} and the
 * {@code Tensor.toXxxArray()} methods. Conversions between element types are LibTorch's own
 * ({@code x.to(dtype)}), so they round, truncate and wrap exactly as PyTorch does.
 */
final class JavaArrays {
    private JavaArrays() {
    }

    // ---------------------------------------------------------------- Java -> tensor (CPU)

    /** The natural dtype of each Java array type. */
    static DType natural(Object data) {
        if (data instanceof float[]) {
            return DType.FLOAT32;
        } else if (data instanceof double[]) {
            return DType.FLOAT64;
        } else if (data instanceof long[]) {
            return DType.INT64;
        } else if (data instanceof int[]) {
            return DType.INT32;
        } else if (data instanceof short[]) {
            return DType.INT16;
        } else if (data instanceof byte[]) {
            return DType.INT8;
        } else if (data instanceof boolean[]) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("tensor: unsupported array type " + data.getClass().getSimpleName());
    }

    /**
     * A CPU tensor of {@code dtype} holding {@code data} (a primitive array of {@code length}
     * elements) in {@code shape}: written as the array's natural dtype (bytes as uint8 when
     * {@code dtype} is uint8), then converted with {@code .to(dtype)} when that differs.
     */
    static Tensor fromArray(Object data, int length, DType dtype, long[] shape) {
        if (dtype.isQuantized()) {
            throw new IllegalArgumentException("tensor: no tensor of dtype " + dtype
                    + " is made from Java values; make a float tensor and call Torch.quantizePerTensor / quantizePerChannel");
        }
        DType raw = natural(data);
        if (data instanceof byte[] && dtype == DType.UINT8) {
            raw = DType.UINT8; // the bytes' bits are the uint8 values
        }
        long[] s = shapeFor("tensor", length, shape);
        Tensor t = Torch.empty(Device.CPU, raw, s);
        if (length > 0) {
            org.bytedeco.pytorch.Tensor n = t.lease();
            try {
                put(n, raw, data);
            } finally {
                t.release();
            }
        }
        if (raw == dtype) {
            return t;
        }
        try (t) {
            return t.to(dtype);
        }
    }

    private static void put(org.bytedeco.pytorch.Tensor n, DType raw, Object data) {
        switch (raw) {
            case FLOAT32 -> n.data_ptr_float().put((float[]) data);
            case FLOAT64 -> n.data_ptr_double().put((double[]) data);
            case INT64 -> n.data_ptr_long().put((long[]) data);
            case INT32 -> n.data_ptr_int().put((int[]) data);
            case INT16 -> n.data_ptr_short().put((short[]) data);
            case INT8 -> n.data_ptr_char().put((byte[]) data);
            case UINT8 -> n.data_ptr_byte().put((byte[]) data);
            case BOOL -> {
                // BoolPointer has no bulk copy: C++ bool is one byte, 0 or 1
                boolean[] b = (boolean[]) data;
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    bytes[i] = b[i] ? (byte) 1 : 0;
                }
                try (org.bytedeco.javacpp.BytePointer p = new org.bytedeco.javacpp.BytePointer(n.data_ptr_bool())) {
                    p.put(bytes);
                }
            }
            default -> throw new IllegalStateException(raw.toString());
        }
    }

    /**
     * {@code shape}, checked against {@code length} values; an empty {@code shape} means
     * {@code [length]}. Negative sizes, an element count that overflows a long, or a count other
     * than {@code length} are IllegalArgumentExceptions naming {@code op}.
     */
    static long[] shapeFor(String op, int length, long[] shape) {
        if (shape == null || shape.length == 0) {
            return new long[] {length};
        }
        long n = numel(op, shape);
        if (n != length) {
            throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but " + length + " values were given");
        }
        return shape;
    }

    /** The element count of {@code shape}; IllegalArgumentException for a negative size or an overflow. */
    static long numel(String op, long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + Arrays.toString(shape));
            }
        }
        for (long s : shape) {
            try {
                n = Math.multiplyExact(n, s);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(op + ": shape " + Arrays.toString(shape)
                        + " has more elements than a long can count");
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- tensor -> Java

    /**
     * All elements of {@code t}, row-major, converted to {@code dtype} as {@code t.to(dtype)}
     * converts, in a new array of the dtype's Java type ({@code byte[]} for int8, uint8 as raw bits).
     */
    static Object toArray(Tensor t, DType dtype, String op) {
        DType own = t.dtype();
        if (own.isQuantized()) {
            // LibTorch cannot convert a quantized tensor with .to(dtype): say which tensor to read instead
            throw new IllegalArgumentException(op + ": a quantized tensor (" + t.describe()
                    + ") has no Java array type; read x.dequantize() (the real values) or x.intRepr() (the stored integers)");
        }
        if (own.isComplex()) {
            // PyTorch would drop the imaginary parts with a warning; here that is an error
            throw new IllegalArgumentException(op + ": a complex tensor (" + t.describe()
                    + ") has no Java array type; take x.real / x.imag or view_as_real first");
        }
        try (Scope s = Scope.open()) {
            Tensor d = dense(t, dtype, op);
            org.bytedeco.pytorch.Tensor c = d.lease();
            try {
                long count = c.numel();
                if (count > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException(op + ": " + count + " elements do not fit in a Java array ("
                            + t.describe() + ")");
                }
                int n = (int) count;
                switch (dtype) {
                    case FLOAT32: {
                        float[] out = new float[n];
                        if (n > 0) {
                            c.data_ptr_float().get(out);
                        }
                        return out;
                    }
                    case FLOAT64: {
                        double[] out = new double[n];
                        if (n > 0) {
                            c.data_ptr_double().get(out);
                        }
                        return out;
                    }
                    case INT64: {
                        long[] out = new long[n];
                        if (n > 0) {
                            c.data_ptr_long().get(out);
                        }
                        return out;
                    }
                    case INT32: {
                        int[] out = new int[n];
                        if (n > 0) {
                            c.data_ptr_int().get(out);
                        }
                        return out;
                    }
                    case INT16: {
                        short[] out = new short[n];
                        if (n > 0) {
                            c.data_ptr_short().get(out);
                        }
                        return out;
                    }
                    case INT8: {
                        byte[] out = new byte[n];
                        if (n > 0) {
                            c.data_ptr_char().get(out);
                        }
                        return out;
                    }
                    case UINT8: {
                        byte[] out = new byte[n];
                        if (n > 0) {
                            c.data_ptr_byte().get(out);
                        }
                        return out;
                    }
                    case BOOL: {
                        boolean[] out = new boolean[n];
                        if (n > 0) {
                            byte[] bytes = new byte[n];
                            try (org.bytedeco.javacpp.BytePointer p = new org.bytedeco.javacpp.BytePointer(c.data_ptr_bool())) {
                                p.get(bytes);
                            }
                            for (int i = 0; i < n; i++) {
                                out[i] = bytes[i] != 0;
                            }
                        }
                        return out;
                    }
                    default:
                        throw new IllegalArgumentException(op + ": no Java array type for " + dtype);
                }
            } catch (RuntimeException e) {
                // e.g. a sparse tensor has no strided storage to read (fuzz seed 799): call toDense() first
                throw t.err(e, op);
            } finally {
                d.release();
            }
        }
    }

    /** A contiguous CPU copy in {@code dtype}, detached from autograd (owned by the caller's scope). */
    static Tensor dense(Tensor t, DType dtype, String op) {
        org.bytedeco.pytorch.Tensor self = t.lease();
        try {
            // the intermediates are closed here: only the contiguous copy (or alias) is adopted
            try (org.bytedeco.pytorch.Tensor det = self.detach();
                    org.bytedeco.pytorch.Tensor moved = det.to(Device.CPU.toNative(), dtype.scalarType())) {
                return Tensor.adopt(moved.contiguous());
            }
        } catch (RuntimeException e) {
            throw t.err(e, op);
        } finally {
            t.release();
        }
    }
}
