package org.torch4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The hang report's reading of gdb's backtraces: threads inside LibTorch kept, frames shortened. */
class NativeStacksTest {
    @Test
    void keepsOnlyThreadsInsideTorchLibrariesWithShortFrames() {
        List<String> gdb = List.of(
                "[New LWP 12]",
                "Thread 3 (Thread 0x7f (LWP 14) \"java\"):",
                "#0  0x00007f in __futex_abstimed_wait_common64 (private=0) at ./nptl/futex-internal.c:57",
                "#1  0x00007e in ?? () from /usr/lib/jvm/lib/server/libjvm.so",
                "Thread 2 (Thread 0x7e (LWP 13) \"java\"):",
                "#0  0x00007d in sgesdd_ () from /root/.javacpp/cache/openblas/libopenblas_nolapack.so.0",
                "#1  0x00007c in at::native::lapackSvd<float, float> (a=0x1) from /root/.javacpp/cache/pytorch/libtorch_cpu.so");
        assertEquals("Thread 2 < sgesdd_ @ libopenblas_nolapack.so.0 < at::native::lapackSvd<float, float> @ libtorch_cpu.so",
                NativeStacks.summary(gdb));
        assertEquals("no thread inside LibTorch", NativeStacks.summary(gdb.subList(0, 4)));
    }
}
