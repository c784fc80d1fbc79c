package org.torch4j.bindings;

import org.bytedeco.pytorch.cuda.DeviceStats;
import org.bytedeco.pytorch.global.torch;

/**
 * LibTorch's CUDA caching-allocator statistics ({@code torch.cuda.memory_allocated} and friends).
 *
 * <p>Only for callers that have checked {@link LibTorch#cudaAvailable()}: the statistics type
 * belongs to the presets' CUDA classes, whose native library exists only in the GPU build.
 */
public final class CudaMemory {
    private CudaMemory() {
    }

    /** Bytes currently held by tensors on CUDA device {@code device}. */
    public static long allocatedBytes(int device) {
        try (DeviceStats s = torch.getDeviceStats((byte) device)) {
            return s.allocated_bytes().current();
        }
    }

    /** Peak of {@link #allocatedBytes} since start or the last {@link #resetPeak}. */
    public static long peakAllocatedBytes(int device) {
        try (DeviceStats s = torch.getDeviceStats((byte) device)) {
            return s.allocated_bytes().peak();
        }
    }

    /** Bytes the caching allocator holds from the driver (allocated plus cached) on {@code device}. */
    public static long reservedBytes(int device) {
        try (DeviceStats s = torch.getDeviceStats((byte) device)) {
            return s.reserved_bytes().current();
        }
    }

    /** Resets the peak statistics of {@code device}. */
    public static void resetPeak(int device) {
        torch.resetPeakStats((byte) device);
    }

    /** Returns cached, unused blocks to the driver ({@code torch.cuda.empty_cache()}). */
    public static void emptyCache() {
        torch.emptyCache();
    }

    /** Waits for all work on the current CUDA device ({@code torch.cuda.synchronize()}). */
    public static void synchronize() {
        torch.cuda_synchronize();
    }
}
