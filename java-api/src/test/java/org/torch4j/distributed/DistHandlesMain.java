package org.torch4j.distributed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.torch4j.MemoryLoopMainAccess;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Forked by {@link DistHandlesTest}. (1) A TCPStore closed while another thread waits in get():
 * the close takes effect when the get returns (it times out: TorchException), later calls are
 * IllegalStateException — before, the close freed the connection under the waiting thread
 * (SIGSEGV in c10d's Socket). (2) 20 synchronous all-reduces of 64 MB in a world of one: the
 * native Work and its tensor vectors are freed when the wait sees the end, so RSS stays flat
 * (before, each round's tensor stayed until a GC: +1.3 GB after 20 rounds). Prints "OK ..." lines.
 */
public final class DistHandlesMain {
    private DistHandlesMain() {
    }

    public static void main(String[] args) throws Exception {
        Torch.ones(1).close();
        try (TCPStore store = new TCPStore("127.0.0.1", 0, 1, true, Duration.ofMillis(1500))) {
            store.set("a", "1");
            AtomicReference<Throwable> got = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    store.get("never");
                } catch (Throwable t) {
                    got.set(t);
                }
            });
            waiter.start();
            Thread.sleep(300);
            store.close(); // while the waiter is inside get()
            waiter.join();
            boolean timedOut = got.get() instanceof TorchException && got.get().getMessage().startsWith("TCPStore.get(never): ");
            String after;
            try {
                store.get("a");
                after = "no exception";
            } catch (IllegalStateException e) {
                after = e.getMessage();
            }
            System.out.println((timedOut && after.contains("closed") ? "OK" : "FAIL") + " store closed during get: waiter got " + got.get()
                    + "; afterwards " + after);
        }

        Dist.initProcessGroup("gloo", Map.of("MASTER_ADDR", "127.0.0.1", "MASTER_PORT", "0", "RANK", "0", "WORLD_SIZE", "1"),
                Duration.ofSeconds(30));
        try {
            for (int i = 0; i < 3; i++) {
                try (Scope s = Scope.open()) {
                    Dist.allReduce(Torch.ones(16L << 20));
                }
            }
            long before = MemoryLoopMainAccess.rssKb();
            for (int i = 0; i < 20; i++) {
                try (Scope s = Scope.open()) {
                    Tensor t = Torch.ones(16L << 20);
                    Dist.allReduce(t);
                    if (t.sum().item() != 16L << 20) {
                        System.out.println("FAIL allReduce in a world of one changed the tensor");
                    }
                }
            }
            long grewMb = (MemoryLoopMainAccess.rssKb() - before) / 1024;
            System.out.println((grewMb < 200 ? "OK" : "FAIL") + " 20 all-reduces of 64 MB: RSS grew " + grewMb + " MB");
        } finally {
            Dist.destroyProcessGroup();
        }
    }
}
