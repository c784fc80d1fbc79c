package org.torch4j.utils.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Generator;
import org.torch4j.Recordings;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The orders of samples/parity/recordings/data_cases.txt (real PyTorch 1.13,
 * samples/parity/data_cases.py), reproduced exactly: RandomSampler after {@code manualSeed},
 * DataLoader(shuffle) with the default and with its own generator (two epochs each, plus the
 * default generator's next draw, which proves the same number of draws), drop_last, a sequential
 * loader's base-seed draw, and randomSplit with lengths, fractions and the default generator.
 */
class DataLoaderCasesTest {
    /** "case seed label" -> recorded ints. */
    static Map<String, List<Long>> recorded() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String[] f : Recordings.rows("data_cases.txt")) {
            List<Long> v = new ArrayList<>();
            for (int i = 3; i < f.length; i++) {
                v.add(Long.parseLong(f[i]));
            }
            out.put(f[0] + " " + f[1] + " " + f[2], v);
        }
        return out;
    }

    /** int(torch.empty((), dtype=torch.int64).random_()) from the default generator. */
    static long nextDefaultDraw() {
        return Rng.randomInt64(null);
    }

    static List<Long> ints(Iterable<Integer> it) {
        List<Long> out = new ArrayList<>();
        for (int i : it) {
            out.add((long) i);
        }
        return out;
    }

    static Map<String, List<Long>> java() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (long seed : new long[] {0, 1, 42}) {
            for (int n : new int[] {1, 10, 100, 1000}) {
                Torch.manualSeed(seed);
                out.put("sampler " + seed + " n=" + n, ints(new RandomSampler(n, false, -1, null)));
            }
            record(out, seed, "loader", new DataLoader.Options(4).withShuffle(true), 22, false);
            record(out, seed, "loader_drop_last", new DataLoader.Options(4).withShuffle(true).withDropLast(true), 22, false);
            record(out, seed, "loader_generator", new DataLoader.Options(3).withShuffle(true), 17, true);
            record(out, seed, "loader_sequential", new DataLoader.Options(5), 12, false);

            try (Scope s = Scope.open()) {
                Dataset<Integer> range10 = range(10);
                List<Subset<Integer>> parts = RandomSplit.randomSplit(range10, new int[] {3, 7}, new Generator().manualSeed(seed));
                for (int i = 0; i < parts.size(); i++) {
                    out.put("split " + seed + " part" + i, longs(parts.get(i).indices()));
                }
                parts = RandomSplit.randomSplit(range(11), new double[] {0.3, 0.3, 0.4}, new Generator().manualSeed(seed));
                for (int i = 0; i < parts.size(); i++) {
                    out.put("split_fractions " + seed + " part" + i, longs(parts.get(i).indices()));
                }
                Torch.manualSeed(seed);
                parts = RandomSplit.randomSplit(range(9), 2, 3, 4);
                for (int i = 0; i < parts.size(); i++) {
                    out.put("split_default " + seed + " part" + i, longs(parts.get(i).indices()));
                }
            }
        }
        return out;
    }

    static void record(Map<String, List<Long>> out, long seed, String name, DataLoader.Options options, int n, boolean ownGenerator) {
        Torch.manualSeed(seed);
        if (ownGenerator) {
            options = options.withGenerator(new Generator().manualSeed(seed + 1000));
        }
        try (Scope s = Scope.open()) {
            Tensor x = Torch.arange(n);
            TensorDataset ds = new TensorDataset(x, x.mul(10.0));
            DataLoader<List<Tensor>, List<Tensor>> dl = DataLoader.of(ds, options);
            for (int epoch = 1; epoch <= 2; epoch++) {
                List<Long> firsts = new ArrayList<>();
                for (List<Tensor> batch : dl) {
                    firsts.add(batch.get(0).toLongArray()[0]);
                }
                out.put(name + " " + seed + " epoch" + epoch, firsts);
            }
            out.put(name + "_after " + seed + " next", List.of(nextDefaultDraw()));
        }
    }

    static Dataset<Integer> range(int n) {
        return new Dataset<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    static List<Long> longs(int[] a) {
        List<Long> out = new ArrayList<>();
        for (int v : a) {
            out.add((long) v);
        }
        return out;
    }

    @Test
    void everyRecordedOrderIsReproduced() {
        Map<String, List<Long>> rec = recorded();
        Map<String, List<Long>> got = java();
        assertEquals(rec.keySet(), got.keySet(), "the same cases");
        int values = 0;
        List<String> wrong = new ArrayList<>();
        for (String k : rec.keySet()) {
            if (!rec.get(k).equals(got.get(k))) {
                wrong.add(k + ": " + got.get(k) + " vs PyTorch " + rec.get(k));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        for (String k : rec.keySet()) {
            values += rec.get(k).size();
        }
        System.out.println("data_cases: " + rec.size() + " lines, " + values + " values, all equal to PyTorch 1.13's");
        assertTrue(values > 3000);
    }
}
