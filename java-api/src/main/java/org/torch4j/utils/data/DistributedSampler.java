package org.torch4j.utils.data;

import java.util.Iterator;
import org.torch4j.Generator;
import org.torch4j.distributed.Dist;

/**
 * {@code torch.utils.data.DistributedSampler(dataset, num_replicas, rank, shuffle=True, seed=0,
 * drop_last=False)}: rank {@code rank}'s share of the indices, PyTorch 1.13's exactly. Each epoch
 * shuffles with a generator seeded {@code seed + epoch} ({@code randperm}), pads by repeating
 * indices from the start so every rank gets {@code ceil(n / replicas)} (or, with dropLast, drops
 * the tail), then takes every {@code replicas}-th index from {@code rank}. Call {@link #setEpoch}
 * before each epoch, or every epoch has the same order.
 */
public final class DistributedSampler implements Sampler {
    private final int n;
    private final int numReplicas;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int numSamples;
    private final int totalSize;
    private volatile long epoch;

    /** {@code DistributedSampler(dataset)}: replicas and rank from the default process group. */
    public DistributedSampler(Dataset<?> dataset) {
        this(dataset.size(), Dist.getWorldSize(), Dist.getRank(), true, 0, false);
    }

    /** {@code DistributedSampler(dataset, num_replicas, rank, shuffle, seed, drop_last)}. */
    public DistributedSampler(Dataset<?> dataset, int numReplicas, int rank, boolean shuffle, long seed, boolean dropLast) {
        this(dataset.size(), numReplicas, rank, shuffle, seed, dropLast);
    }

    /** Over {@code range(n)}. */
    public DistributedSampler(int n, int numReplicas, int rank, boolean shuffle, long seed, boolean dropLast) {
        if (n < 0) {
            throw new IllegalArgumentException("DistributedSampler: negative dataset size " + n);
        }
        if (numReplicas < 1) {
            throw new IllegalArgumentException("DistributedSampler: num_replicas must be >= 1, got " + numReplicas);
        }
        if (rank < 0 || rank >= numReplicas) {
            throw new IllegalArgumentException("Invalid rank " + rank + ", rank should be in the interval [0, " + (numReplicas - 1) + "]");
        }
        this.n = n;
        this.numReplicas = numReplicas;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.numSamples = dropLast && n % numReplicas != 0
                ? (int) Math.ceil((double) (n - numReplicas) / numReplicas)
                : (int) Math.ceil((double) n / numReplicas);
        this.totalSize = numSamples * numReplicas;
    }

    /** {@code set_epoch(epoch)}: the next iteration shuffles with seed + epoch. */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** {@code len(sampler)}: this rank's indices per epoch. */
    @Override
    public int size() {
        return numSamples;
    }

    /** This rank's indices of the current epoch (see {@link #setEpoch}). */
    @Override
    public Iterator<Integer> iterator() {
        long[] base;
        if (shuffle) {
            base = Rng.randperm(n, new Generator().manualSeed(seed + epoch));
        } else {
            base = new long[n];
            for (int i = 0; i < n; i++) {
                base[i] = i;
            }
        }
        long[] padded = new long[Math.max(totalSize, 0)];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = base[i % Math.max(n, 1)]; // indices * ceil(pad / n) then cut: the same as cycling
        }
        int[] mine = new int[numSamples];
        for (int k = 0, i = rank; k < numSamples; k++, i += numReplicas) {
            mine[k] = (int) padded[i];
        }
        return java.util.Arrays.stream(mine).iterator();
    }
}
