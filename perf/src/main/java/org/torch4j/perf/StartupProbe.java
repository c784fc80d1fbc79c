package org.torch4j.perf;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Started as a fresh JVM by {@link org.torch4j.perf.report.Startup}: loads LibTorch, runs one
 * small op and prints one JSON line with the times since JVM start (ms), the process's CPU time, the
 * RSS after the first op, the number of classes loaded and, for the facade, where the load's time went
 * ({@code LibTorch.loadTimings()}: JavaCPP init, OpenBLAS, extraction check, dlopen, presets).
 * <ul>
 *   <li>{@code facade}: {@code Torch.ones(3).add(1.0).sum().item()} (loads through torch4j's ordered loader);</li>
 *   <li>{@code raw}: {@code Loader.load(torch.class)} then the same op on the presets, with
 *       JavaCPP's default settings (only safe with a warm extraction cache on this machine).</li>
 * </ul>
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    /** VmRSS of this process in KiB, or -1. */
    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "facade";
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis() - jvmStart;
        double value;
        long loadedAt;
        if (mode.equals("raw")) {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.pytorch.global.torch.class);
            loadedAt = System.currentTimeMillis() - jvmStart;
            org.bytedeco.pytorch.Tensor t = org.bytedeco.pytorch.global.torch.ones(3);
            value = t.add(new org.bytedeco.pytorch.Scalar(1.0)).sum().item_double();
        } else {
            org.torch4j.bindings.LibTorch.ensureLoaded();
            loadedAt = System.currentTimeMillis() - jvmStart;
            value = org.torch4j.Torch.ones(3).add(1.0).sum().item();
        }
        long firstOpAt = System.currentTimeMillis() - jvmStart;
        if (value != 6.0) {
            throw new IllegalStateException("first op gave " + value);
        }
        StringBuilder phases = new StringBuilder();
        if (!mode.equals("raw")) {
            // where ensureLoaded's time went (LibTorch.loadTimings), then the facade's own first op
            for (java.util.Map.Entry<String, Double> e : org.torch4j.bindings.LibTorch.loadTimings().entrySet()) {
                phases.append(String.format(Locale.ROOT, ",\"%s\":%.1f", e.getKey(), e.getValue()));
            }
        }
        long rss = rssKb();
        // CPU time of the whole process (all threads) up to here: less sensitive than wall time to
        // other work on a shared machine, and it shows work moved to another core
        long cpuMs = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println(String.format(Locale.ROOT,
                "{\"mode\":\"%s\",\"mainMs\":%d,\"loadedMs\":%d,\"firstOpMs\":%d,\"cpuMs\":%d,\"rssMiB\":%.1f,\"classes\":%d,\"phases\":{%s}}",
                mode, mainAt, loadedAt, firstOpAt, cpuMs, rss / 1024.0, classes, phases.length() > 0 ? phases.substring(1) : ""));
    }
}
