package org.torch4j.fuzz;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code -Dfuzz.profile=true}: wall time per kind of step (and the end-of-sequence cleanup and
 * leak check) summed over this JVM's sequences, printed by {@link FuzzMain} as {@code profile}
 * lines, to see where a sequence's time goes. Off: one boolean test per step.
 */
final class Profile {
    static final boolean ON = Boolean.getBoolean("fuzz.profile");
    private static final Map<String, long[]> TIMES = new TreeMap<>();

    private Profile() {
    }

    /** Adds the time since {@code startNanos} to {@code what}. */
    static void add(String what, long startNanos) {
        if (ON) {
            long dt = System.nanoTime() - startNanos;
            synchronized (TIMES) {
                long[] t = TIMES.computeIfAbsent(what, k -> new long[2]);
                t[0] += dt;
                t[1]++;
            }
        }
    }

    /** Adds {@code n} to a count (shown as its total and how many times it was added). */
    static void add(String what, int n) {
        if (ON) {
            synchronized (TIMES) {
                long[] t = TIMES.computeIfAbsent(what, k -> new long[2]);
                t[0] += n * 1_000_000L;
                t[1]++;
            }
        }
    }

    private static final Map<String, long[]> MEMBERS = new java.util.HashMap<>();

    /** Time of one reflective call of {@code sig}; the report shows the 40 costliest members. */
    static void member(String sig, long startNanos) {
        if (ON) {
            long dt = System.nanoTime() - startNanos;
            synchronized (MEMBERS) {
                long[] t = MEMBERS.computeIfAbsent(sig, k -> new long[2]);
                t[0] += dt;
                t[1]++;
            }
        }
    }

    static void report(Report out) {
        synchronized (MEMBERS) {
            MEMBERS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(40)
                    .forEach(e -> out.line("profile", "member " + e.getKey(), e.getValue()[0] / 1_000_000 + " ms", e.getValue()[1] + " times"));
        }
        synchronized (TIMES) {
            for (Map.Entry<String, long[]> e : TIMES.entrySet()) {
                out.line("profile", e.getKey(), e.getValue()[0] / 1_000_000 + " ms", e.getValue()[1] + " times");
            }
        }
    }
}
