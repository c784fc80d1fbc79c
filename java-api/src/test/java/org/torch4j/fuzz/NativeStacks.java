package org.torch4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native frames of this JVM's threads, for a hang report: a Java stack ends at
 * {@code Tensor.pinverse(Native Method)} and cannot say where inside LibTorch (or LAPACK, OpenMP,
 * the unwinder) the thread waits. Best effort: runs {@code gdb -batch} against this process when
 * gdb is on the PATH, keeps the threads with a frame in a native library of torch4j's (libtorch,
 * openblas, gomp, jnitorch) and writes gdb's whole output to a file the report names.
 */
final class NativeStacks {
    private static final int FRAMES = 14;
    /** Well inside the runner's 60 s of silence after the watchdog fires (gdb took 4.5 s here). */
    private static final int GDB_SECONDS = 30;

    private NativeStacks() {
    }

    static String ofThisProcess() {
        long pid = ProcessHandle.current().pid();
        try {
            Path out = Files.createTempFile("torch4j-fuzz-hang-" + pid + "-", ".gdb.txt");
            Process p = new ProcessBuilder("gdb", "-p", Long.toString(pid), "-batch", "-nx",
                    "-ex", "set pagination off", "-ex", "thread apply all bt " + FRAMES)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(GDB_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "gdb did not finish in " + GDB_SECONDS + " s (partial output in " + out + ")";
            }
            return summary(Files.readAllLines(out, StandardCharsets.UTF_8)) + " (gdb's output: " + out + ")";
        } catch (IOException e) {
            return "no native stacks (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no native stacks (interrupted)";
        }
    }

    /** The threads of gdb's {@code thread apply all bt} output with a frame in a torch4j library. */
    static String summary(List<String> gdb) {
        List<String> kept = new ArrayList<>();
        StringBuilder thread = null;
        boolean relevant = false;
        for (String line : gdb) {
            if (line.startsWith("Thread ")) {
                if (thread != null && relevant) {
                    kept.add(thread.toString());
                }
                thread = new StringBuilder(line.replaceAll("\\s*\\(.*", ""));
                relevant = false;
            } else if (thread != null && line.startsWith("#")) {
                String frame = line.replaceAll("^#\\d+\\s+(0x[0-9a-f]+ in )?", "").replaceAll("\\s*\\(.*?\\)\\s*(from|at)\\s+", " @ ")
                        .replaceAll(" @ \\S*/", " @ "); // the library's or source file's name, not its path
                thread.append(" < ").append(frame.length() > 160 ? frame.substring(0, 160) : frame);
                relevant |= line.matches(".*(libtorch|openblas|gomp|jnitorch|libc10).*");
            }
        }
        if (thread != null && relevant) {
            kept.add(thread.toString());
        }
        return kept.isEmpty() ? "no thread inside LibTorch" : String.join(" ;; ", kept);
    }
}
