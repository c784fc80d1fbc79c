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
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;
import org.torch4j.optim.SGD;

/**
 * MultiheadAttention and the Transformer modules against samples/parity/recordings/attn_cases.txt,
 * recorded from real PyTorch 1.13 by samples/parity/attn_cases.py (protocol and format described
 * there): for seeds 0, 1 and 42 the initial parameters (including the deep-copied layers of
 * TransformerEncoder/Decoder), the seeded inputs and masks, the outputs (attention output and
 * weights), the gradients of every parameter and input, and for the training cases the losses and
 * parameters of three SGD-with-momentum steps; and every module's repr and state_dict keys.
 *
 * <p>Tolerance: an element passes when {@code |java - pytorch| <= tol * max(|pytorch|, scale)},
 * scale the largest magnitude of that recorded tensor. Initial values and inputs must be equal
 * ({@link #EXACT}: the same draws of the same generator; the recording's 9 significant digits
 * give back the float32 value exactly). Outputs, gradients and trained
 * parameters are sums of products computed by LibTorch 2.10's kernels instead of 1.13's, so they
 * differ in the last float32 bits: {@link #TOLERANCE}; the fused fast path of PyTorch's no-grad
 * inference differs more ({@link #FAST_PATH}). {@link #report} prints the worst error per case
 * and kind so the tolerances stay measured.
 */
class AttentionParityTest {
    static final double EXACT = 0;
    static final double TOLERANCE = 1e-5;
    /** PyTorch's fused _native_multi_head_attention / _transformer_encoder_layer_fwd vs the composite path. */
    static final double FAST_PATH = 1e-5;

    record Values(long[] shape, double[] v) {
    }

    static final class Case {
        final String name;
        final String mode;
        final int steps;
        final List<String> inputs = new ArrayList<>();
        String repr;
        List<String> keys;
        final Map<Integer, Map<String, Values>> seeds = new TreeMap<>();

        Case(String name, String mode, int steps) {
            this.name = name;
            this.mode = mode;
            this.steps = steps;
        }
    }

    record JavaCase(Supplier<Module> ctor, BiFunction<Module, Tensor[], Tensor[]> call) {
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();
    static final Map<String, Double> WORST = new TreeMap<>();
    static final Map<String, JavaCase> JAVA = new LinkedHashMap<>();

    static final TransformerOptions D16 = TransformerOptions.DEFAULT.withDimFeedforward(16);
    static final TransformerOptions D16_0 = D16.withDropout(0.0);
    static final MultiheadAttention.Options MD = MultiheadAttention.Options.DEFAULT;

    static void put(String name, Supplier<Module> ctor, BiFunction<Module, Tensor[], Tensor[]> call) {
        JAVA.put(name, new JavaCase(ctor, call));
    }

    static Tensor[] outs(MultiheadAttention.Output o) {
        return o.attnWeights() == null ? new Tensor[] {o.attnOutput()} : new Tensor[] {o.attnOutput(), o.attnWeights()};
    }

    static MultiheadAttention mha(Module m) {
        return (MultiheadAttention) m;
    }

    static TransformerEncoderLayer enc(Module m) {
        return (TransformerEncoderLayer) m;
    }

    static TransformerDecoderLayer dec(Module m) {
        return (TransformerDecoderLayer) m;
    }

