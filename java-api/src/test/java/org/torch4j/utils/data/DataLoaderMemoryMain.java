package org.torch4j.utils.data;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A DataLoader epoch loop (shuffled TensorDataset, 2 worker threads, a small computation per batch
 * in a Scope) for {@code args[0]} batches in total; prints the live-tensor count and RSS at the end
 * of the warm-up epochs and at the end, as key=value lines for DataLoaderMemoryTest.
 */
public final class DataLoaderMemoryMain {
    static long rssKb() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[0]);
        int workers = Integer.parseInt(args[1]);
        Torch.manualSeed(0);
        Tensor x = Torch.randn(1000, 32).unscoped();
        Tensor y = Torch.randn(1000).unscoped();
        Tensor w = Torch.randn(32, 1).unscoped();
        DataLoader<List<Tensor>, List<Tensor>> loader = DataLoader.of(new TensorDataset(x, y),
                new DataLoader.Options(16).withShuffle(true).withNumWorkers(workers).withGenerator(new Generator().manualSeed(1)));
        int batches = 0;
        int epochs = 0;
        long warmLive = -1;
        long warmRss = 0;
        double sum = 0;
        while (batches < total) {
            for (List<Tensor> b : loader) {
                try (Scope s = Scope.open()) {
                    sum += b.get(0).matmul(w).squeeze().sub(b.get(1)).pow(2).mean().item();
                }
                batches++;
            }
            epochs++;
            if (epochs == 10) { // after warm-up, at an epoch boundary (no batch in flight)
                System.gc();
                warmLive = Torch.liveTensorCount();
                warmRss = rssKb();
            }
        }
        System.gc();
        System.out.println("mem batches=" + batches + " epochs=" + epochs + " warmLive=" + warmLive + " endLive=" + Torch.liveTensorCount()
                + " warmRssKb=" + warmRss + " endRssKb=" + rssKb() + " finite=" + (Double.isFinite(sum) ? 1 : 0));
    }
}
