package org.torch4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.torch4j.Device;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Runs tutorial steps and prints each step's lines followed by its parity verdict against the
 * recording from real PyTorch (when one exists for the seed and iteration count).
 *
 * <pre>
 * Runner [--step N | --all] [--seed S] [--iterations N] [--device cpu|cuda|cuda:N] [--info] [--plot [DIR]]
 * </pre>
 * {@code --plot} writes a PNG of each step's loss curve ({@link LossPlot}) into DIR (default
 * {@code plots}), named {@code step<N>_seed<S>_loss.png}.
 * {@code --device} makes that device the process-wide default ({@link Torch#setDefaultDevice}) and
 * hands it to each step; on a CUDA device the verdicts use {@link Samples#tolerance(Sample, Device)}.
 * Exits 1 if any verdict fails, 2 if the arguments are wrong or the device cannot be used (the
 * message says why, e.g. "CUDA is not available: …").
 */
public final class Runner {
    private Runner() {
    }

    public static void main(String[] argv) {
        List<Integer> steps = new ArrayList<>();
        long seed = 0;
        int iterations = 0;
        boolean info = false;
        Device device = Device.CPU;
        Path plotDir = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--all" -> steps.clear();
                case "--step" -> steps.add(Integer.parseInt(value(argv, ++i, "--step")));
                case "--seed" -> seed = Long.parseLong(value(argv, ++i, "--seed"));
                case "--iterations" -> iterations = Integer.parseInt(value(argv, ++i, "--iterations"));
                case "--info" -> info = true;
                case "--device" -> device = parseDevice(value(argv, ++i, "--device"));
                case "--plot" -> plotDir = Path.of(i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : "plots");
                case "-h", "--help" -> {
                    System.out.println("usage: Runner [--step N]... [--all] [--seed S] [--iterations N] [--device cpu|cuda|cuda:N] [--info] [--plot [DIR]]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + argv[i] + " (try --help)");
            }
        }
        if (info) {
            System.out.print(Torch.info());
        }
        try {
            Torch.setDefaultDevice(device);
        } catch (TorchException e) {
            System.err.println("error: --device " + device + ": " + e.getMessage());
            System.exit(2);
        }
        List<Sample> chosen = steps.isEmpty() ? Samples.all() : steps.stream().map(Samples::step).toList();
        SampleArgs args = new SampleArgs(seed, iterations, device);
        String on = device.isCuda() ? ", device " + device : "";
        boolean allPass = true;
        List<String> summary = new ArrayList<>();
        for (Sample s : chosen) {
            System.out.println("== step " + s.step() + ": " + s.upstream() + " (seed " + seed + on + ") ==");
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
            if (plotDir != null) {
                LossPlot.write(s, seed, lines, plotDir).ifPresent(png -> System.out.println("step " + s.step() + " loss plot: " + png));
            }
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
        if (args.device().isCuda() && s.drawsOnDevice()) {
            return "SKIPPED (its dropout masks come from the CUDA generator; the recordings used the CPU generator)";
        }
        Optional<List<String>> rec = Parity.recording(s.step(), args.seed());
        if (rec.isEmpty()) {
            return "SKIPPED (no recording for seed " + args.seed() + "; record it with ci/record-parity.sh)";
        }
        return Samples.parityRule(s, args.device()).check(rec.get(), lines).summary();
    }

    private static Device parseDevice(String spec) {
        try {
            return Device.of(spec);
        } catch (IllegalArgumentException e) {
            System.err.println("error: --device: " + e.getMessage());
            System.exit(2);
            return null;
        }
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
