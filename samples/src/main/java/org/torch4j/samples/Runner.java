package org.torch4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.torch4j.Torch;

/**
 * Runs tutorial steps and prints each step's lines followed by its parity verdict against the
 * recording from real PyTorch (when one exists for the seed and iteration count).
 *
 * <pre>
 * Runner [--step N | --all] [--seed S] [--iterations N] [--info]
 * </pre>
 * Exits 1 if any verdict fails.
 */
public final class Runner {
    private Runner() {
    }

    public static void main(String[] argv) {
        List<Integer> steps = new ArrayList<>();
        long seed = 0;
        int iterations = 0;
        boolean info = false;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--all" -> steps.clear();
                case "--step" -> steps.add(Integer.parseInt(value(argv, ++i, "--step")));
                case "--seed" -> seed = Long.parseLong(value(argv, ++i, "--seed"));
                case "--iterations" -> iterations = Integer.parseInt(value(argv, ++i, "--iterations"));
                case "--info" -> info = true;
                case "-h", "--help" -> {
                    System.out.println("usage: Runner [--step N]... [--all] [--seed S] [--iterations N] [--info]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + argv[i] + " (try --help)");
            }
        }
        if (info) {
            System.out.print(Torch.info());
        }
        List<Sample> chosen = steps.isEmpty() ? Samples.all() : steps.stream().map(Samples::step).toList();
        SampleArgs args = new SampleArgs(seed, iterations);
        boolean allPass = true;
        List<String> summary = new ArrayList<>();
        for (Sample s : chosen) {
            System.out.println("== step " + s.step() + ": " + s.upstream() + " (seed " + seed + ") ==");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            try (PrintStream tee = new PrintStream(new Tee(buf, System.out), true, StandardCharsets.UTF_8)) {
                s.run(args, tee);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> lines = Arrays.asList(buf.toString(StandardCharsets.UTF_8).split("\\R"));
            String verdict = verdict(s, args, lines);
            allPass &= !verdict.startsWith("FAIL");
            String line = String.format(java.util.Locale.ROOT, "step %d parity: %s [%.1f s]", s.step(), verdict, seconds);
            System.out.println(line);
            summary.add(line);
        }
        System.out.println("== summary ==");
        summary.forEach(System.out::println);
        if (!allPass) {
            System.exit(1);
        }
    }

    static String verdict(Sample s, SampleArgs args, List<String> lines) {
        if (args.iterations() != 0 && args.iterations() != s.defaultIterations()) {
            return "SKIPPED (recordings use the default " + s.defaultIterations() + " iterations)";
        }
        Optional<List<String>> rec = Parity.recording(s.step(), args.seed());
        if (rec.isEmpty()) {
            return "SKIPPED (no recording for seed " + args.seed() + "; record it with ci/record-parity.sh)";
        }
        double tol = Samples.tolerance(s);
        return Parity.compare(rec.get(), lines, tol, Samples.relativeFloor(s)).summary(tol);
    }

    private static String value(String[] argv, int i, String flag) {
        if (i >= argv.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return argv[i];
    }

    /** Writes to two streams. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        Tee(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            b.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
