package org.torch4j.utils.data;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.torch4j.Generator;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * {@code torch.utils.data.DataLoader}: batches of a dataset, in the sampler's order, collated.
 * <pre>{@code
 * var data = new TensorDataset(x, y);
 * var loader = DataLoader.of(data, new DataLoader.Options(64).withShuffle(true).withGenerator(new Generator().manualSeed(0)));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (List<Tensor> batch : loader) {          // batch.get(0): x[64, ...], batch.get(1): y[64]
 *         try (Scope step = Scope.open()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <h2>Order</h2>
 * With {@code shuffle} the sampler is a {@link RandomSampler} over the loader's generator, and each
 * epoch's iterator first draws PyTorch's {@code _base_seed} from that generator (the default one
 * when none is given) — so after {@code Torch.manualSeed(s)} the batches come in PyTorch's order
 * and the default generator is left where PyTorch leaves it ({@code DataLoaderCasesTest}).
 *
 * <h2>Who frees the batches</h2>
 * The iterator owns every batch it makes: a batch's tensors are freed when the iterator advances
 * ({@code next()}), when an epoch ends ({@code hasNext()} returning false), when the iterator is
 * {@link BatchIterator#close() closed}, or when the loader starts a new epoch. So a training loop
 * never accumulates batches, whatever Scope it opens; a tensor needed after its step must be
 * copied ({@code clone()}) first. The per-sample tensors a dataset returns and the collate's
 * intermediates are freed as soon as the batch is made (a Scope around each batch's loading,
 * on the thread that loads it). A collate function must therefore return tensors it created.
 *
 * <h2>Workers</h2>
 * {@code numWorkers > 0} loads batches on that many daemon threads, at most
 * {@code prefetchFactor * numWorkers} ahead, and hands them over in order. The dataset's
 * {@code get} is then called concurrently. An exception in a worker reaches the iterating thread
 * as a {@link WorkerException} whose cause is the original; the iterator is then closed. An
 * {@link IterableDataset} is always read on the iterating thread.
 */
public final class DataLoader<T, B> implements Iterable<B> {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger LOADERS = new AtomicInteger();

    /**
     * The loader's options with PyTorch's defaults ({@code batch_size=1, shuffle=False,
     * sampler=None, drop_last=False, num_workers=0, prefetch_factor=2, generator=None}).
     * {@code sampler} excludes {@code shuffle}, as in PyTorch.
     */
    public record Options(int batchSize, boolean shuffle, Sampler sampler, boolean dropLast, int numWorkers, int prefetchFactor,
            Generator generator) {
        /** Validates the options, rejecting invalid values (and {@code sampler} with {@code shuffle}) with PyTorch's messages. */
        public Options {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            }
            if (numWorkers < 0) {
                throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
            }
            if (prefetchFactor <= 0) {
                throw new IllegalArgumentException("prefetch_factor option should be positive, got " + prefetchFactor);
            }
            if (sampler != null && shuffle) {
                throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
            }
        }

        /** Every option at PyTorch's default ({@code batch_size=1}). */
        public Options() {
            this(1);
        }

        /** {@code batch_size} with every other option at its default. */
        public Options(int batchSize) {
            this(batchSize, false, null, false, 0, 2, null);
        }

        /** {@code batch_size}: samples per batch (PyTorch's default 1). */
        public Options withBatchSize(int batchSize) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** {@code shuffle}: reshuffle the data at every epoch (PyTorch's default False). */
        public Options withShuffle(boolean shuffle) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** A sampler of dataset indices (instead of shuffle). */
        public Options withSampler(Sampler sampler) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** {@code drop_last}: drop the last incomplete batch (PyTorch's default False). */
        public Options withDropLast(boolean dropLast) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** Loader threads; 0 loads on the iterating thread. */
        public Options withNumWorkers(int numWorkers) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** Batches loaded ahead per worker. */
        public Options withPrefetchFactor(int prefetchFactor) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }

        /** The generator of the shuffling sampler and of the base seed (null: the default generator). */
        public Options withGenerator(Generator generator) {
            return new Options(batchSize, shuffle, sampler, dropLast, numWorkers, prefetchFactor, generator);
        }
    }

    private final Dataset<T> dataset;
    private final IterableDataset<T> iterable;
    private final Options options;
    private final Collate<T, B> collate;
    private final BatchSampler batchSampler;
    private final int id = LOADERS.incrementAndGet();
    private BatchIterator current;

    /** {@code DataLoader(dataset, **options)} with {@link Collate#defaultCollate()}; the batch type is the caller's to name. */
    public DataLoader(Dataset<T> dataset, Options options) {
        this(dataset, options, Collate.defaultCollate());
    }

    /** {@code DataLoader(dataset, **options, collate_fn=collate)}. */
    public DataLoader(Dataset<T> dataset, Options options, Collate<T, B> collate) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.iterable = null;
        this.options = Objects.requireNonNull(options, "options");
        this.collate = Objects.requireNonNull(collate, "collate");
        Sampler sampler = options.sampler() != null ? options.sampler()
                : options.shuffle() ? new RandomSampler(dataset.size(), false, -1, options.generator()) : new SequentialSampler(dataset);
        this.batchSampler = new BatchSampler(sampler, options.batchSize(), options.dropLast());
    }

    /** {@code DataLoader(iterable_dataset, batch_size, drop_last, collate_fn)}: no sampler, no shuffle, no workers. */
    public DataLoader(IterableDataset<T> dataset, Options options, Collate<T, B> collate) {
        this.dataset = null;
        this.iterable = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        this.collate = Objects.requireNonNull(collate, "collate");
        if (options.shuffle() || options.sampler() != null) {
            throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified shuffle and sampler options");
        }
        this.batchSampler = null;
    }

    /** The loader of a TensorDataset with the default collate: each batch is the list of stacked tensors. */
    public static DataLoader<List<Tensor>, List<Tensor>> of(Dataset<List<Tensor>> dataset, Options options) {
        return new DataLoader<>(dataset, options, Collate.defaultCollate());
    }

    /** The options. */
    public Options options() {
        return options;
    }

    /** {@code len(loader)}: batches per epoch (map-style datasets). */
    public int size() {
        if (batchSampler == null) {
            throw new UnsupportedOperationException("len() of a DataLoader over an IterableDataset is unknown");
        }
        return batchSampler.size();
    }

    /**
     * One epoch. Starting an epoch closes the loader's previous iterator (its batches and its
     * worker threads), as a training loop that breaks out of an epoch expects.
     */
    @Override
    public synchronized BatchIterator iterator() {
        if (current != null) {
            current.close();
        }
        current = new BatchIterator();
        return current;
    }

    /** The batches made in one thread's hands: the loading, under a Scope that frees the samples. */
    private B load(int[] indices) {
        try (Scope s = Scope.open()) {
            List<T> samples = new ArrayList<>(indices.length);
            for (int i : indices) {
                samples.add(dataset.get(i));
            }
            B b = collate.collate(samples);
            Batches.unscope(b);
            return b;
        }
    }

    private B loadIterable(Iterator<T> it) {
        try (Scope s = Scope.open()) {
            List<T> samples = new ArrayList<>(options.batchSize());
            while (samples.size() < options.batchSize() && it.hasNext()) {
                samples.add(it.next());
            }
            if (samples.isEmpty() || (options.dropLast() && samples.size() < options.batchSize())) {
                return null;
            }
            B b = collate.collate(samples);
            Batches.unscope(b);
            return b;
        }
    }

    /** The worker pool and the batches in flight; shut down by the iterator or, if it is dropped, by the Cleaner. */
    private static final class Pipeline implements Runnable {
        final ExecutorService pool;
        final ArrayDeque<Future<Object>> inFlight = new ArrayDeque<>();

        Pipeline(ExecutorService pool) {
            this.pool = pool;
        }

        /** Stops the workers and frees every batch they made that nobody took. */
        @Override
        public synchronized void run() {
            pool.shutdownNow(); // never-started loads are dropped; running ones are interrupted
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Future<Object> f : inFlight) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        Batches.close(f.get());
                    } catch (InterruptedException | ExecutionException | RuntimeException ignored) {
                        // a failed load made no batch
                    }
                }
            }
            inFlight.clear();
        }
    }

    /**
     * One epoch's iterator: owns the batch it last returned (freed when it advances) and, with
     * workers, the batches loaded ahead. {@link #close()} frees them and stops the workers.
     */
    public final class BatchIterator implements Iterator<B>, AutoCloseable {
        private final Iterator<int[]> indices;
        private final Iterator<T> samples;
        private final Pipeline pipeline;
        private final Cleaner.Cleanable cleanable;
        private Object returned;
        private Object ready;
        private boolean done;

        BatchIterator() {
            // _BaseDataLoaderIter draws its base seed first (before the sampler's seed)
            Rng.randomInt64(options.generator());
            if (iterable != null) {
                indices = null;
                samples = iterable.iterator();
                pipeline = null;
                cleanable = null;
                return;
            }
            samples = null;
            indices = batchSampler.iterator();
            if (options.numWorkers() > 0) {
                pipeline = new Pipeline(Executors.newFixedThreadPool(options.numWorkers(), daemonThreads()));
                cleanable = CLEANER.register(this, pipeline);
                for (int i = 0; i < options.prefetchFactor() * options.numWorkers(); i++) {
                    if (!submitNext()) {
                        break;
                    }
                }
            } else {
                pipeline = null;
                cleanable = null;
            }
        }

        private ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "torch4j-DataLoader-" + id + "-worker-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            };
        }

        /** Queues the load of the sampler's next batch; false at the end of the epoch. */
        private boolean submitNext() {
            if (!indices.hasNext()) {
                return false;
            }
            int[] idx = indices.next();
            DataLoader<T, B> loader = DataLoader.this; // the task must not hold the iterator (its Cleaner)
            Future<Object> f = pipeline.pool.submit(() -> {
                try {
                    return loader.load(idx);
                } catch (Throwable e) {
                    throw new WorkerException("Caught " + e.getClass().getSimpleName() + " in DataLoader worker thread "
                            + Thread.currentThread().getName() + ": " + e.getMessage(), e);
                }
            });
            synchronized (pipeline) {
                pipeline.inFlight.add(f);
            }
            return true;
        }

        /** The next batch, or null at the end of the epoch. */
        private Object fetch() {
            if (samples != null) {
                return loadIterable(samples);
            }
            if (pipeline == null) {
                return indices.hasNext() ? load(indices.next()) : null;
            }
            Future<Object> f;
            synchronized (pipeline) {
                f = pipeline.inFlight.peek();
            }
            if (f == null) {
                return null;
            }
            Object b;
            try {
                b = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for a DataLoader worker", e);
            } catch (ExecutionException e) {
                close();
                Throwable c = e.getCause();
                throw c instanceof WorkerException w ? new WorkerException(w.getMessage(), w.getCause())
                        : new WorkerException("DataLoader worker failed: " + c, c);
            }
            synchronized (pipeline) {
                pipeline.inFlight.poll();
            }
            submitNext();
            return b;
        }

        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            if (ready == null) {
                ready = fetch();
                if (ready == null) {
                    close(); // end of the epoch: free the last batch
                    return false;
                }
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public B next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object previous = returned;
            returned = ready;
            ready = null;
            if (previous != null) {
                Batches.close(previous);
            }
            return (B) returned;
        }

        /** Frees the last batch returned and every batch loaded ahead, and stops the workers. Idempotent. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            if (returned != null) {
                Batches.close(returned);
                returned = null;
            }
            if (ready != null) {
                Batches.close(ready);
                ready = null;
            }
            if (cleanable != null) {
                cleanable.clean(); // runs Pipeline.run once
            }
        }
    }
}
