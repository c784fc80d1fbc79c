package org.torch4j.samples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.torch4j.Torch;

/**
 * Per-iteration time of tutorial steps, measured inside the process from the intervals between the
 * lines a step prints (every 100 iterations; step 8 every 2000), so JVM start, library loading and
 * set-up are not counted. Each step runs once to warm up, then {@code --rounds} times; the median
 * and the minimum interval are reported. samples/parity/time_steps.py measures Python the same way.
 *
 * <pre>
 * StepTimer [--step N]... [--rounds R] [--threads T]
 * </pre>
 */
public final class StepTimer {
    private StepTimer() {
    }

    public static void main(String[] argv) {
        List<Integer> steps = new ArrayList<>();
        int rounds = 2;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--step" -> steps.add(Integer.parseInt(argv[++i]));
                case "--rounds" -> rounds = Integer.parseInt(argv[++i]);
                case "--threads" -> Torch.setNumThreads(Integer.parseInt(argv[++i]));
                default -> throw new IllegalArgumentException("usage: StepTimer [--step N]... [--rounds R] [--threads T]");
            }
        }
        List<Sample> chosen = steps.isEmpty() ? Samples.all() : steps.stream().map(Samples::step).toList();
        System.out.println("intra-op threads: " + Torch.getNumThreads());
        for (Sample s : chosen) {
            for (int round = 0; round <= rounds; round++) {
                List<Long> stamps = new ArrayList<>();
                PrintStream probe = new PrintStream(new OutputStream() {
                    @Override
                    public void write(int b) {
                        if (b == '\n') {
                            stamps.add(System.nanoTime());
                        }
                    }
                }, true);
                s.run(new SampleArgs(0, 0), probe);
                if (round == 0) {
                    continue; // warm-up
                }
                int every = s.step() == 8 ? 2000 : 100;
                List<Double> perIteration = new ArrayList<>();
                for (int i = 1; i < stamps.size() - 1; i++) { // loss lines only, not the Result line
                    perIteration.add((stamps.get(i) - stamps.get(i - 1)) / 1e3 / every);
                }
                Collections.sort(perIteration);
                System.out.printf(Locale.ROOT, "java step %d round %d: median %.1f us/iter, min %.1f us/iter (%d intervals of %d iterations)%n",
                        s.step(), round, perIteration.get(perIteration.size() / 2), perIteration.get(0), perIteration.size(), every);
            }
        }
    }
}
