package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.optim.SGD;

/**
 * RNN, LSTM and GRU, and their cells, against samples/parity/recordings/rnn_cases.txt, recorded from real PyTorch
 * 1.13 by samples/parity/rnn_cases.py (protocol and format described there): for seeds 0, 1 and 42
 * the initial parameters, the seeded inputs, output and final states, the gradients of every
 * parameter, of the input and of the initial state, three SGD-with-momentum training steps (loss
 * of each, parameters after), the eval-mode output; and each module's repr and state_dict keys.
 * Covers multi-layer, bidirectional, batch_first, unbatched, no bias, LSTM projections, with and
 * without an initial state, and dropout between layers in training mode; RNNCell (tanh, relu),
 * LSTMCell and GRUCell batched and unbatched, with and without bias and initial state.
 *
 * <p>Tolerance as {@link NnParityTest}'s ({@link NnParityTest#compare}): 1e-6 relative to the
 * largest magnitude of each recorded tensor; {@link #report} prints the worst error per case and key.
 */
class RnnParityTest {
    record Case(String name, List<String[]> inputs, Map<Integer, Map<String, NnParityTest.Values>> seeds) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();
    static final Map<String, String> REPRS = new LinkedHashMap<>();
    static final Map<String, List<String>> KEYS = new LinkedHashMap<>();
    static final Map<String, Supplier<Module>> CTORS = new LinkedHashMap<>();

    static {
        RNNOptions d = RNNOptions.DEFAULT;
        CTORS.put("RNN", () -> new RNN(4, 5));
        CTORS.put("RNN_relu_2layers_h0", () -> new RNN(4, 5, d.withNumLayers(2).withNonlinearity("relu")));
        CTORS.put("RNN_bidirectional_batch_first_h0", () -> new RNN(3, 4, d.withBidirectional(true).withBatchFirst(true)));
        CTORS.put("RNN_unbatched_bidirectional_h0", () -> new RNN(3, 4, d.withBidirectional(true)));
        CTORS.put("LSTM", () -> new LSTM(4, 5));
        CTORS.put("LSTM_2layers_bidirectional_h0", () -> new LSTM(3, 4, d.withNumLayers(2).withBidirectional(true)));
        CTORS.put("LSTM_batch_first_nobias", () -> new LSTM(3, 4, d.withBias(false).withBatchFirst(true)));
        CTORS.put("LSTM_unbatched_2layers_h0", () -> new LSTM(3, 4, 2));
        CTORS.put("LSTM_unbatched_batch_first", () -> new LSTM(3, 4, d.withBatchFirst(true)));
        CTORS.put("LSTM_proj_2layers_bidirectional_h0", () -> new LSTM(3, 6, d.withNumLayers(2).withBidirectional(true).withProjSize(2)));
        CTORS.put("LSTM_dropout_3layers", () -> new LSTM(3, 4, d.withNumLayers(3).withDropout(0.5)));
        CTORS.put("GRU", () -> new GRU(4, 5));
        CTORS.put("GRU_2layers_bidirectional_batch_first_h0", () -> new GRU(3, 4, d.withNumLayers(2).withBidirectional(true).withBatchFirst(true)));
        CTORS.put("GRU_unbatched", () -> new GRU(3, 4));
        CTORS.put("GRU_dropout_2layers_nobias", () -> new GRU(3, 4, d.withNumLayers(2).withDropout(0.3).withBias(false)));
        CTORS.put("RNNCell", () -> new RNNCell(4, 5));
        CTORS.put("RNNCell_relu_nobias_h0", () -> new RNNCell(3, 4, false, "relu"));
        CTORS.put("RNNCell_unbatched_h0", () -> new RNNCell(3, 4));
        CTORS.put("LSTMCell", () -> new LSTMCell(4, 5));
        CTORS.put("LSTMCell_h0", () -> new LSTMCell(3, 4));
        CTORS.put("LSTMCell_unbatched_nobias_h0", () -> new LSTMCell(3, 4, false));
        CTORS.put("GRUCell", () -> new GRUCell(4, 5));
        CTORS.put("GRUCell_nobias_h0", () -> new GRUCell(3, 4, false));
        CTORS.put("GRUCell_unbatched", () -> new GRUCell(3, 4));
    }

