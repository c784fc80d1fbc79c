package org.torch4j.fuzz;

import java.util.BitSet;
import java.util.HexFormat;
import java.util.Map;
import org.torch4j.Torch;

/**
 * The forked side of the fuzz: runs sequences {@code first .. first+count-1} in this JVM and
 * reports on stdout ({@link Report}): {@code begin}/{@code end} per sequence, findings, and at the
 * end {@code done} with the surface coverage. A watchdog halts the JVM with a {@code hang} line
 * and every thread's stack, the sequence's last calls and (where gdb is installed) the native
 * frames of threads inside LibTorch when one sequence runs longer than
 * {@code -Dfuzz.timeoutSeconds} (default 60); the runner then resumes after that seed in a new JVM.
 *
 * <p>Arguments: {@code first count stepsPerSequence}.
 */
public final class FuzzMain {
    private static volatile long currentSeed = -1;
    private static volatile long startedNanos;
    private static volatile Sequence current;

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        long first = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        long timeout = Long.getLong("fuzz.timeoutSeconds", 60) * 1_000_000_000L;
        Report out = new Report();
        long t0 = System.nanoTime();
        Torch.zeros(1).close(); // load LibTorch before the first sequence's clock starts
        Profile.add("jvm: load LibTorch", t0);
        t0 = System.nanoTime();
        Surface surface = new Surface();
        Profile.add("jvm: build surface", t0);
        out.line("surface", surface.all.size(), surface.skipped.size());
        for (Map.Entry<String, String> e : surface.skipped.entrySet()) {
            out.line("skipped", e.getKey(), e.getValue());
        }
        startWatchdog(out, timeout);
        BitSet invoked = new BitSet();
        BitSet completed = new BitSet();
        for (long seed = first; seed < first + count; seed++) {
            out.line("begin", seed);
            startedNanos = System.nanoTime();
            currentSeed = seed;
            Sequence s = new Sequence(seed, surface, out, invoked, completed);
            current = s;
            try {
                s.run(steps);
            } catch (Throwable t) {
                s.judge("sequence", t); // a Throwable outside any judged call: the harness or a torch4j Error
            }
            currentSeed = -1;
            out.line("end", seed, s.calls.get(), (System.nanoTime() - startedNanos) / 1_000_000);
        }
        Profile.report(out);
        out.line("done", HexFormat.of().formatHex(invoked.toByteArray()), HexFormat.of().formatHex(completed.toByteArray()));
        System.exit(0);
    }

    private static void startWatchdog(Report out, long timeoutNanos) {
        Thread w = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                long seed = currentSeed;
                if (seed >= 0 && System.nanoTime() - startedNanos > timeoutNanos) {
                    StringBuilder sb = new StringBuilder();
                    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                        StackTraceElement[] st = e.getValue();
                        if (st.length == 0 || e.getKey() == Thread.currentThread()) {
                            continue;
                        }
                        sb.append(" [").append(e.getKey().getName()).append(']');
                        for (int i = 0; i < Math.min(8, st.length); i++) {
                            sb.append(" < ").append(st[i]);
                        }
                    }
                    Sequence s = current;
                    String calls = s == null ? "" : " | last calls: " + s.lastCalls();
                    out.line("hang", seed, "sequence ran longer than " + timeoutNanos / 1_000_000_000L + " s; threads:" + sb
                            + calls + " | native: " + NativeStacks.ofThisProcess());
                    Runtime.getRuntime().halt(3);
                }
            }
        }, "fuzz-watchdog");
        w.setDaemon(true);
        w.start();
    }
}
