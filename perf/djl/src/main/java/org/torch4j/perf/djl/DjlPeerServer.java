package org.torch4j.perf.djl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * DJL's side of torch4j's {@code report.Interleaved} (see {@code org.torch4j.perf.PeerServer}
 * for the protocol): {@code CASE N} runs N calls and prints the nanoseconds they took. Cases:
 * {@code add|mul|pow|sum@SIZE} (NDScope per op), {@code step3} (idiomatic), {@code step3tuned},
 * {@code step6adam}, {@code exception}.
 */
public final class DjlPeerServer {
    private DjlPeerServer() {
    }

    static Object sink;

    public static void main(String[] args) throws Exception {
        Djl.engine();
        Map<String, Supplier<Object>> cases = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String[] f = line.trim().split(" ");
            Supplier<Object> c = cases.computeIfAbsent(f[0], DjlPeerServer::create);
            long n = Long.parseLong(f[1]);
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink = c.get();
            }
            System.out.println(System.nanoTime() - t0);
        }
    }

    private static Supplier<Object> create(String name) {
        switch (name) {
            case "step3":
            case "step3tuned": {
                DjlStep3 b = new DjlStep3();
                b.setUp();
                return name.equals("step3") ? b::idiomatic : b::tuned;
            }
            case "step6adam": {
                DjlStep6 b = new DjlStep6();
                b.optimizer = "adam";
                b.setUp();
                return b::step;
            }
            case "exception": {
                DjlExceptions b = new DjlExceptions();
                b.setUp();
                return b::shapeMismatch;
            }
            default: {
                String[] p = name.split("@");
                DjlPerOp b = new DjlPerOp();
                b.op = p[0];
                b.size = Integer.parseInt(p[1]);
                b.setUp();
                return b::scope;
            }
        }
    }
}
