package org.torch4j.optim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Run by {@link OptimizerSafetyNetTest} in a fixed-heap JVM (issue 14, defect 11e): 300 Adams over
 * a 4 MB parameter, each stepped once (8 MB of state) and dropped unclosed. When the optimizers
 * wrapped LibTorch's torch::optim, their native state waited for JavaCPP's GC-driven deallocator
 * (1.3 GB held); now the state is unscoped tensors under the tensors' safety net. Prints
 * {@code NET key=value…} lines.
 */
public final class OptimizerSafetyNetMain {
    private OptimizerSafetyNetMain() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Tensor p = Torch.zeros(1 << 20).requiresGrad(true);
        Tensor g = Torch.ones(1 << 20); // kept reachable to the end: its collection would shift the count
        p.setGrad(g);
        long base = Torch.liveTensorCount();
        long rss0 = rssKB();
        long maxRss = rss0;
        for (int i = 0; i < n; i++) {
            Adam a = new Adam(List.of(p), 1e-3);
            a.step();
            maxRss = Math.max(maxRss, rssKB());
        }
        // optimizer state is tensors: count live tensors above the two this program keeps (p, its grad)
        long beforeGc = Torch.liveTensorCount() - base;
        for (int i = 0; i < 100 && Torch.liveTensorCount() > base; i++) {
            System.gc();
            Thread.sleep(20);
        }
        long afterGc = Torch.liveTensorCount() - base;
        Adam closed = new Adam(List.of(p), 1e-3);
        closed.step();
        long withOne = Torch.liveTensorCount() - base;
        closed.close();
        closed.close();
        System.out.println("NET rss0KB=" + rss0 + " maxRssKB=" + maxRss + " liveBeforeGc=" + beforeGc
                + " liveAfterGc=" + afterGc + " withOne=" + withOne + " afterClose=" + (Torch.liveTensorCount() - base));
        java.lang.ref.Reference.reachabilityFence(g);
    }

    private static long rssKB() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
