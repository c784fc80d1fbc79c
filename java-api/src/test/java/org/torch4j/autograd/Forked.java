package org.torch4j.autograd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM with this test's classpath, so that a native crash (SIGSEGV)
 * fails the test that asked for it instead of killing the whole test run.
 */
record Forked(int exitCode, String output) {
    static Forked run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        // a fixed heap, resident from the start: RSS then moves only with native memory
        cmd.add("-Xms128m");
        cmd.add("-Xmx128m");
        cmd.add("-XX:+AlwaysPreTouch");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("forked JVM timed out:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new Forked(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The {@code key=value} pairs of every line starting with {@code prefix}. */
    Map<String, Long> values(String prefix) {
        Map<String, Long> m = new HashMap<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith(prefix)) {
                for (String kv : line.substring(prefix.length()).trim().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        m.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                    }
                }
            }
        }
        return m;
    }
}
