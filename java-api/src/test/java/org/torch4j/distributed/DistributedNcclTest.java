package org.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * The nccl backend. Without CUDA (the CPU build, or no GPU) initProcessGroup("nccl") must be a
 * TorchException that says why, before any rendezvous; with a GPU (mvn -Pcuda, ci/gpu-check.sh) a
 * world of one runs nccl collectives on CUDA tensors. Elsewhere the GPU case is skipped with the
 * reason; {@code -Dtorch4j.requireGpu=true} turns the skip into a failure.
 */
@Tag("gpu")
class DistributedNcclTest {
    private static final Map<String, String> SOLO = Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "0", "RANK", "0",
            "WORLD_SIZE", "1");

    @Test
    void ncclWithoutGpusIsAClearTorchException() {
        Assumptions.assumeFalse(Cuda.isAvailable(), "CUDA is available: the nccl refusal cannot be observed here");
        TorchException e = assertThrows(TorchException.class,
                () -> Dist.initProcessGroup("NCCL", SOLO, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("initProcessGroup: backend 'nccl' needs NVIDIA GPUs"), e.getMessage());
        assertTrue(e.getMessage().contains("Use \"gloo\""), e.getMessage());
        Assertions.assertFalse(Dist.isInitialized(), "nothing was initialised");
    }

    @Test
    void ncclWorldOfOneOnTheGpu() {
        String reason = "CUDA is not available: " + Cuda.unavailableReason() + " — nccl GPU test skipped";
        if (Boolean.getBoolean("torch4j.requireGpu")) {
            Assertions.assertTrue(Cuda.isAvailable(), reason);
        } else {
            if (!Cuda.isAvailable()) {
                System.err.println("[gpu] " + reason);
            }
            Assumptions.assumeTrue(Cuda.isAvailable(), reason);
        }
        Dist.initProcessGroup("nccl", SOLO, Duration.ofSeconds(30));
        try {
            assertEquals("nccl", Dist.getBackend());
            Tensor x = Torch.tensor(new float[] {1, 2, 3}, 3).to(Device.cuda(0));
            Dist.allReduce(x, ReduceOp.SUM);
            Dist.broadcast(x, 0);
            assertArrayEquals(new float[] {1, 2, 3}, x.to(Device.CPU).toFloatArray());
        } finally {
            Dist.destroyProcessGroup();
        }
    }
}
