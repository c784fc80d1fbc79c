package org.torch4j;

import org.torch4j.bindings.CudaMemory;
import org.torch4j.bindings.LibTorch;

/**
 * {@code torch.cuda}: CUDA availability, synchronisation and the caching allocator's memory
 * statistics. Every method except {@link #isAvailable()}, {@link #deviceCount()} and
 * {@link #unavailableReason()} throws the {@link TorchException} "CUDA is not available: …" when
 * CUDA cannot be used here.
 *
 * <p>Tensors on a CUDA device are freed like any other (scopes, {@code close()}); their memory goes
 * back to LibTorch's caching allocator, not to the driver, so {@link #memoryAllocated(int)} is the
 * number that returns to its baseline after a loop, while {@link #memoryReserved(int)} stays at its
 * high-water mark until {@link #emptyCache()}.
 */
public final class Cuda {
    private Cuda() {
    }

    /** {@code torch.cuda.is_available()}. */
    public static boolean isAvailable() {
        return Torch.cudaAvailable();
    }

    /** {@code torch.cuda.device_count()} (0 when CUDA is not available). */
    public static int deviceCount() {
        return Torch.cudaDeviceCount();
    }

    /** Why CUDA cannot be used here (what is missing and what to do), or {@code null} when it can. */
    public static String unavailableReason() {
        return LibTorch.cudaUnavailableReason();
    }

    /** {@code torch.cuda.memory_allocated(device)}: bytes held by live tensors on that device. */
    public static long memoryAllocated(int device) {
        check(device, "memoryAllocated");
        return CudaMemory.allocatedBytes(device);
    }

    /** {@code torch.cuda.max_memory_allocated(device)}. */
    public static long maxMemoryAllocated(int device) {
        check(device, "maxMemoryAllocated");
        return CudaMemory.peakAllocatedBytes(device);
    }

    /** {@code torch.cuda.memory_reserved(device)}: bytes the caching allocator holds from the driver. */
    public static long memoryReserved(int device) {
        check(device, "memoryReserved");
        return CudaMemory.reservedBytes(device);
    }

    /** {@code torch.cuda.reset_peak_memory_stats(device)}. */
    public static void resetPeakMemoryStats(int device) {
        check(device, "resetPeakMemoryStats");
        CudaMemory.resetPeak(device);
    }

    /** {@code torch.cuda.empty_cache()}. */
    public static void emptyCache() {
        check(0, "emptyCache");
        CudaMemory.emptyCache();
    }

    /** {@code torch.cuda.synchronize()}: waits for the current device's queued work. */
    public static void synchronize() {
        check(0, "synchronize");
        CudaMemory.synchronize();
    }

    private static void check(int device, String op) {
        if (device < 0) {
            throw new IllegalArgumentException(op + ": CUDA device index must be >= 0, got " + device);
        }
        Torch.checkCuda(Device.cuda(device), "Cuda." + op);
    }
}