    @BeforeAll
    static void load() throws IOException {
        Case cur = null;
        try (InputStream in = RnnParityTest.class.getResourceAsStream("/parity/rnn_cases.txt")) {
            assertNotNull(in, "rnn_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                switch (f[0]) {
                    case "C" -> {
                        cur = new Case(f[1], new ArrayList<>(), new TreeMap<>());
                        CASES.put(f[1], cur);
                    }
                    case "I" -> cur.inputs().add(new String[] {f[1], f[2]});
                    case "R" -> REPRS.put(f[1], NnParityTest.Json.string(f[2]));
                    case "K" -> KEYS.put(f[1], NnParityTest.Json.strings(f[2]));
                    case "V" -> {
                        String[] v = line.split(" ");
                        long[] shape = v[3].equals("-") ? new long[0] : Arrays.stream(v[3].split(",")).mapToLong(Long::parseLong).toArray();
                        double[] vals = Arrays.stream(v, 4, v.length).mapToDouble(Double::parseDouble).toArray();
                        cur.seeds().computeIfAbsent(Integer.parseInt(v[1]), k -> new LinkedHashMap<>()).put(v[2],
                                new NnParityTest.Values(shape, vals));
                    }
                    default -> fail("unknown record: " + line);
                }
            }
        }
    }

    @AfterAll
    static void report() {
        NnParityTest.report();
    }

    @Test
    void everyRecordedCaseHasAJavaConstructor() {
        assertEquals(List.copyOf(CASES.keySet()), List.copyOf(CTORS.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> printsAndNamesParametersLikePyTorch() {
        return CASES.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            try (Module m = CTORS.get(name).get()) {
                assertEquals(REPRS.get(name), m.toString());
                try (Scope s = Scope.open()) {
                    assertEquals(KEYS.get(name), List.copyOf(m.stateDict().keySet()));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        return CASES.values().stream().flatMap(c -> c.seeds().keySet().stream()
                .map(seed -> DynamicTest.dynamicTest(c.name() + " seed " + seed, () -> runCase(c, seed))));
    }

    /** {@code m(x[, h0 | (h0, c0)])}: the output, then h_n (and c_n); a cell's h', then an LSTMCell's c'. */
    static List<Tensor> call(Module m, Tensor x, Tensor h, Tensor c) {
        if (m instanceof LSTMCell cell) {
            LSTMState r = cell.call(x, h == null ? null : new LSTMState(h, c));
            return List.of(r.h(), r.c());
        }
        if (m instanceof RNNCellBase cell) {
            return List.of(cell.forward(x, h));
        }
        if (m instanceof LSTM lstm) {
            LSTMOutput r = lstm.call(x, h == null ? null : new LSTMState(h, c));
            return List.of(r.output(), r.hN(), r.cN());
        }
        RNNOutput r = m instanceof RNN rnn ? rnn.call(x, h) : ((GRU) m).call(x, h);
        return List.of(r.output(), r.hN());
    }

    static void runCase(Case c, int seed) {
        Map<String, NnParityTest.Values> rec = c.seeds().get(seed);
        Map<String, Tensor> got = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try (Scope s = Scope.open()) {
            Torch.manualSeed(seed);
            try (Module m = CTORS.get(c.name()).get()) {
                m.namedParameters().forEach((k, p) -> got.put("init." + k, p.detach().clone()));
                Map<String, Tensor> ins = new LinkedHashMap<>();
                for (String[] in : c.inputs()) {
                    Tensor t = Torch.randn(Arrays.stream(in[1].split(",")).mapToLong(Long::parseLong).toArray()).requiresGrad(true);
                    ins.put(in[0], t);
                    got.put("input." + in[0], t.detach());
                }
                Tensor x = ins.get("x");
                Tensor h = ins.get("h");
                Tensor cc = ins.get("c");
                List<Tensor> outs = call(m, x, h, cc);
                got.put("out", outs.get(0).detach());
                for (int i = 1; i < outs.size(); i++) {
                    got.put("state" + (i - 1), outs.get(i).detach());
                }
                Tensor loss = outs.get(0).mul(Torch.randn(outs.get(0).shape())).sum();
                for (int i = 1; i < outs.size(); i++) {
                    loss = loss.add(outs.get(i).mul(Torch.randn(outs.get(i).shape())).sum());
                }
                loss.backward();
                m.namedParameters().forEach((k, p) -> got.put("grad." + k, p.grad()));
                ins.forEach((k, t) -> got.put("grad.input." + k, t.grad()));
                Tensor xd = x.detach();
                Tensor hd = h == null ? null : h.detach();
                Tensor cd = cc == null ? null : cc.detach();
                try (SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).withMomentum(0.9))) {
                    for (int step = 0; step < 3; step++) {
                        try (Scope it = Scope.open()) {
                            opt.zeroGrad();
                            List<Tensor> o = call(m, xd, hd, cd);
                            Tensor l = o.get(0).pow(2).mean();
                            for (int i = 1; i < o.size(); i++) {
                                l = l.add(o.get(i).pow(2).mean());
                            }
                            got.put("step" + step + ".loss", l.detach().keep());
                            l.backward();
                            opt.step();
                        }
                    }
                }
                m.namedParameters().forEach((k, p) -> got.put("final." + k, p.detach().clone()));
                m.eval();
                try (Grad.Guard g = Grad.noGrad()) {
                    got.put("eval_out", call(m, xd, hd, cd).get(0));
                }
                for (Map.Entry<String, NnParityTest.Values> e : rec.entrySet()) {
                    Tensor g = got.get(e.getKey());
                    if (g == null) {
                        failures.add(e.getKey() + ": recorded by PyTorch, missing in Java");
                        continue;
                    }
                    String err = NnParityTest.compare(c.name(), e.getKey(), g, e.getValue());
                    if (err != null) {
                        failures.add(err);
                    }
                }
                for (String k : got.keySet()) {
                    if (!rec.containsKey(k)) {
                        failures.add(k + ": produced by Java, not recorded by PyTorch");
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(c.name() + " seed " + seed + ":\n  " + String.join("\n  ", failures));
        }
    }
}
