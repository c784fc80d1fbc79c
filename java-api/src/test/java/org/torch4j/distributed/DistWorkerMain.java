package org.torch4j.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * One rank of DistributedTest, started by the Launcher (env://). Each scenario checks the
 * collectives against their definitions (rank r contributes values computed from r) and prints
 * "OK name" or "FAIL name: ..."; the exit code is the number of failures. Scenario "kill": the last
 * rank SIGKILLs itself mid-training; the others must fail naming it (exit 3 when they do).
 */
public final class DistWorkerMain {
    private static int failures;

    private DistWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        Duration timeout = Duration.ofSeconds(Long.parseLong(args.length > 1 ? args[1] : "20"));
        switch (scenario) {
            case "collectives" -> collectives(timeout);
            case "kill" -> kill(timeout);
            case "ddp" -> DdpWorker.run(timeout);
            case "collectives+ddp" -> {
                collectives(timeout);
                DdpWorker.run(timeout);
            }
            case "collectives+ddp+kill" -> { // DistributedTest's one 3-rank launch: the kill comes last
                collectives(timeout);
                DdpWorker.run(timeout);
                System.out.println("SCENARIOS DONE failures " + (failures + DistWorkerMainFailures.failures));
                kill(timeout);
            }
            case "init" -> {
                try {
                    Dist.initProcessGroup("gloo", timeout);
                    System.out.println("INIT OK");
                    Dist.destroyProcessGroup();
                } catch (RuntimeException e) {
                    System.out.println("INIT FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    System.exit(4);
                }
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        System.out.flush();
        System.exit(failures + DistWorkerMainFailures.failures);
    }

    private static void expect(String name, float[] want, Tensor got) {
        float[] g = got.toFloatArray();
        if (Arrays.equals(want, g)) {
            System.out.println("OK " + name);
        } else {
            failures++;
            System.out.println("FAIL " + name + ": want " + Arrays.toString(want) + " got " + Arrays.toString(g));
        }
    }

    private static float[] fill(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    /** What rank r sends rank j in the all-to-all tests: r + j + 1 values 100 r + 10 j + k. */
    private static float[] ramp(int r, int j) {
        float[] a = new float[r + j + 1];
        for (int k = 0; k < a.length; k++) {
            a[k] = 100 * r + 10 * j + k;
        }
        return a;
    }

    /** Rank r's contribution: [r+1, 2(r+1), 3(r+1)] with a twist so MIN/MAX differ per element. */
    private static float[] contrib(int r) {
        return new float[] {r + 1, 2f * (r + 1), 10 - r};
    }

    private static void collectives(Duration timeout) {
        Dist.initProcessGroup("gloo", timeout);
        int rank = Dist.getRank();
        int ws = Dist.getWorldSize();
        System.out.println("rank " + rank + " of " + ws + " local " + Dist.getLocalRank());
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.AVG, ReduceOp.MIN, ReduceOp.MAX, ReduceOp.PRODUCT}) {
            float[] want = new float[3];
            for (int i = 0; i < 3; i++) {
                double acc = op == ReduceOp.PRODUCT ? 1 : op == ReduceOp.MIN ? Double.MAX_VALUE : op == ReduceOp.MAX ? -Double.MAX_VALUE : 0;
                for (int r = 0; r < ws; r++) {
                    double v = contrib(r)[i];
                    acc = switch (op) {
                        case SUM, AVG -> acc + v;
                        case PRODUCT -> acc * v;
                        case MIN -> Math.min(acc, v);
                        case MAX -> Math.max(acc, v);
                        default -> throw new AssertionError();
                    };
                }
                want[i] = (float) (op == ReduceOp.AVG ? acc / ws : acc);
            }
            Tensor t = Torch.tensor(contrib(rank), 3);
            Dist.allReduce(t, op);
            expect("allReduce " + op, want, t);
        }
        // async all-reduce: isCompleted becomes true after waitFor
        Tensor a = Torch.tensor(contrib(rank), 3);
        Work w = Dist.allReduceAsync(a, ReduceOp.SUM);
        w.waitFor(Duration.ofSeconds(10));
        if (!w.isCompleted()) {
            failures++;
            System.out.println("FAIL async isCompleted");
        }
        float[] sum = new float[3];
        for (int r = 0; r < ws; r++) {
            for (int i = 0; i < 3; i++) {
                sum[i] += contrib(r)[i];
            }
        }
        expect("allReduceAsync", sum, a);

        int src = ws - 1;
        Tensor b = Torch.tensor(contrib(rank), 3);
        Dist.broadcast(b, src);
        expect("broadcast", contrib(src), b);

        List<Tensor> gathered = new ArrayList<>();
        for (int r = 0; r < ws; r++) {
            gathered.add(Torch.zeros(3));
        }
        Dist.allGather(gathered, Torch.tensor(contrib(rank), 3));
        for (int r = 0; r < ws; r++) {
            expect("allGather[" + r + "]", contrib(r), gathered.get(r));
        }

        // reduce_scatter: rank r's input_list[i] = contrib(r) * (i + 1); output_i = sum_r contrib(r) * (i + 1)
        List<Tensor> ins = new ArrayList<>();
        for (int i = 0; i < ws; i++) {
            ins.add(Torch.tensor(contrib(rank), 3).mul(i + 1));
        }
        Tensor rs = Torch.zeros(3);
        Dist.reduceScatter(rs, ins, ReduceOp.SUM);
        float[] wantRs = sum.clone();
        for (int i = 0; i < 3; i++) {
            wantRs[i] *= rank + 1;
        }
        expect("reduceScatter", wantRs, rs);

        int dst = 1 % ws;
        List<Tensor> gl = null;
        if (rank == dst) {
            gl = new ArrayList<>();
            for (int r = 0; r < ws; r++) {
                gl.add(Torch.zeros(3));
            }
        }
        Dist.gather(Torch.tensor(contrib(rank), 3), gl, dst);
        if (rank == dst) {
            for (int r = 0; r < ws; r++) {
                expect("gather[" + r + "]", contrib(r), gl.get(r));
            }
        }

        List<Tensor> sl = null;
        if (rank == 0) {
            sl = new ArrayList<>();
            for (int r = 0; r < ws; r++) {
                sl.add(Torch.tensor(contrib(r), 3).mul(100));
            }
        }
        Tensor sc = Torch.zeros(3);
        Dist.scatter(sc, sl, 0);
        float[] wantSc = contrib(rank);
        for (int i = 0; i < 3; i++) {
            wantSc[i] *= 100;
        }
        expect("scatter", wantSc, sc);

        // ring of send/recv: rank r sends contrib(r) to r+1 (async send, blocking recv)
        Tensor recvd = Torch.zeros(3);
        Work s = Dist.isend(Torch.tensor(contrib(rank), 3), (rank + 1) % ws, null);
        Dist.recv(recvd, (rank + ws - 1) % ws);
        s.waitFor();
        expect("send/recv", contrib((rank + ws - 1) % ws), recvd);

        // reduce: only the destination is defined; every op against the element-wise definition
        int rdst = ws - 1;
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.PRODUCT}) {
            Tensor t = Torch.tensor(contrib(rank), 3);
            Dist.reduce(t, rdst, op);
            if (rank == rdst) {
                float[] want = new float[3];
                for (int i = 0; i < 3; i++) {
                    double acc = op == ReduceOp.PRODUCT ? 1 : op == ReduceOp.MAX ? -Double.MAX_VALUE : 0;
                    for (int r = 0; r < ws; r++) {
                        double v = contrib(r)[i];
                        acc = op == ReduceOp.SUM ? acc + v : op == ReduceOp.MAX ? Math.max(acc, v) : acc * v;
                    }
                    want[i] = (float) acc;
                }
                expect("reduce " + op, want, t);
            }
        }

        // all_to_all: rank r's output[i] = rank i's input[r]; input[j] of rank r has r + j + 1 elements
        // (uneven sizes), valued 100 r + 10 j + k
        List<Tensor> a2aIn = new ArrayList<>();
        List<Tensor> a2aOut = new ArrayList<>();
        for (int j = 0; j < ws; j++) {
            a2aIn.add(Torch.tensor(ramp(rank, j), rank + j + 1));
            a2aOut.add(Torch.full(new long[] {j + rank + 1}, -1.0));
        }
        Dist.allToAll(a2aOut, a2aIn);
        for (int i = 0; i < ws; i++) {
            expect("allToAll[" + i + "]", ramp(i, rank), a2aOut.get(i));
        }

        // all_to_all_single, equal splits: chunk j of rank r's [ws x 2] input (row j) goes to rank j
        float[] single = new float[ws * 2];
        for (int j = 0; j < ws; j++) {
            single[2 * j] = 10 * rank + j;
            single[2 * j + 1] = -(10 * rank + j);
        }
        Tensor sIn = Torch.tensor(single, ws, 2);
        Tensor sOut = Torch.zeros(ws, 2);
        Dist.allToAllSingle(sOut, sIn);
        float[] wantSingle = new float[ws * 2];
        for (int i = 0; i < ws; i++) {
            wantSingle[2 * i] = 10 * i + rank;
            wantSingle[2 * i + 1] = -(10 * i + rank);
        }
        expect("allToAllSingle equal", wantSingle, sOut);

        // all_to_all_single with split sizes: rank r sends r + j + 1 rows to rank j
        long[] inSplit = new long[ws];
        long[] outSplit = new long[ws];
        List<Float> flatIn = new ArrayList<>();
        for (int j = 0; j < ws; j++) {
            inSplit[j] = rank + j + 1;
            outSplit[j] = j + rank + 1;
            for (float f : ramp(rank, j)) {
                flatIn.add(f);
            }
        }
        float[] fin = new float[flatIn.size()];
        for (int k = 0; k < fin.length; k++) {
            fin[k] = flatIn.get(k);
        }
        Tensor vOut = Torch.zeros(java.util.Arrays.stream(outSplit).sum());
        Dist.allToAllSingle(vOut, Torch.tensor(fin, fin.length), outSplit, inSplit, null);
        List<Float> wantV = new ArrayList<>();
        for (int i = 0; i < ws; i++) {
            for (float f : ramp(i, rank)) {
                wantV.add(f);
            }
        }
        float[] wv = new float[wantV.size()];
        for (int k = 0; k < wv.length; k++) {
            wv[k] = wantV.get(k);
        }
        expect("allToAllSingle splits", wv, vOut);
        try {
            Dist.allToAllSingle(Torch.zeros(ws + 1), Torch.zeros(ws + 1));
            failures++;
            System.out.println("FAIL allToAllSingle bad split: no exception");
        } catch (IllegalArgumentException e) {
            System.out.println("OK allToAllSingle bad split: " + e.getMessage());
        }

        // a subgroup of ranks {0, ws-1}: sum over those two only; others are no-ops
        ProcessGroup g = Dist.newGroup(0, ws - 1);
        Tensor sub = Torch.tensor(contrib(rank), 3);
        Dist.allReduce(sub, ReduceOp.SUM, g);
        if (g.rank() >= 0) {
            float[] want = new float[3];
            for (int i = 0; i < 3; i++) {
                want[i] = contrib(0)[i] + contrib(ws - 1)[i];
            }
            expect("newGroup allReduce", want, sub);
        } else {
            expect("newGroup non-member untouched", contrib(rank), sub);
        }
        Dist.barrier();

        // mismatched shapes: a clear TorchException on every rank, no hang
        try {
            Dist.allReduce(Torch.zeros(2 + rank), ReduceOp.SUM);
            failures++;
            System.out.println("FAIL mismatch: no exception");
        } catch (TorchException e) {
            System.out.println((e.getMessage().contains("rank 1 allReduce(SUM) float32[3]") ? "OK" : "FAIL") + " mismatch: " + e.getMessage());
            failures += e.getMessage().contains("rank 1 allReduce(SUM) float32[3]") ? 0 : 1;
        }
        Dist.barrier();
        Dist.destroyProcessGroup();
        try {
            Dist.allReduce(Torch.zeros(2), ReduceOp.SUM);
            failures++;
            System.out.println("FAIL after destroy: no exception");
        } catch (TorchException e) {
            System.out.println("OK after destroy: " + e.getMessage());
        }
    }

    private static void kill(Duration timeout) throws Exception {
        Dist.initProcessGroup("gloo", timeout);
        int rank = Dist.getRank();
        int ws = Dist.getWorldSize();
        long t0 = 0;
        try {
            for (int step = 0; step < 1000; step++) {
                if (step == 5 && rank == ws - 1) {
                    System.out.println("killing myself with SIGKILL");
                    System.out.flush();
                    new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                    Thread.sleep(10_000);
                }
                Tensor t = Torch.ones(1000);
                t0 = System.nanoTime();
                Dist.allReduce(t, ReduceOp.SUM);
                Thread.sleep(20);
            }
            System.out.println("FAIL no error");
        } catch (TorchException e) {
            System.out.println("LOST after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
    }
}
