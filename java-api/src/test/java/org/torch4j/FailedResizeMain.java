package org.torch4j;

import java.util.Arrays;

/**
 * Forked by {@link FailedResizeTest}. LibTorch's resize_ / set_ set a tensor's new sizes before
 * they compute and allocate its storage; when that throws, the tensor's sizes exceed its storage
 * and the next op writes out of bounds (fuzz seed 13521: {@code t.set_(t, 0, [4096], [-1])} then
 * {@code t.clip_(0.5)} corrupted the JVM's memory, SIGSEGV in a later GC). Each case here must
 * throw a TorchException and leave the tensor as it was; then ops on it write in bounds. Prints
 * "OK ..." lines, and after the cases forces GCs (a corrupted heap crashes there).
 */
public final class FailedResizeMain {
    private FailedResizeMain() {
    }

    interface Op {
        void run(Tensor t);
    }

    static void check(String name, Op op) {
        try (Scope s = Scope.open()) {
            Tensor t = Torch.arange(6L).to(DType.FLOAT32).reshape(2, 3);
            float[] before = t.toFloatArray();
            String error;
            try {
                op.run(t);
                error = "no exception";
            } catch (TorchException e) {
                error = e.getMessage();
            }
            boolean same = Arrays.equals(t.shape(), new long[] {2, 3}) && Arrays.equals(t.stride(), new long[] {3, 1}) && t.isContiguous()
                    && Arrays.equals(t.toFloatArray(), before);
            Tensor big = Torch.ones(4096);
            t.clip_(0.5); // wrote 4096 floats into 24 bytes before the fix
            t.add_(1.0);
            boolean usable = t.sum().item() == 6 * 1.0 + (0.5 + 1 + 2 + 3 + 4 + 5) && big.sum().item() == 4096;
            System.out.println((same && usable && !error.equals("no exception") ? "OK " : "FAIL ") + name + ": shape "
                    + Arrays.toString(t.shape()) + ", " + error.split("\n")[0]);
        }
    }

    public static void main(String[] args) {
        check("set_ with a negative stride", t -> t.set_(t, 0, new long[] {4096}, -1));
        check("set_ with an overflowing size", t -> t.set_(t, 0, new long[] {Long.MAX_VALUE / 2, 4}, 1, 1));
        check("resize_ beyond memory", t -> t.resize_(1L << 40, 1L << 20));
        check("set_ of another tensor beyond memory", t -> t.set_(Torch.zeros(1), 0, new long[] {1L << 40, 1L << 20}, 1L << 20, 1));
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        System.out.println("DONE");
    }
}
