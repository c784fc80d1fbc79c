package org.torch4j.utils.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** DataLoader behaviour: workers, errors, batch ownership, collate, the dataset wrappers. */
class DataLoaderTest {
    static TensorDataset data(int n) {
        Tensor x = Torch.arange(n).to(DType.FLOAT32).reshape(n, 1).unscoped();
        Tensor y = Torch.arange(n).mul(10.0).unscoped();
        return new TensorDataset(x, y);
    }

    static List<float[]> epoch(DataLoader<List<Tensor>, List<Tensor>> dl) {
        List<float[]> out = new ArrayList<>();
        for (List<Tensor> b : dl) {
            out.add(b.get(0).toFloatArray());
        }
        return out;
    }

    @Test
    void workersYieldTheSameBatchesInTheSameOrder() {
        TensorDataset ds = data(103);
        for (int workers : new int[] {1, 3}) {
            DataLoader.Options o = new DataLoader.Options(8).withShuffle(true);
            List<float[]> serial = epoch(DataLoader.of(ds, o.withGenerator(new Generator().manualSeed(5))));
            List<float[]> parallel = epoch(DataLoader.of(ds, o.withGenerator(new Generator().manualSeed(5)).withNumWorkers(workers)));
            assertEquals(serial.size(), parallel.size());
            assertEquals(13, serial.size());
            for (int i = 0; i < serial.size(); i++) {
                assertArrayEquals(serial.get(i), parallel.get(i), "batch " + i + " with " + workers + " workers");
            }
        }
    }

    @Test
    void batchesAreFreedAsTheIteratorAdvancesAndAtTheEnd() {
        TensorDataset ds = data(50);
        for (int workers : new int[] {0, 2}) {
            DataLoader<List<Tensor>, List<Tensor>> dl = DataLoader.of(ds, new DataLoader.Options(7).withShuffle(true).withNumWorkers(workers));
            long before = Torch.liveTensorCount();
            List<Tensor> previous = null;
            for (List<Tensor> b : dl) {
                if (previous != null) {
                    assertTrue(previous.get(0).isClosed(), "the previous batch was freed by next()");
                }
                assertFalse(b.get(0).isClosed());
                previous = b;
            }
            assertTrue(previous.get(0).isClosed() && previous.get(1).isClosed(), "the last batch was freed when the epoch ended");
            assertEquals(before, Torch.liveTensorCount(), "no batch, sample or prefetched tensor left (" + workers + " workers)");
        }
    }

    @Test
    void breakingOutAndStartingANewEpochFreesTheOldOne() throws Exception {
        TensorDataset ds = data(200);
        DataLoader<List<Tensor>, List<Tensor>> dl = DataLoader.of(ds, new DataLoader.Options(4).withNumWorkers(2).withPrefetchFactor(3));
        long before = Torch.liveTensorCount();
        Iterator<List<Tensor>> it = dl.iterator();
        List<Tensor> first = it.next();
        Thread.sleep(200); // let the workers fill the prefetch queue
        assertTrue(Torch.liveTensorCount() > before, "batches in flight");
        List<float[]> second = epoch(dl); // a new epoch closes the abandoned iterator
        assertTrue(first.get(0).isClosed());
        assertEquals(50, second.size());
        assertEquals(before, Torch.liveTensorCount());
        try (DataLoader<List<Tensor>, List<Tensor>>.BatchIterator bi = dl.iterator()) {
            bi.next();
        }
        assertEquals(before, Torch.liveTensorCount(), "close() frees the batch and the prefetched ones");
    }

    @Test
    void aWorkersExceptionReachesTheCallerWithItsCause() {
        Dataset<Tensor> bad = new Dataset<>() {
            @Override
            public Tensor get(int index) {
                if (index == 13) {
                    throw new IllegalStateException("sample 13 is corrupt");
                }
                return Torch.full(new long[] {2}, index);
            }

            @Override
            public int size() {
                return 40;
            }
        };
        for (int workers : new int[] {0, 2}) {
            long before = Torch.liveTensorCount();
            DataLoader<Tensor, Tensor> dl = new DataLoader<>(bad, new DataLoader.Options(5).withNumWorkers(workers));
            RuntimeException e = assertThrows(RuntimeException.class, () -> {
                for (Tensor b : dl) {
                    assertEquals(2, b.dim());
                }
            });
            Throwable cause = workers == 0 ? e : e.getCause();
            if (workers > 0) {
                assertInstanceOf(WorkerException.class, e);
                assertTrue(e.getMessage().contains("IllegalStateException") && e.getMessage().contains("worker"), e.getMessage());
            }
            assertInstanceOf(IllegalStateException.class, cause);
            assertEquals("sample 13 is corrupt", cause.getMessage());
            dl.iterator().close();
            assertEquals(before, Torch.liveTensorCount(), "nothing leaked by the failed epoch (" + workers + " workers)");
        }
    }

