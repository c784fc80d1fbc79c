package org.torch4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.ForkedJvm;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.distributed.run.Launcher;

/**
 * torch.distributed over gloo on loopback: ranks are forked JVMs started by the Launcher (2–3
 * ranks, a free port each run, a 20 s collective timeout, a hard cap on every child). The
 * collectives are checked against their definitions inside the ranks (DistWorkerMain), DDP against
 * single-process training (DdpWorker); init faults run in this JVM with short timeouts, while the
 * forked scenarios, all started by {@link #startForkedScenarios()}, run alongside.
 */
class DistributedTest {
    /** Runs the Launcher in a child JVM; kills the whole tree after {@code capSeconds}. */
    static ForkedJvm.Result launch(int nproc, long capSeconds, String... workerArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--nproc", Integer.toString(nproc), "--master-port", "0",
                DistWorkerMain.class.getName()));
        args.addAll(List.of(workerArgs));
        List<String> cmd = ForkedJvm.command(Launcher.class, List.of(), args.toArray(new String[0]));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread pump = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // child gone
            }
        });
        pump.start();
        if (!p.waitFor(capSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            pump.join(5000);
            throw new AssertionError("launcher did not finish within " + capSeconds + " s:\n" + out);
        }
        pump.join(10_000);
        return new ForkedJvm.Result(p.exitValue(), out.toString());
    }

    static long count(String out, String needle) {
        return out.lines().filter(l -> l.contains(needle)).count();
    }

    /** A forked scenario that fails or throws is reported by the test that reads it. */
    interface Forked<T> {
        T run() throws Exception;
    }

    private static <T> CompletableFuture<T> background(String name, Forked<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(body.run());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "distributed-test-" + name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(300, TimeUnit.SECONDS); // each scenario has its own, shorter cap
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw new AssertionError(e.getCause());
        }
    }

    private static CompletableFuture<ForkedJvm.Result> threeRanks;
    private static CompletableFuture<String[]> mismatched;
    private static final String KILL_TOKEN = "token-" + UUID.randomUUID();
    private static volatile long killNanos;

    /**
     * The forked scenarios start together, before the first test, and overlap: much of each is
     * waiting (JVM start-up, rendezvous, a rank's death being noticed, the mismatch's timeout), so
     * running them side by side keeps the class well under the sum of its parts. One launch of 3
     * ranks runs the collectives scenario, the DDP scenario and last the kill scenario in the same
     * JVMs (each initialises its own process group); every rank prints "SCENARIOS DONE failures N"
     * before the kill, so the first two tests read their verdict there, not from the exit code (137).
     */
    @BeforeAll
    static void startForkedScenarios() {
        threeRanks = background("collectives+ddp+kill", () -> {
            long t0 = System.nanoTime();
            ForkedJvm.Result r = launch(3, 240, "collectives+ddp+kill", "20", KILL_TOKEN);
            killNanos = System.nanoTime() - t0;
            return r;
        });
        mismatched = background("mismatch", DistributedTest::mismatchedWorldSizes);
    }

    @Test
    void collectivesMatchTheirDefinitionsOnThreeRanks() throws Exception {
        ForkedJvm.Result r = await(threeRanks);
        assertEquals(3, count(r.output(), "SCENARIOS DONE failures 0"), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
        for (String op : List.of("allReduce SUM", "allReduce AVG", "allReduce MIN", "allReduce MAX", "allReduce PRODUCT",
                "allReduceAsync", "broadcast", "allGather[2]", "reduceScatter", "scatter", "send/recv", "mismatch",
                "allToAll[0]", "allToAll[2]", "allToAllSingle equal", "allToAllSingle splits", "allToAllSingle bad split",
                "after destroy")) {
            assertEquals(3, count(r.output(), "OK " + op), op + "\n" + r.output());
        }
        assertEquals(3, count(r.output(), "OK gather["), r.output()); // the destination checks 3 slots
        for (String op : List.of("reduce SUM", "reduce MAX", "reduce PRODUCT")) {
            assertEquals(1, count(r.output(), "OK " + op), op + "\n" + r.output()); // only the destination checks
        }
        assertEquals(2, count(r.output(), "OK newGroup allReduce"), r.output());
        assertEquals(1, count(r.output(), "OK newGroup non-member untouched"), r.output());
    }

    @Test
    void ddpEqualsSingleProcessTrainingAndNoSyncAccumulates() throws Exception {
        ForkedJvm.Result r = await(threeRanks);
        assertEquals(3, count(r.output(), "SCENARIOS DONE failures 0"), r.output());
        assertEquals(1, count(r.output(), "OK ddp equals single-process full batch"), r.output());
        assertEquals(3, count(r.output(), "OK bucket size independent"), r.output());
        assertEquals(3, count(r.output(), "OK replicas identical"), r.output());
        assertEquals(3, count(r.output(), "OK noSync leaves local gradients"), r.output());
        assertEquals(3, count(r.output(), "OK noSync accumulation then averaged"), r.output());
        assertEquals(12, count(r.output(), "OK one reduction per backward"), r.output());
        assertEquals(12, count(r.output(), "OK live tensors flat over DDP steps"), r.output());
        assertEquals(3, count(r.output(), "OK buckets launched during backward"), r.output());
        assertEquals(3, count(r.output(), "OK findUnusedParameters averages with zeros"), r.output());
        assertEquals(3, count(r.output(), "OK unused parameter without findUnusedParameters is named"), r.output());
        assertEquals(3, count(r.output(), "OK close while backward runs"), r.output());
        assertEquals(3, count(r.output(), "OK hook after destroyProcessGroup is a TorchException"), r.output());
        assertFalse(r.output().contains("FAIL"), r.output());
    }

    @Test
    void aKilledRankMakesTheOthersFailNamingItAndLeavesNoProcess() throws Exception {
        String token = KILL_TOKEN;
        ForkedJvm.Result r = await(threeRanks);
        assertEquals(137, r.exitCode(), r.output());
        assertTrue(r.output().contains("launcher: rank 2 exited with code 137 (signal 9, SIGKILL)"), r.output());
        for (int rank = 0; rank < 2; rank++) {
            String prefix = "[rank" + rank + "]: LOST";
            assertTrue(r.output().lines().anyMatch(l -> l.startsWith(prefix) && l.contains("lost rank 2")),
                    "rank " + rank + " names the lost rank\n" + r.output());
        }
        // the survivors failed well before the 20 s collective timeout
        for (String l : r.output().lines().filter(l -> l.contains("LOST after")).toList()) {
            long ms = Long.parseLong(l.replaceAll(".*LOST after (\\d+) ms.*", "$1"));
            assertTrue(ms < 20_000, l);
        }
        assertTrue(killNanos < 200e9);
        Thread.sleep(500);
        assertEquals(0, ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(token)).orElse(false)).count(), "no rank left running");
    }

    /** Two ranks disagreeing on WORLD_SIZE (2 vs 3), each a plain JVM; returns their outputs. */
    private static String[] mismatchedWorldSizes() throws Exception {
        int port = Launcher.freePort();
        List<Process> ps = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            ProcessBuilder pb = new ProcessBuilder(ForkedJvm.command(DistWorkerMain.class, List.of(), "init", "6"))
                    .redirectErrorStream(true);
            pb.environment().putAll(Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(port),
                    "RANK", Integer.toString(rank), "WORLD_SIZE", rank == 0 ? "2" : "3"));
            ps.add(pb.start());
        }
        String[] out = new String[2];
        for (int rank = 0; rank < 2; rank++) {
            Process p = ps.get(rank);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("rank " + rank + " did not finish within 120 s");
            }
            out[rank] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 4) {
                throw new AssertionError("rank " + rank + " exited with " + p.exitValue() + ", not 4:\n" + out[rank]);
            }
        }
        return out;
    }

    @Test
    void mismatchedWorldSizeIsAClearError() throws Exception {
        String[] out = await(mismatched);
        assertTrue(out[1].contains("INIT FAILED TorchException: initProcessGroup: WORLD_SIZE mismatch: rank 0 has WORLD_SIZE=2, rank 1 has WORLD_SIZE=3"), out[1]);
        assertTrue(out[0].contains("INIT FAILED TorchException: initProcessGroup:"), out[0]);
    }

    @Test
    void initFaultsInThisProcess() throws Exception {
        Torch.ones(1).close(); // load LibTorch first: the timings below are about the store only
        Duration t = Duration.ofSeconds(3);
        // RANK out of range, missing variables, unknown backend, nccl on the CPU build
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Dist.initProcessGroup("gloo",
                Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "1", "RANK", "2", "WORLD_SIZE", "2"), t));
        assertEquals("initProcessGroup: RANK must be in [0, WORLD_SIZE=2), got 2", bad.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Dist.initProcessGroup("gloo", Map.of("MASTER_ADDR", "127.0.0.1"), t));
        assertEquals("initProcessGroup(env://): environment variable MASTER_PORT is not set", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dist.initProcessGroup("mpi", Map.of(), t));
        TorchException nccl = assertThrows(TorchException.class, () -> Dist.initProcessGroup("nccl", Map.of(), t));
        assertTrue(nccl.getMessage().contains("'nccl' needs NVIDIA GPUs"), nccl.getMessage());

        // unreachable master: fails within the timeout (plus slack), naming the address
        int port = Launcher.freePort();
        long t0 = System.nanoTime();
        TorchException unreachable = assertThrows(TorchException.class, () -> Dist.initProcessGroup("gloo",
                Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(port), "RANK", "1", "WORLD_SIZE", "2"), t));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(unreachable.getMessage().startsWith("TCPStore: cannot reach the master at 127.0.0.1:" + port), unreachable.getMessage());
        assertTrue(ms < 15_000, "failed after " + ms + " ms");

        // port in use
        try (ServerSocket taken = new ServerSocket(0)) {
            TorchException inUse = assertThrows(TorchException.class, () -> Dist.initProcessGroup("gloo",
                    Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", Integer.toString(taken.getLocalPort()), "RANK", "0",
                            "WORLD_SIZE", "1"), t));
            assertTrue(inUse.getMessage().contains("port already in use"), inUse.getMessage());
        }

        // nothing initialised: collectives are TorchExceptions, not crashes
        assertFalse(Dist.isInitialized());
        TorchException none = assertThrows(TorchException.class, () -> Dist.allReduce(Torch.ones(2)));
        assertTrue(none.getMessage().startsWith("allReduce: default process group has not been initialized"), none.getMessage());

        // a world of one works in-process, and after destroy collectives fail clearly
        Dist.initProcessGroup("gloo", Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "0", "RANK", "0", "WORLD_SIZE", "1"), t);
        try {
            assertEquals(0, Dist.getRank());
            assertEquals(1, Dist.getWorldSize());
            org.torch4j.Tensor x = Torch.ones(3);
            Dist.allReduce(x, ReduceOp.SUM);
            assertEquals(3.0, x.sum().item());
            Dist.barrier();
        } finally {
            Dist.destroyProcessGroup();
        }
        TorchException after = assertThrows(TorchException.class, () -> Dist.allReduce(Torch.ones(2)));
        assertNotEquals(-1, after.getMessage().indexOf("not been initialized"), after.getMessage());
    }
}
