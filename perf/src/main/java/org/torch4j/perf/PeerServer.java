package org.torch4j.perf;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.perf.tutorial.Step3Iteration;
import org.torch4j.perf.tutorial.Step6Iteration;

/**
 * torch4j's side of {@code report.Interleaved}: a long-lived JVM that runs blocks of one case on
 * request, so that torch4j and DJL (DJL's {@code DjlPeerServer}, in its own JVM: the two LibTorch
 * versions never share a process) can be timed in alternating short blocks. Protocol on
 * stdin/stdout, one line each: {@code CASE N} → the nanoseconds N calls took; {@code quit} ends.
 * Cases: {@code add|mul|pow|sum@SIZE}, {@code step3}, {@code step6adam}, {@code exception}.
 */
public final class PeerServer {
    private PeerServer() {
    }

    static Object sink;

    public static void main(String[] args) throws Exception {
        RawPresets.load();
        Map<String, Supplier<Object>> cases = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String[] f = line.trim().split(" ");
            Supplier<Object> c = cases.computeIfAbsent(f[0], PeerServer::create);
            long n = Long.parseLong(f[1]);
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink = c.get();
            }
            System.out.println(System.nanoTime() - t0);
        }
    }

    private static Supplier<Object> create(String name) {
        if (name.equals("step3")) {
            Step3Iteration b = new Step3Iteration();
            b.setUp();
            return b::facade;
        }
        if (name.equals("step6adam")) {
            Step6Iteration b = new Step6Iteration();
            b.setUp();
            return b::facadeAdam;
        }
        if (name.equals("exception")) {
            Tensor x = Torch.rand(3);
            Tensor z = Torch.rand(4);
            return () -> {
                try {
                    return x.add(z);
                } catch (TorchException e) {
                    return e;
                }
            };
        }
        String[] p = name.split("@");
        Torch.manualSeed(0);
        Tensor x = Torch.rand(Integer.parseInt(p[1]));
        Tensor y = Torch.rand(Integer.parseInt(p[1]));
        return switch (p[0]) {
            case "add" -> () -> { try (Scope s = Scope.open()) { return x.add(y); } };
            case "mul" -> () -> { try (Scope s = Scope.open()) { return x.mul(2.0); } };
            case "pow" -> () -> { try (Scope s = Scope.open()) { return x.pow(3); } };
            case "sum" -> () -> { try (Scope s = Scope.open()) { return x.sum(); } };
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
    }
}
