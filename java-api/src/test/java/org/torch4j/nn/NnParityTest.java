package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * Every nn module against samples/parity/recordings/nn_cases.txt, recorded from real PyTorch 1.13
 * by samples/parity/nn_cases.py (protocol and format described there): for seeds 0, 1 and 42 the
 * initial parameters and buffers, the seeded inputs, the training-mode output, the gradients of
 * {@code (m(x) * w).sum()} for every parameter and float input, the buffers after a second
 * training step and the eval-mode output; and every module's repr.
 *
 * <p>Tolerance: an element passes when {@code |java - pytorch| <= 1e-6 * max(|pytorch|, scale)}
 * where scale is the largest magnitude of that recorded tensor (1e-6 relative, with values that
 * cancel to near zero judged against the tensor's size rather than their own). Cases listed in
 * {@link #WIDER} are allowed more, each with the reason; {@link #report} prints the worst error
 * of every key so the tolerances stay measured.
 */
class NnParityTest {
    static final double TOLERANCE = 1e-6;
    /** Cases that may differ more, and why (measured values in the comments). */
    static final Map<String, Double> WIDER = new LinkedHashMap<>();

    record Values(long[] shape, double[] v) {
    }

    static final class Case {
        final String name;
        final List<String> inputs = new ArrayList<>();
        String repr;
        final Map<Integer, Map<String, Values>> seeds = new TreeMap<>();

        Case(String name) {
            this.name = name;
        }
    }

    static final Map<String, Case> CASES = new LinkedHashMap<>();
    static final Map<String, String> EXTRA_REPRS = new LinkedHashMap<>();
    static List<String> netKeys;
    static final Map<String, String> ERRORS = new LinkedHashMap<>();
    static final Map<String, Double> WORST = new TreeMap<>();
    /** nn.init recordings: "seed name" -> values; and calculate_gain: "nonlinearity param" -> gain. */
    static final Map<String, Values> INIT = new LinkedHashMap<>();
    static final Map<String, Double> GAINS = new LinkedHashMap<>();

    /** The Java counterpart of every case of nn_cases.py's CASES. */
    static final Map<String, Supplier<Module>> CTORS = new LinkedHashMap<>();

    static Tensor t(float... v) {
        return Torch.tensor(v);
    }

    static {
        CTORS.put("Linear", () -> new Linear(5, 3));
        CTORS.put("Linear_nobias", () -> new Linear(5, 3, false));
        CTORS.put("Bilinear", () -> new Bilinear(3, 4, 2));
        CTORS.put("Identity", Identity::new);
        CTORS.put("Flatten", Flatten::new);
        CTORS.put("Unflatten", () -> new Unflatten(1, 2, 3));
        CTORS.put("Conv1d", () -> new Conv1d(3, 4, 3, 2, 1));
        CTORS.put("Conv2d", () -> new Conv2d(3, 4, 3));
        CTORS.put("Conv2d_opts", () -> new Conv2d(4, 6, new long[] {3, 2},
                ConvOptions.DEFAULT.withStride(2, 1).withPadding(1, 0).withDilation(1, 2).withGroups(2).withBias(false)));
        CTORS.put("Conv2d_same", () -> new Conv2d(2, 3, 4, ConvOptions.DEFAULT.withPadding("same").withDilation(2)));
        CTORS.put("Conv2d_valid", () -> new Conv2d(2, 3, 3, ConvOptions.DEFAULT.withPadding("valid")));
        CTORS.put("Conv2d_reflect", () -> new Conv2d(2, 3, 3, ConvOptions.DEFAULT.withPadding(1).withPaddingMode("reflect")));
        CTORS.put("Conv1d_circular", () -> new Conv1d(2, 3, 3, ConvOptions.DEFAULT.withPadding(2).withPaddingMode("circular")));
        CTORS.put("Conv2d_same_replicate", () -> new Conv2d(2, 3, 4, ConvOptions.DEFAULT.withPadding("same").withPaddingMode("replicate")));
        CTORS.put("Conv3d", () -> new Conv3d(2, 3, 2, 1, 1));
        CTORS.put("ConvTranspose1d", () -> new ConvTranspose1d(3, 2, 3, ConvOptions.DEFAULT.withStride(2).withPadding(1).withOutputPadding(1)));
        CTORS.put("ConvTranspose2d", () -> new ConvTranspose2d(4, 6, 3, ConvOptions.DEFAULT.withStride(2).withGroups(2)));
        CTORS.put("MaxPool1d", () -> new MaxPool1d(3, 2, 1));
        CTORS.put("MaxPool2d", () -> new MaxPool2d(2));
        CTORS.put("MaxPool2d_opts", () -> new MaxPool2d(new long[] {3},
                PoolOptions.DEFAULT.withStride(2).withPadding(1).withDilation(1).withCeilMode(true)));
        CTORS.put("AvgPool1d", () -> new AvgPool1d(3, 2));
        CTORS.put("AvgPool2d", () -> new AvgPool2d(2));
        CTORS.put("AdaptiveAvgPool1d", () -> new AdaptiveAvgPool1d(4));
        CTORS.put("AdaptiveAvgPool2d", () -> new AdaptiveAvgPool2d(2, 3));
        CTORS.put("AdaptiveMaxPool2d", () -> new AdaptiveMaxPool2d(3));
        CTORS.put("BatchNorm1d", () -> new BatchNorm1d(4));
        CTORS.put("BatchNorm1d_3d", () -> new BatchNorm1d(3, NormOptions.BATCH_NORM.withMomentum(null)));
        CTORS.put("BatchNorm2d", () -> new BatchNorm2d(3));
        CTORS.put("BatchNorm2d_opts", () -> new BatchNorm2d(3, NormOptions.BATCH_NORM.withEps(1e-3).withMomentum(0.3).withAffine(false)));
        CTORS.put("BatchNorm2d_cumulative", () -> new BatchNorm2d(2, NormOptions.BATCH_NORM.withMomentum(null)));
        CTORS.put("LayerNorm", () -> new LayerNorm(3, 4));
        CTORS.put("GroupNorm", () -> new GroupNorm(2, 4));
        CTORS.put("InstanceNorm2d", () -> new InstanceNorm2d(3));
        CTORS.put("InstanceNorm2d_affine", () -> new InstanceNorm2d(3, NormOptions.INSTANCE_NORM.withAffine(true).withTrackRunningStats(true)));
        CTORS.put("Dropout", () -> new Dropout(0.3));
        CTORS.put("Dropout2d", () -> new Dropout2d(0.5));
        CTORS.put("Embedding", () -> new Embedding(10, 3));
        CTORS.put("Embedding_pad", () -> new Embedding(10, 3, 2L));
        CTORS.put("Embedding_max_norm", () -> new Embedding(10, 3, new Embedding.Options().withMaxNorm(1.0)));
        CTORS.put("Embedding_norm_type", () -> new Embedding(10, 3, new Embedding.Options().withMaxNorm(0.5).withNormType(1.0)));
        CTORS.put("Embedding_scale_grad", () -> new Embedding(10, 3, new Embedding.Options().withScaleGradByFreq(true)));
        CTORS.put("Embedding_all", () -> new Embedding(10, 3, new Embedding.Options().withPaddingIdx(-1L).withMaxNorm(1.5)
                .withNormType(3.0).withScaleGradByFreq(true).withSparse(false)));
        CTORS.put("EmbeddingBag", () -> new EmbeddingBag(10, 3, "mean"));
        CTORS.put("EmbeddingBag_sum", () -> new EmbeddingBag(10, 3, "sum"));
        CTORS.put("EmbeddingBag_max", () -> new EmbeddingBag(10, 3, "max"));
        CTORS.put("ReLU", ReLU::new);
        CTORS.put("LeakyReLU", () -> new LeakyReLU(0.2));
        CTORS.put("GELU", GELU::new);
        CTORS.put("GELU_tanh", () -> new GELU("tanh"));
        CTORS.put("SiLU", SiLU::new);
        CTORS.put("ELU", () -> new ELU(0.5));
        CTORS.put("Tanh", Tanh::new);
        CTORS.put("Sigmoid", Sigmoid::new);
        CTORS.put("Softplus", Softplus::new);
        CTORS.put("Softplus_opts", () -> new Softplus(2.0, 1.0));
        CTORS.put("Softmax", () -> new Softmax(1));
        CTORS.put("LogSoftmax", () -> new LogSoftmax(0));
        CTORS.put("Hardtanh", () -> new Hardtanh(-0.5, 0.5));
        CTORS.put("MSELoss", MSELoss::new);
        CTORS.put("MSELoss_sum", () -> new MSELoss(Reduction.SUM));
        CTORS.put("L1Loss", L1Loss::new);
        CTORS.put("L1Loss_none", () -> new L1Loss(Reduction.NONE));
        CTORS.put("SmoothL1Loss", () -> new SmoothL1Loss(Reduction.MEAN, 0.5));
        CTORS.put("HuberLoss", () -> new HuberLoss(Reduction.SUM, 0.7));
        CTORS.put("CrossEntropyLoss", CrossEntropyLoss::new);
        CTORS.put("CrossEntropyLoss_opts", () -> {
            try (Scope s = Scope.open()) {
                return new CrossEntropyLoss(CrossEntropyLoss.Options.DEFAULT.withWeight(t(0.5f, 1.0f, 2.0f, 1.5f)).withIgnoreIndex(1)
                        .withLabelSmoothing(0.1));
            }
        });
        CTORS.put("CrossEntropyLoss_none", () -> new CrossEntropyLoss(Reduction.NONE));
        CTORS.put("CrossEntropyLoss_probs", () -> new CrossEntropyLoss(CrossEntropyLoss.Options.DEFAULT.withLabelSmoothing(0.2)));
        CTORS.put("NLLLoss", NLLLoss::new);
        CTORS.put("NLLLoss_opts", () -> {
            try (Scope s = Scope.open()) {
                return new NLLLoss(t(0.5f, 1.0f, 2.0f, 1.5f), 3, Reduction.SUM);
            }
        });
        CTORS.put("BCELoss", BCELoss::new);
        CTORS.put("BCELoss_weight", () -> {
            try (Scope s = Scope.open()) {
                return new BCELoss(t(1.0f, 2.0f, 0.5f, 1.5f), Reduction.SUM);
            }
        });
        CTORS.put("BCEWithLogitsLoss", BCEWithLogitsLoss::new);
        CTORS.put("BCEWithLogitsLoss_pos", () -> {
            try (Scope s = Scope.open()) {
                return new BCEWithLogitsLoss(null, Reduction.MEAN, t(1.0f, 2.0f, 3.0f, 0.5f));
            }
        });
        CTORS.put("KLDivLoss", () -> new KLDivLoss(Reduction.SUM, false));
        CTORS.put("KLDivLoss_batchmean", () -> KLDivLoss.batchmean(true));
        CTORS.put("CosineEmbeddingLoss", () -> new CosineEmbeddingLoss(0.2, Reduction.MEAN));
        CTORS.put("MarginRankingLoss", () -> new MarginRankingLoss(0.1, Reduction.MEAN));
        CTORS.put("TripletMarginLoss", () -> new TripletMarginLoss(1.5, 2.0, 1e-6, false, Reduction.MEAN));
        CTORS.put("CTCLoss", CTCLoss::new);
        CTORS.put("PReLU", PReLU::new);
        CTORS.put("PReLU_channels", () -> new PReLU(3, 0.1));
        CTORS.put("ReLU6", ReLU6::new);
        CTORS.put("SELU", SELU::new);
        CTORS.put("CELU", () -> new CELU(0.7));
        CTORS.put("Mish", Mish::new);
        CTORS.put("Hardswish", Hardswish::new);
        CTORS.put("Hardsigmoid", Hardsigmoid::new);
        CTORS.put("Hardshrink", Hardshrink::new);
        CTORS.put("Softshrink", () -> new Softshrink(0.3));
        CTORS.put("Tanhshrink", Tanhshrink::new);
        CTORS.put("Softsign", Softsign::new);
        CTORS.put("LogSigmoid", LogSigmoid::new);
        CTORS.put("Softmin", () -> new Softmin(1));
        CTORS.put("Threshold", () -> new Threshold(0.1, 20.0));
        CTORS.put("GLU", GLU::new);
        CTORS.put("GLU_dim0", () -> new GLU(0));
        CTORS.put("ZeroPad2d", () -> new ZeroPad2d(2));
        CTORS.put("ZeroPad2d_tuple", () -> new ZeroPad2d(1, 0, -1, 2));
        CTORS.put("ConstantPad1d", () -> new ConstantPad1d(2, 3.5));
        CTORS.put("ConstantPad1d_tuple", () -> new ConstantPad1d(new long[] {3, -1}, -0.5));
        CTORS.put("ConstantPad2d", () -> new ConstantPad2d(new long[] {1, 2, 0, 3}, 0.25));
        CTORS.put("ReflectionPad1d", () -> new ReflectionPad1d(2));
        CTORS.put("ReflectionPad1d_tuple", () -> new ReflectionPad1d(3, 1));
        CTORS.put("ReflectionPad2d", () -> new ReflectionPad2d(1, 0, 2, 1));
        CTORS.put("ReplicationPad1d", () -> new ReplicationPad1d(0, 3));
        CTORS.put("ReplicationPad2d", () -> new ReplicationPad2d(2));
        CTORS.put("ReplicationPad2d_tuple", () -> new ReplicationPad2d(2, -1, 0, 1));
        CTORS.put("PixelShuffle", () -> new PixelShuffle(2));
        CTORS.put("PixelUnshuffle", () -> new PixelUnshuffle(2));
        CTORS.put("CosineSimilarity", CosineSimilarity::new);
        CTORS.put("CosineSimilarity_opts", () -> new CosineSimilarity(0, 1e-6));
        CTORS.put("PairwiseDistance", PairwiseDistance::new);
        CTORS.put("PairwiseDistance_opts", () -> new PairwiseDistance(1.0, 1e-5, true));
    }

    @BeforeAll
    static void load() throws IOException {
        Case cur = null;
        try (InputStream in = NnParityTest.class.getResourceAsStream("/parity/nn_cases.txt")) {
            assertNotNull(in, "nn_cases.txt is on the test classpath (java-api/pom.xml copies it from samples/parity/recordings)");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                switch (f[0]) {
                    case "C" -> {
                        cur = new Case(f[1]);
                        CASES.put(f[1], cur);
                    }
                    case "I" -> cur.inputs.add(f[1]);
                    case "R" -> {
                        String repr = Json.string(f[2]);
                        if (CASES.containsKey(f[1])) {
                            CASES.get(f[1]).repr = repr;
                        } else {
                            EXTRA_REPRS.put(f[1], repr);
                        }
                    }
                    case "K" -> netKeys = Json.strings(line.substring(2));
                    case "E" -> ERRORS.put(f[1], Json.string(f[2]));
                    case "N" -> {
                        String[] v = line.split(" ");
                        long[] shape = Arrays.stream(v[3].split(",")).mapToLong(Long::parseLong).toArray();
                        double[] vals = Arrays.stream(v, 4, v.length).mapToDouble(Double::parseDouble).toArray();
                        INIT.put(v[1] + " " + v[2], new Values(shape, vals));
                    }
                    case "G" -> {
                        String[] v = line.split(" ");
                        GAINS.put(v[1] + " " + v[2], Double.parseDouble(v[3]));
                    }
                    case "V" -> {
                        String[] v = line.split(" ");
                        long[] shape = v[3].equals("-") ? new long[0] : Arrays.stream(v[3].split(",")).mapToLong(Long::parseLong).toArray();
                        double[] vals = new double[v.length - 4];
                        for (int i = 4; i < v.length; i++) {
                            vals[i - 4] = Double.parseDouble(v[i]);
                        }
                        cur.seeds.computeIfAbsent(Integer.parseInt(v[1]), k -> new LinkedHashMap<>()).put(v[2], new Values(shape, vals));
                    }
                    default -> fail("unknown record: " + line);
                }
            }
        }
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("nn parity, worst relative error per case/key:\n");
        WORST.forEach((k, v) -> {
            if (v > 0) {
                sb.append(String.format("  %-48s %.3g%n", k, v));
            }
        });
        System.out.println(sb);
    }

    @Test
    void everyRecordedCaseHasAJavaConstructor() {
        assertEquals(List.copyOf(CASES.keySet()), List.copyOf(CTORS.keySet()));
    }

    static Tensor input(String spec) {
        if (spec.equals("logsoftmax")) {
            try (LogSoftmax ls = new LogSoftmax(2)) {
                return ls.forward(Torch.randn(6, 2, 4)).detach().requiresGrad(true);
            }
        }
        String[] p = spec.split(":");
        long[] shape = p[1].equals("-") ? new long[0] : Arrays.stream(p[1].split(",")).mapToLong(Long::parseLong).toArray();
        switch (p[0]) {
            case "randn":
            case "rand": {
                Tensor x = p[0].equals("randn") ? Torch.randn(shape) : Torch.rand(shape);
                return p.length > 2 && p[2].equals("g") ? x.requiresGrad(true) : x;
            }
            case "long":
                return Torch.tensor(Arrays.stream(p[2].split(",")).mapToLong(s -> (long) Double.parseDouble(s)).toArray(), shape);
            case "float": {
                String[] vs = p[2].split(",");
                float[] v = new float[vs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) Double.parseDouble(vs[i]);
                }
                Tensor x = Torch.tensor(v, shape);
                return p.length > 3 && p[3].equals("g") ? x.requiresGrad(true) : x;
            }
            default:
                throw new IllegalArgumentException(spec);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyModuleMatchesPyTorch() {
        return CASES.values().stream().flatMap(c -> c.seeds.keySet().stream()
                .map(seed -> DynamicTest.dynamicTest(c.name + " seed " + seed, () -> runCase(c, seed))));
    }

    static void runCase(Case c, int seed) {
        Map<String, Values> rec = c.seeds.get(seed);
        List<String> failures = new ArrayList<>();
        Map<String, Tensor> got = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            Torch.manualSeed(seed);
            Module m = CTORS.get(c.name).get();
            try {
                m.namedParameters().forEach((k, p) -> got.put("init." + k, p.detach().clone()));
                m.namedBuffers().forEach((k, b) -> got.put("initbuf." + k, b.clone()));
                Tensor[] xs = new Tensor[c.inputs.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = input(c.inputs.get(i));
                    got.put("input" + i, xs[i].detach());
                }
                Tensor out = m.forward(xs);
                got.put("out", out.detach());
                Tensor w = Torch.randn(out.shape());
                out.mul(w).sum().backward();
                m.namedParameters().forEach((k, p) -> {
                    if (p.grad() != null) {
                        got.put("grad." + k, p.grad());
                    }
                });
                for (int i = 0; i < xs.length; i++) {
                    if (xs[i].requiresGrad()) {
                        got.put("grad.input" + i, xs[i].grad());
                    }
                }
                if (rec.containsKey("eval_out")) {
                    Tensor x2 = Torch.randn(xs[0].shape());
                    try (Grad.Guard g = Grad.noGrad()) {
                        m.forward(x2);
                        m.namedBuffers().forEach((k, b) -> got.put("buf." + k, b.clone()));
                        m.eval();
                        got.put("eval_out", m.forward(xs[0]));
                    }
                }
                for (Map.Entry<String, Values> e : rec.entrySet()) {
                    Tensor g = got.get(e.getKey());
                    if (g == null) {
                        failures.add(e.getKey() + ": recorded by PyTorch, missing in Java");
                        continue;
                    }
                    String err = compare(c.name, e.getKey(), g, e.getValue());
                    if (err != null) {
                        failures.add(err);
                    }
                }
                for (String k : got.keySet()) {
                    if (!rec.containsKey(k)) {
                        failures.add(k + ": produced by Java, not recorded by PyTorch");
                    }
                }
            } finally {
                m.close();
            }
        }
        if (!failures.isEmpty()) {
            fail(c.name + " seed " + seed + ":\n  " + String.join("\n  ", failures));
        }
    }

    static String compare(String name, String key, Tensor got, Values want) {
        if (!Arrays.equals(got.shape(), want.shape())) {
            return key + ": shape " + Arrays.toString(got.shape()) + " != PyTorch's " + Arrays.toString(want.shape());
        }
        double[] g = got.dtype() == DType.INT64 ? Arrays.stream(got.toLongArray()).asDoubleStream().toArray() : got.to(DType.FLOAT64).toDoubleArray();
        double scale = 0;
        for (double v : want.v()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tol = WIDER.getOrDefault(name, TOLERANCE);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < g.length; i++) {
            double denom = Math.max(Math.abs(want.v()[i]), scale);
            double err = denom == 0 ? Math.abs(g[i]) : Math.abs(g[i] - want.v()[i]) / denom;
            if (Double.isNaN(err) && !(Double.isNaN(g[i]) && Double.isNaN(want.v()[i]))) {
                err = Double.POSITIVE_INFINITY;
            }
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        String tag = name + " " + key.replaceAll("^(init|grad|buf|initbuf)\\..*", "$1");
        WORST.merge(tag, worst, Math::max);
        if (worst > tol) {
            return key + ": relative error " + worst + " > " + tol + " at element " + worstAt + " (java " + g[worstAt] + ", pytorch "
                    + want.v()[worstAt] + ")";
        }
        return null;
    }

    @TestFactory
    Stream<DynamicTest> everyModulePrintsLikePyTorch() {
        return CASES.values().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
            try (Module m = CTORS.get(c.name).get()) {
                assertEquals(c.repr, m.toString());
            }
        }));
    }

    /** Minimal JSON string/list decoding for the R, K and E records (json.dumps output). */
    static final class Json {
        static String string(String s) {
            s = s.trim();
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < s.length() - 1; i++) {
                char ch = s.charAt(i);
                if (ch == '\\') {
                    char n = s.charAt(++i);
                    switch (n) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> sb.append(n);
                    }
                } else {
                    sb.append(ch);
                }
            }
            return sb.toString();
        }

        static List<String> strings(String s) {
            List<String> out = new ArrayList<>();
            for (String part : s.trim().replaceAll("^\\[|\\]$", "").split(", ")) {
                out.add(string(part));
            }
            return out;
        }
    }
}