    static {
        put("MHA_self", () -> new MultiheadAttention(8, 2), (m, x) -> outs(mha(m).forward(x[0], x[0], x[0])));
        put("MHA_cross", () -> new MultiheadAttention(8, 4), (m, x) -> outs(mha(m).forward(x[0], x[1], x[1])));
        put("MHA_qkv_per_head", () -> new MultiheadAttention(6, 3),
                (m, x) -> outs(mha(m).forward(x[0], x[1], x[2], null, true, null, false)));
        put("MHA_kdim_vdim", () -> new MultiheadAttention(6, 3, MD.withKdim(4L).withVdim(5L)),
                (m, x) -> outs(mha(m).forward(x[0], x[1], x[2])));
        put("MHA_bool_masks", () -> new MultiheadAttention(8, 2), (m, x) -> outs(mha(m).forward(x[0], x[1], x[1], x[2], true, x[3])));
        put("MHA_float_mask_3d", () -> new MultiheadAttention(8, 2), (m, x) -> outs(mha(m).forward(x[0], x[1], x[1], x[2], true, x[3])));
        put("MHA_float_kpm", () -> new MultiheadAttention(8, 2), (m, x) -> outs(mha(m).forward(x[0], x[0], x[0], x[1], true, null)));
        put("MHA_bias_kv_zero_attn", () -> new MultiheadAttention(8, 2, MD.withAddBiasKv(true).withAddZeroAttn(true)),
                (m, x) -> outs(mha(m).forward(x[0], x[1], x[1], x[2], true, x[3])));
        put("MHA_nobias", () -> new MultiheadAttention(8, 2, MD.withBias(false)), (m, x) -> outs(mha(m).forward(x[0], x[1], x[1])));
        put("MHA_batch_first", () -> new MultiheadAttention(8, 2, MD.withBatchFirst(true)),
                (m, x) -> outs(mha(m).forward(x[0], x[0], x[0], x[1], false, null)));
        put("MHA_batch_first_cross", () -> new MultiheadAttention(8, 2, MD.withBatchFirst(true)),
                (m, x) -> outs(mha(m).forward(x[0], x[1], x[1])));
        put("MHA_unbatched", () -> new MultiheadAttention(8, 2), (m, x) -> outs(mha(m).forward(x[0], x[1], x[1], x[2], true, x[3])));
        put("MHA_dropout_eval", () -> new MultiheadAttention(8, 2, MD.withDropout(0.3)), (m, x) -> outs(mha(m).forward(x[0], x[0], x[0])));
        put("MHA_dropout_train", () -> new MultiheadAttention(8, 2, MD.withDropout(0.3)), (m, x) -> outs(mha(m).forward(x[0], x[0], x[0])));
        put("MHA_fastpath", () -> new MultiheadAttention(8, 2, MD.withBatchFirst(true)),
                (m, x) -> outs(mha(m).forward(x[0], x[0], x[0], x[1], true, null)));
        put("EncoderLayer", () -> new TransformerEncoderLayer(8, 2, D16_0), (m, x) -> new Tensor[] {enc(m).forward(x[0], x[1], null)});
        put("EncoderLayer_gelu_norm_first_bf",
                () -> new TransformerEncoderLayer(8, 2, D16_0.withActivation("gelu").withBatchFirst(true).withNormFirst(true)),
                (m, x) -> new Tensor[] {enc(m).forward(x[0], null, x[1])});
        put("EncoderLayer_eval_dropout", () -> new TransformerEncoderLayer(8, 2, D16), (m, x) -> new Tensor[] {enc(m).forward(x[0], null, x[1])});
        put("EncoderLayer_train_dropout", () -> new TransformerEncoderLayer(8, 2, D16.withDropout(0.2)), (m, x) -> new Tensor[] {m.forward(x[0])});
        put("EncoderLayer_fastpath", () -> new TransformerEncoderLayer(8, 2, D16.withBatchFirst(true)),
                (m, x) -> new Tensor[] {enc(m).forward(x[0], null, x[1])});
        put("Encoder", () -> {
            try (TransformerEncoderLayer l = new TransformerEncoderLayer(8, 2, D16_0)) {
                return new TransformerEncoder(l, 2, new LayerNorm(8));
            }
        }, (m, x) -> new Tensor[] {((TransformerEncoder) m).forward(x[0], x[1], x[2])});
        put("Encoder_nonorm_bf", () -> {
            try (TransformerEncoderLayer l = new TransformerEncoderLayer(8, 2, D16_0.withBatchFirst(true).withActivation("gelu"))) {
                return new TransformerEncoder(l, 2);
            }
        }, (m, x) -> new Tensor[] {m.forward(x[0])});
        put("DecoderLayer", () -> new TransformerDecoderLayer(8, 2, D16_0),
                (m, x) -> new Tensor[] {dec(m).forward(x[0], x[1], x[2], null, null, x[3])});
        put("DecoderLayer_gelu_norm_first_bf",
                () -> new TransformerDecoderLayer(8, 2, D16_0.withActivation("gelu").withBatchFirst(true).withNormFirst(true)),
                (m, x) -> new Tensor[] {dec(m).forward(x[0], x[1], null, x[3], x[2], null)});
        put("DecoderLayer_eval_dropout", () -> new TransformerDecoderLayer(8, 2, D16), (m, x) -> new Tensor[] {m.forward(x[0], x[1])});
        put("Decoder", () -> {
            try (TransformerDecoderLayer l = new TransformerDecoderLayer(8, 2, D16_0)) {
                return new TransformerDecoder(l, 2, new LayerNorm(8));
            }
        }, (m, x) -> new Tensor[] {((TransformerDecoder) m).forward(x[0], x[1], x[2], null, null, null)});
        put("Transformer", () -> new Transformer(8, 2, 2, 1, D16_0),
                (m, x) -> new Tensor[] {((Transformer) m).forward(x[0], x[1], null, x[2], null, x[3], null, x[4])});
        put("Transformer_bf_gelu_norm_first",
                () -> new Transformer(8, 2, 1, 1, D16_0.withActivation("gelu").withBatchFirst(true).withNormFirst(true)),
                (m, x) -> new Tensor[] {m.forward(x[0], x[1])});
    }

