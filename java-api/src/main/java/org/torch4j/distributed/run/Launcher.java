package org.torch4j.distributed.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code torchrun} for the JVM: starts {@code --nproc} JVMs running a main class with the env://
 * variables set (MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE),
 * prefixes every output line with {@code [rankN]: }, and on the first child that exits non-zero
 * kills the others and exits with that child's code. No child outlives the launcher (a shutdown
 * hook kills them if the launcher itself is stopped).
 *
 * <pre>
 * java -cp CP org.torch4j.distributed.run.Launcher [options] MainClass [args...]
 *   --nproc N          processes on this node (default 1)
 *   --nnodes M         nodes (default 1); WORLD_SIZE = M * N
 *   --node-rank K      this node's index (default 0); RANK = K * N + LOCAL_RANK
 *   --master-addr A    rank 0's host (default 127.0.0.1); every node passes the same
 *   --master-port P    rank 0's TCPStore port (default 29500; 0 = a free port, single node only)
 *   --jvm-arg X        an extra JVM option for the children (repeatable), e.g. --jvm-arg -Xmx2g
 *   --failure-grace S  after a rank fails, seconds the others get to report and exit on their own
 *                      (their collectives fail fast, naming the lost rank) before they are killed (default 3)
 * </pre>
 * Multi-machine: run the same command on every node with the same --nnodes, --nproc,
 * --master-addr (an address of node 0 that the others can reach) and --master-port, and
 * --node-rank 0..M-1; set GLOO_SOCKET_IFNAME if the host name does not resolve to that network.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Entry point; exits with 0 if every rank did, else with the first failing rank's code. */
    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("launcher: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    /** Runs the children to completion; returns the exit code the launcher should end with. */
    public static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
        int nproc = 1, nnodes = 1, nodeRank = 0, port = 29500;
        double grace = 3;
        String addr = "127.0.0.1";
        List<String> jvmArgs = new ArrayList<>();
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--nproc", "--nproc-per-node", "--nproc_per_node" -> nproc = positive(a, v);
                case "--nnodes" -> nnodes = positive(a, v);
                case "--node-rank", "--node_rank" -> nodeRank = Integer.parseInt(v);
                case "--master-addr", "--master_addr" -> addr = v;
                case "--master-port", "--master_port" -> port = Integer.parseInt(v);
                case "--jvm-arg" -> jvmArgs.add(v);
                case "--failure-grace" -> grace = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("usage: Launcher [--nproc N] [--nnodes M --node-rank K --master-addr A --master-port P] MainClass [args...]");
        }
        if (nodeRank < 0 || nodeRank >= nnodes) {
            throw new IllegalArgumentException("--node-rank must be in [0, " + nnodes + "), got " + nodeRank);
        }
        if (port == 0) {
            if (nnodes > 1) {
                throw new IllegalArgumentException("--master-port 0 (pick a free port) only works with --nnodes 1");
            }
            port = freePort();
        }
        String main = args[i];
        List<String> mainArgs = List.of(args).subList(i + 1, args.length);
        int world = nnodes * nproc;
        List<Process> procs = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        Thread killer = new Thread(() -> procs.forEach(Launcher::kill));
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            for (int local = 0; local < nproc; local++) {
                int rank = nodeRank * nproc + local;
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(jvmArgs);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(main);
                cmd.addAll(mainArgs);
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.put("MASTER_ADDR", addr);
                env.put("MASTER_PORT", Integer.toString(port));
                env.put("RANK", Integer.toString(rank));
                env.put("WORLD_SIZE", Integer.toString(world));
                env.put("LOCAL_RANK", Integer.toString(local));
                env.put("LOCAL_WORLD_SIZE", Integer.toString(nproc));
                env.put("GROUP_RANK", Integer.toString(nodeRank));
                Process p = pb.start();
                procs.add(p);
                Thread t = new Thread(() -> pump(p, "[rank" + rank + "]: ", out), "launcher-out-" + rank);
                t.start();
                pumps.add(t);
            }
            int code = 0;
            int failed = -1;
            while (code == 0) {
                boolean alive = false;
                for (int r = 0; r < procs.size(); r++) {
                    Process p = procs.get(r);
                    if (p.isAlive()) {
                        alive = true;
                    } else if (p.exitValue() != 0) {
                        code = p.exitValue();
                        failed = nodeRank * nproc + r;
                        break;
                    }
                }
                if (!alive || code != 0) {
                    break;
                }
                Thread.sleep(50);
            }
            if (code != 0) {
                synchronized (out) {
                    out.println("launcher: rank " + failed + " exited with code " + code + describe(code)
                            + "; stopping the other ranks");
                }
                long deadline = System.nanoTime() + (long) (grace * 1e9);
                for (Process p : procs) {
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        p.waitFor(left, TimeUnit.NANOSECONDS);
                    }
                }
                procs.forEach(Launcher::kill);
            }
            for (Thread t : pumps) {
                t.join(5000);
            }
            return code;
        } finally {
            procs.forEach(Launcher::kill);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
    }

    private static String describe(int code) {
        return code > 128 && code < 160 ? " (signal " + (code - 128) + (code == 137 ? ", SIGKILL" : code == 143 ? ", SIGTERM" : "") + ")" : "";
    }

    /** SIGTERM, then SIGKILL after 3 s; waits for the process (and its children) to be gone. */
    private static void kill(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(Process p, String prefix, PrintStream out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (out) {
                    out.println(prefix + line);
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    private static int positive(String opt, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(opt + " must be >= 1, got " + v);
        }
        return n;
    }

    /** A port free right now on loopback (the usual race applies). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
