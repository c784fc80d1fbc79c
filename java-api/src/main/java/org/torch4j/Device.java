package org.torch4j;

import java.util.Objects;

/** Where a tensor lives: {@link #CPU} or a CUDA device. */
public final class Device {
    /** Kinds of device torch4j supports. */
    public enum Type {
        /** The CPU. */
        CPU,
        /** An NVIDIA GPU, through CUDA. */
        CUDA
    }

    /** The CPU, {@code torch.device("cpu")}. */
    public static final Device CPU = new Device(Type.CPU, -1);

    private final Type type;
    private final int index;
    private volatile org.bytedeco.pytorch.Device nativeDevice;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    /** CUDA device {@code index} (0-based). Using it needs CUDA; see {@link Torch#cudaAvailable()}. */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("CUDA device index must be >= 0, got " + index);
        }
        return new Device(Type.CUDA, index);
    }

    /**
     * Parses PyTorch's spelling: {@code cpu}, {@code cuda} (= {@code cuda:0}), {@code cuda:N}; case and
     * surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException for anything else (the message lists what is accepted)
     */
    public static Device of(String spec) {
        Objects.requireNonNull(spec, "device");
        String s = spec.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return cuda(0);
        }
        if (s.startsWith("cuda:") && s.length() > 5 && s.length() <= 15 && s.substring(5).chars().allMatch(c -> c >= '0' && c <= '9')) {
            long index = Long.parseLong(s.substring(5));
            if (index <= Integer.MAX_VALUE) {
                return cuda((int) index);
            }
        }
        throw new IllegalArgumentException("bad device '" + spec + "': expected cpu, cuda or cuda:N (N >= 0)");
    }

    /** The device type ({@code device.type}). */
    public Type type() {
        return type;
    }

    /** Device index, or -1 for the CPU. */
    public int index() {
        return index;
    }

    /** Whether this is a CUDA device. */
    public boolean isCuda() {
        return type == Type.CUDA;
    }

    /** Whether this is the CPU. */
    public boolean isCpu() {
        return type == Type.CPU;
    }

    /** The presets' device object (escape hatch for raw-bindings code). */
    public org.bytedeco.pytorch.Device toNative() {
        org.bytedeco.pytorch.Device d = nativeDevice;
        if (d == null) {
            String name = toString();
            d = org.torch4j.bindings.Cached.make(() -> new org.bytedeco.pytorch.Device(name));
            nativeDevice = d;
        }
        return d;
    }

    static Device fromNative(org.bytedeco.pytorch.Device d) {
        return d.is_cuda() ? cuda(d.index()) : CPU;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device other && other.type == type && other.index == index;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + index;
    }

    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