    @BeforeAll
    static void load() throws IOException {
        Case cur = null;
        try (InputStream in = AttentionParityTest.class.getResourceAsStream("/parity/attn_cases.txt")) {
            assertNotNull(in, "attn_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                switch (f[0]) {
                    case "C" -> {
                        String[] c = line.split(" ");
                        cur = new Case(c[1], c[2], Integer.parseInt(c[3]));
                        CASES.put(c[1], cur);
                    }
                    case "I" -> cur.inputs.add(f[1]);
                    case "R" -> CASES.get(f[1]).repr = NnParityTest.Json.string(f[2]);
                    case "K" -> CASES.get(f[1]).keys = NnParityTest.Json.strings(f[2]);
                    case "V" -> {
                        String[] v = line.split(" ");
                        long[] shape = v[3].equals("-") ? new long[0] : Arrays.stream(v[3].split(",")).mapToLong(Long::parseLong).toArray();
                        double[] vals = new double[v.length - 4];
                        for (int i = 4; i < v.length; i++) {
                            vals[i - 4] = number(v[i]);
                        }
                        cur.seeds.computeIfAbsent(Integer.parseInt(v[1]), k -> new LinkedHashMap<>()).put(v[2], new Values(shape, vals));
                    }
                    default -> fail("unknown record: " + line);
                }
            }
        }
    }

    /** A number as Python prints it ({@code inf}, {@code -inf}, {@code nan} included). */
    static double number(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("attention parity, worst relative error per case/kind:\n");
        WORST.forEach((k, v) -> sb.append(String.format("  %-52s %.3g%n", k, v)));
        System.out.println(sb);
    }

    @Test
    void everyRecordedCaseHasAJavaCounterpart() {
        assertEquals(List.copyOf(CASES.keySet()), List.copyOf(JAVA.keySet()));
    }

    static Tensor input(String spec) {
        String[] p = spec.split(":");
        if (p[0].equals("causal")) {
            return Transformer.generateSquareSubsequentMask(Long.parseLong(p[1]));
        }
        long[] shape = Arrays.stream(p[1].split(",")).mapToLong(Long::parseLong).toArray();
        switch (p[0]) {
            case "randn": {
                Tensor x = Torch.randn(shape);
                return p.length > 2 && p[2].equals("g") ? x.requiresGrad(true) : x;
            }
            case "bool": {
                String[] vs = p[2].split(",");
                boolean[] b = new boolean[vs.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = vs[i].equals("1");
                }
                return Torch.tensor(b, shape);
            }
            case "float": {
                String[] vs = p[2].split(",");
                float[] v = new float[vs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) number(vs[i]);
                }
                return Torch.tensor(v, shape);
            }
            default:
                throw new IllegalArgumentException(spec);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        return CASES.values().stream().flatMap(c -> c.seeds.keySet().stream()
                .map(seed -> DynamicTest.dynamicTest(c.name + " seed " + seed, () -> runCase(c, seed))));
    }

    static Tensor loss(Tensor[] outs, Tensor[] ws) {
        Tensor l = null;
        for (int i = 0; i < outs.length; i++) {
            Tensor t = outs[i].mul(ws[i]).sum();
            l = l == null ? t : l.add(t);
        }
        return l;
    }

