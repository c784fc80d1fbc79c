package org.torch4j.utils.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.torch4j.Generator;

/**
 * {@code torch.utils.data.random_split}: PyTorch 1.13's algorithm — one
 * {@code randperm(sum(lengths), generator)}, cut in order into the requested lengths — so the
 * same seed gives PyTorch's subsets.
 */
public final class RandomSplit {
    private RandomSplit() {
    }

    /** {@code random_split(dataset, lengths)} with the default generator. */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int... lengths) {
        return randomSplit(dataset, lengths, null);
    }

    /** {@code random_split(dataset, lengths, generator)}; a null generator is the default one. */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
        Objects.requireNonNull(dataset, "dataset");
        long sum = 0;
        for (int l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("random_split: negative length " + l);
            }
            sum += l;
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        }
        long[] perm = Rng.randperm(sum, generator);
        List<Subset<T>> out = new ArrayList<>(lengths.length);
        int offset = 0;
        for (int l : lengths) {
            int[] idx = new int[l];
            for (int i = 0; i < l; i++) {
                idx[i] = (int) perm[offset + i];
            }
            offset += l;
            out.add(new Subset<>(dataset, idx));
        }
        return out;
    }

    /**
     * {@code random_split(dataset, fractions, generator)}: fractions summing to 1 become
     * {@code floor(len * frac)} items each, the remainder handed out one by one round-robin.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        double total = Arrays.stream(fractions).sum();
        if (!(Math.abs(total - 1) <= 1e-9 * Math.max(1, Math.abs(total)) && total <= 1)) {
            throw new IllegalArgumentException("random_split: fractions must sum to 1, got " + total);
        }
        int n = dataset.size();
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (fractions[i] < 0 || fractions[i] > 1) {
                throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
            }
            lengths[i] = (int) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        int remainder = n - assigned;
        for (int i = 0; i < remainder; i++) {
            lengths[i % lengths.length] += 1;
        }
        return randomSplit(dataset, lengths, generator);
    }
}