    @Test
    void defaultCollateStacksTensorsNumbersListsAndMaps() {
        try (Scope s = Scope.open()) {
            Collate<Object, Object> c = Collate.defaultCollate();
            Tensor t = (Tensor) c.collate(List.of(Torch.ones(2, 3), Torch.zeros(2, 3)));
            assertArrayEquals(new long[] {2, 2, 3}, t.shape());
            Tensor d = (Tensor) c.collate(List.of(1.5, 2.5));
            assertEquals(DType.FLOAT64, d.dtype());
            Tensor l = (Tensor) c.collate(List.of(1, 2, 3));
            assertEquals(DType.INT64, l.dtype());
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) c.collate(List.of(Map.of("x", Torch.ones(3), "y", 1), Map.of("x", Torch.ones(3), "y", 2)));
            assertArrayEquals(new long[] {2, 3}, ((Tensor) m.get("x")).shape());
            assertArrayEquals(new long[] {1, 2}, ((Tensor) m.get("y")).toLongArray());
            assertThrows(IllegalArgumentException.class, () -> c.collate(List.of("text")));
        }
    }

    @Test
    void iterableDatasetsAreBatchedInOrder() {
        IterableDataset<Tensor> stream = () -> java.util.stream.IntStream.range(0, 11).mapToObj(i -> Torch.full(new long[] {1}, i)).iterator();
        DataLoader<Tensor, Tensor> dl = new DataLoader<>(stream, new DataLoader.Options(4), Collate.defaultCollate());
        List<Integer> sizes = new ArrayList<>();
        long before = Torch.liveTensorCount();
        for (Tensor b : dl) {
            sizes.add((int) b.size(0));
        }
        assertEquals(List.of(4, 4, 3), sizes);
        assertEquals(before, Torch.liveTensorCount());
        DataLoader<Tensor, Tensor> dropping = new DataLoader<>(stream, new DataLoader.Options(4).withDropLast(true), Collate.defaultCollate());
        int n = 0;
        for (Tensor b : dropping) {
            n++;
        }
        assertEquals(2, n);
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(stream, new DataLoader.Options(4).withShuffle(true), Collate.defaultCollate()));
    }

    @Test
    void subsetsConcatenationAndSplitsIndexAsPyTorch() {
        Dataset<Integer> a = DataLoaderCasesTest.range(3);
        Dataset<Integer> b = DataLoaderCasesTest.range(4);
        ConcatDataset<Integer> c = new ConcatDataset<>(List.of(a, b));
        assertEquals(7, c.size());
        assertEquals(List.of(0, 1, 2, 0, 1, 2, 3), java.util.stream.IntStream.range(0, 7).mapToObj(c::get).toList());
        assertEquals(3, c.get(-1));
        assertArrayEquals(new int[] {3, 7}, c.cumulativeSizes());
        Subset<Integer> s = new Subset<>(c, new int[] {6, 0});
        assertEquals(3, s.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
        assertThrows(IllegalArgumentException.class, () -> RandomSplit.randomSplit(c, 3, 3));
        List<Subset<Integer>> parts = RandomSplit.randomSplit(c, new int[] {2, 5}, new Generator().manualSeed(1));
        assertEquals(7, parts.get(0).size() + parts.get(1).size());
        assertSame(c, parts.get(0).dataset());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options(0));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options(2).withNumWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options(2).withSampler(new SequentialSampler(3)).withShuffle(true));
        TensorDataset ds = data(10);
        assertEquals(4, DataLoader.of(ds, new DataLoader.Options(3)).size());
        assertEquals(3, DataLoader.of(ds, new DataLoader.Options(3).withDropLast(true)).size());
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Torch.zeros(3), Torch.zeros(4)));
    }
}
