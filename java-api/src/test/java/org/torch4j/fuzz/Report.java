package org.torch4j.fuzz;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child's side of the protocol with {@link FuzzRunner}: one line per event on stdout,
 * {@code FUZZ|<event>|...}, each written whole (findings carry the seed to replay).
 */
final class Report {
    final Thread mainThread = Thread.currentThread();
    private final PrintStream ps = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    synchronized void line(String event, Object... fields) {
        StringBuilder sb = new StringBuilder("FUZZ|").append(event);
        for (Object f : fields) {
            sb.append('|').append(oneLine(String.valueOf(f)));
        }
        ps.println(sb);
    }

    void finding(String kind, long seed, String detail) {
        line("finding", kind, seed, detail);
    }

    /** One line, no field separator, at most 3000 characters. */
    static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ').replace('|', '/');
        return t.length() > 3000 ? t.substring(0, 3000) + "..." : t;
    }
}