    static void runCase(Case c, int seed) {
        Map<String, Values> rec = c.seeds.get(seed);
        JavaCase jc = JAVA.get(c.name);
        Map<String, Tensor> got = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            Torch.manualSeed(seed);
            Module m = jc.ctor().get();
            try {
                m.namedParameters().forEach((k, p) -> got.put("init." + k, p.detach().clone()));
                Tensor[] xs = new Tensor[c.inputs.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = input(c.inputs.get(i));
                    got.put("input" + i, xs[i].detach());
                }
                if (!c.mode.equals("train")) {
                    m.eval();
                }
                if (c.mode.equals("nograd")) {
                    try (Grad.Guard g = Grad.noGrad()) {
                        Tensor[] outs = jc.call().apply(m, xs);
                        for (int i = 0; i < outs.length; i++) {
                            got.put("out" + i, outs[i]);
                        }
                    }
                } else {
                    Tensor[] outs = jc.call().apply(m, xs);
                    Tensor[] ws = new Tensor[outs.length];
                    for (int i = 0; i < outs.length; i++) {
                        got.put("out" + i, outs[i].detach());
                        ws[i] = Torch.randn(outs[i].shape());
                    }
                    loss(outs, ws).backward();
                    m.namedParameters().forEach((k, p) -> {
                        if (p.grad() != null) {
                            got.put("grad." + k, p.grad().clone());
                        }
                    });
                    for (int i = 0; i < xs.length; i++) {
                        if (xs[i].requiresGrad()) {
                            got.put("grad.input" + i, xs[i].grad().clone());
                        }
                    }
                    if (c.steps > 0) {
                        try (SGD opt = new SGD(m.parameters(), new SGD.Options(0.05).withMomentum(0.9))) {
                            for (int step = 0; step < c.steps; step++) {
                                opt.zeroGrad(false); // PyTorch 1.13's zero_grad() default
                                Tensor l = loss(jc.call().apply(m, xs), ws);
                                got.put("step" + step + ".loss", l.detach());
                                l.backward();
                                opt.step();
                            }
                        }
                        m.namedParameters().forEach((k, p) -> got.put("after." + k, p.detach().clone()));
                    }
                }
                List<String> failures = new ArrayList<>();
                for (Map.Entry<String, Values> e : rec.entrySet()) {
                    Tensor g = got.get(e.getKey());
                    if (g == null) {
                        failures.add(e.getKey() + ": recorded by PyTorch, missing in Java");
                        continue;
                    }
                    String err = compare(c, e.getKey(), g, e.getValue());
                    if (err != null) {
                        failures.add(err);
                    }
                }
                for (String k : got.keySet()) {
                    if (!rec.containsKey(k)) {
                        failures.add(k + ": produced by Java, not recorded by PyTorch");
                    }
                }
                if (!failures.isEmpty()) {
                    fail(c.name + " seed " + seed + ":\n  " + String.join("\n  ", failures));
                }
            } finally {
                m.close();
            }
        }
    }

    static String compare(Case c, String key, Tensor got, Values want) {
        if (!Arrays.equals(got.shape(), want.shape())) {
            return key + ": shape " + Arrays.toString(got.shape()) + " != PyTorch's " + Arrays.toString(want.shape());
        }
        double[] g = got.to(DType.FLOAT64).toDoubleArray();
        double scale = 0;
        for (double v : want.v()) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs((float) v));
            }
        }
        String kind = key.replaceAll("^(init|grad|after|input|out|step)[.0-9]*.*", "$1");
        double tol = kind.equals("init") || kind.equals("input") ? EXACT : c.mode.equals("nograd") ? FAST_PATH : TOLERANCE;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < g.length; i++) {
            double w = (float) want.v()[i]; // the recording's %.9g is the float32 value exactly
            double err;
            if (!Double.isFinite(w) || !Double.isFinite(g[i])) {
                err = Double.compare(w, g[i]) == 0 ? 0 : Double.POSITIVE_INFINITY;
            } else {
                double denom = Math.max(Math.abs(w), scale);
                err = denom == 0 ? Math.abs(g[i]) : Math.abs(g[i] - w) / denom;
            }
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        WORST.merge(c.name + " " + kind, worst, Math::max);
        if (worst > tol) {
            return key + ": relative error " + worst + " > " + tol + " at element " + worstAt + " (java " + g[worstAt] + ", pytorch "
                    + want.v()[worstAt] + ")";
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> everyModulePrintsLikePyTorch() {
        return CASES.values().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            Torch.manualSeed(0);
            try (Module m = JAVA.get(c.name).ctor().get()) {
                assertEquals(c.repr, m.toString());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> stateDictKeysArePyTorchs() {
        return CASES.values().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            try (Scope s = Scope.open(); Module m = JAVA.get(c.name).ctor().get()) {
                assertEquals(c.keys, List.copyOf(m.stateDict().keySet()));
            }
        }));
    }
}
