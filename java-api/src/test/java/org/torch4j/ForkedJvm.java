package org.torch4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a fresh JVM, so a native crash (SIGSEGV) fails the
 * calling test with the child's exit code instead of killing Surefire, and so RSS measurements
 * see one loop alone. The one fork helper of java-api's tests.
 */
public final class ForkedJvm {
    /** A fixed heap, resident from the start: the child's RSS then moves only with native memory. */
    public static final List<String> FIXED_HEAP_128M = List.of("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch");

    /** Exit code and combined stdout/stderr of the child. */
    public record Result(int exitCode, String output) {
        /** The {@code key=value} pairs of every output line starting with {@code prefix}. */
        public Map<String, Long> values(String prefix) {
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

    private ForkedJvm() {
    }

    public static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
        return run(main, List.of(), args);
    }

    public static Result run(Class<?> main, List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(main, jvmArgs, args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("forked JVM timed out: " + cmd + "\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Where a child's crash report goes: {@code torch4j-hs_err_<pid>.log} in the temp directory. */
    public static Path crashReport(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "torch4j-hs_err_" + pid + ".log");
    }

    /**
     * The command line {@link #run} starts, for callers that stream the child's output themselves
     * (the fuzz and race runners watch it line by line to time out a hung child).
     */
    public static List<String> command(Class<?> main, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xss4m");
        // a crash report goes to the temp directory, not into the module; no core dump
        cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "torch4j-hs_err_%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        // absolute entries, so the child may run in another working directory
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(e).toAbsolutePath());
            }
        }
        cmd.add(cp.toString());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
