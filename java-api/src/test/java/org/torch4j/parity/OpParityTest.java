package org.torch4j.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Table-driven op parity with real PyTorch 1.13: for every op of the spec
 * ({@code codegen/spec/ops.json}), every case that {@code java-api/src/test/parity/record_parity.py}
 * recorded ({@code parity/op-cases.json.gz}) runs the Java method found by reflection (namespace
 * class, Java name, full-positional parameter types) and compares outputs, gradients of
 * {@code sum_i (out_i * w_i).sum()} and, for error cases, that Java throws a documented exception.
 * One dynamic test per case, grouped per op; a final test prints the summary and checks that every
 * tensor was freed. Wider tolerances and random ops come from {@code parity/tolerances.tsv}.
 */
class OpParityTest {
    private static final String RECORDING = "/parity/op-cases.json.gz";

    /** Per op key: case id → null (pass) or the failure. */
    private final Map<String, Map<String, String>> results = new TreeMap<>();
    private final Map<String, String> skipped = new TreeMap<>();
    /** "key [case]" of failures listed in parity/known-failures.tsv: reported and skipped, not failed. */
    private final java.util.Set<String> known = new java.util.TreeSet<>();
    private final List<String> knownHit = new ArrayList<>();
    private final java.util.Set<String> differsHit = new java.util.HashSet<>();
    /** The recorder's torch.manual_seed before each call of a random op. */
    private static long seed = 1234;
    /** "key [case]" of random-op cases → whether Java's values equal PyTorch's under the same seed. */
    private static final Map<String, Boolean> SEEDED = new TreeMap<>();
    /** parity/seeded-random.tsv: random-op cases whose seeded values must equal PyTorch's. */
    private static final java.util.Set<String> SEEDED_LIST = new java.util.TreeSet<>();
    /** Every op key of the spec. */
    private final List<String> allKeys = new ArrayList<>();
    /** Op key → PyTorch name. */
    private final Map<String, String> torchOf = new HashMap<>();

    @TestFactory
    Stream<DynamicNode> opParity() throws Exception {
        String specText = Files.readString(specPath());
        Object parsed = Json.parse(specText);
        List<Object> ops = asList(parsed instanceof Map<?, ?> m ? m.get("ops") : parsed);
        Map<String, Object> rec = asMap(Json.parse(gunzip(RECORDING)));
        Map<String, Object> recOps = asMap(rec.get("ops"));
        Map<String, Object> uncovered = asMap(rec.get("uncovered"));
        ParityTable table = ParityTable.load("/parity/tolerances.tsv");
        try (InputStream in = OpParityTest.class.getResourceAsStream("/parity/known-failures.tsv")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        known.add(line.split("\t")[0]);
                    }
                }
            }
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(specText.getBytes(StandardCharsets.UTF_8)));
        boolean stale = !sha.equals(rec.get("spec_sha256"));
        long baseline = Torch.liveTensorCount();
        seed = rec.get("seed") instanceof Number n ? n.longValue() : 1234;
        try (InputStream in = OpParityTest.class.getResourceAsStream("/parity/seeded-random.tsv")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        SEEDED_LIST.add(line.split("\t")[0]);
                    }
                }
            }
        }

        List<DynamicNode> nodes = new ArrayList<>();
        for (Object o : ops) {
            Map<String, Object> op = asMap(o);
            String key = key(op);
            allKeys.add(key);
            torchOf.put(key, (String) op.get("torch"));
            Map<String, Object> r = asMap(recOps.get(key));
            if (r == null || r.get("cases") == null) {
                String why = uncovered.containsKey(key) ? "recorder found no case: " + uncovered.get(key)
                        : "no recorded case (re-record: ci/record-parity.sh --ops)";
                skipped.put(key, why);
                nodes.add(DynamicTest.dynamicTest(key + " [no case]", () -> Assumptions.abort(why)));
                continue;
            }
            if (!String.valueOf(r.get("schema")).equals(String.valueOf(op.get("schema")))) {
                String why = "recording is for schema " + r.get("schema") + " (re-record: ci/record-parity.sh --ops)";
                results.computeIfAbsent(key, k -> new LinkedHashMap<>()).put("stale", why);
                nodes.add(DynamicTest.dynamicTest(key + " [stale]", () -> fail(why)));
                continue;
            }
            List<DynamicNode> cases = new ArrayList<>();
            for (Object c : asList(r.get("cases"))) {
                Map<String, Object> cs = asMap(c);
                String id = String.valueOf(cs.get("id"));
                cases.add(DynamicTest.dynamicTest(id, () -> runCase(op, key, id, cs, table)));
            }
            nodes.add(DynamicContainer.dynamicContainer(key, cases));
        }
        nodes.add(DynamicTest.dynamicTest("summary and live tensors", () -> summary(ops.size(), stale, baseline)));
        return nodes.stream();
    }

    private void runCase(Map<String, Object> op, String key, String id, Map<String, Object> cs, ParityTable table) {
        String problem;
        try (Scope scope = Scope.open()) {
            Compare.ATOL.set(table.atol((String) op.get("torch")));
            problem = check(op, cs, table);
        } catch (Throwable t) {
            problem = "threw " + t;
        }
        results.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(id, problem);
        if (problem != null) {
            String name = key + " [" + id + "]";
            ParityTable.Row row = table.get((String) op.get("torch"));
            if (row != null && row.kind().equals("differs")) {
                knownHit.add(name);
                differsHit.add(name);
                Assumptions.abort("behaviour differs between LibTorch 2.10 and PyTorch 1.13 (parity/tolerances.tsv: "
                        + row.reason() + "): " + problem);
            }
            if (known.contains(name)) {
                knownHit.add(name);
                Assumptions.abort("known failure (parity/known-failures.tsv): " + problem);
            }
            fail(name + ": " + problem);
        }
    }

    /** Runs one case; null when it matches PyTorch, else what differs. */
    private static String check(Map<String, Object> op, Map<String, Object> cs, ParityTable table) throws Exception {
        String ns = (String) op.get("ns");
        String torchName = (String) op.get("torch");
        Class<?> cls = JavaCall.namespace(ns);
        if (cls == null) {
            return "no Java class for namespace " + ns;
        }
        List<Map<String, Object>> params = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Object p : asList(op.get("params"))) {
            params.add(asMap(p));
            types.add((String) asMap(p).get("java"));
        }
        boolean instance = ns.equals("Tensor");
        Method m = JavaCall.find(cls, (String) op.get("java"), types, instance);
        if (m == null) {
            return "no method " + cls.getSimpleName() + "." + op.get("java") + "(" + String.join(", ", types) + ")";
        }
        Map<String, Object> args = asMap(cs.get("args"));
        List<String> rg = cs.get("rg") == null ? List.of() : asList(cs.get("rg")).stream().map(String::valueOf).toList();
        boolean wantGrads = cs.get("grads") != null;

        // Build every tensor argument (leaf base + view); leaves named in rg require grad.
        Map<String, Recorded.Built> built = new HashMap<>();
        for (Map.Entry<String, Object> a : args.entrySet()) {
            if (a.getValue() instanceof Map<?, ?> mv && mv.containsKey("T")) {
                built.put(a.getKey(), Recorded.tensor(asMap(mv.get("T")), wantGrads && rg.contains(a.getKey())));
            } else if (a.getValue() instanceof Map<?, ?> mv && mv.containsKey("TL")) {
                List<Object> l = asList(mv.get("TL"));
                for (int k = 0; k < l.size(); k++) {
                    String name = a.getKey() + "." + k;
                    built.put(name, Recorded.tensor(asMap(l.get(k)), wantGrads && rg.contains(name)));
                }
            }
        }
        JavaCall.TensorSource src = name -> built.get(name).view();
        Object[] jargs = new Object[params.size()];
        for (int k = 0; k < jargs.length; k++) {
            String name = (String) params.get(k).get("name");
            if (!args.containsKey(name)) {
                return "recording lacks argument " + name + " (re-record)";
            }
            try {
                jargs[k] = JavaCall.convert(args.get(name), m.getParameterTypes()[k], m.getGenericParameterTypes()[k], src, name);
            } catch (UnsupportedOperationException e) {
                if (cs.containsKey("error")) {
                    return null; // PyTorch rejects a value Java's parameter type cannot even express (e.g. reduction="abc")
                }
                throw e;
            }
        }
        Object self = instance ? src.get("self") : null;

        Object result;
        boolean randomOp = table.isRandom(torchName);
        if (randomOp) {
            Torch.manualSeed(seed); // the recorder ran torch.manual_seed(seed) before the call
        }
        try {
            result = m.invoke(self, jargs);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (cs.containsKey("error")) {
                return documented(t) ? null : "PyTorch raises (" + cs.get("error") + "); Java threw undocumented " + t;
            }
            return "threw " + t + (cs.containsKey("error") ? "" : "; PyTorch returns a result");
        }
        if (cs.containsKey("error")) {
            return "PyTorch raises " + cs.get("error") + " but Java returned " + describe(result);
        }
        boolean random = table.isRandom(torchName);
        double rtol = table.rtol(torchName);
        List<Tensor> outs = new ArrayList<>();
        String diff = compareOut("output", result, cs.get("out"), rtol, outs);
        if (diff != null) {
            return diff;
        }
        if (random) {
            for (Tensor t : outs) {
                if (Special.layoutName(t) != null || Special.quantized(Special.dtypeName(t))) {
                    continue; // empty_quantized: no range to check on uninitialised quantized values
                }
                String r = table.checkRange(torchName, t.toDoubleArray());
                if (r != null) {
                    return "random output: " + r;
                }
            }
            if (result instanceof Tensor t && !torchName.endsWith("_") && !torchName.contains("empty")) {
                // Determinism: the same seed gives the same values (not for in-place ops, which
                // change their input, nor for empty*, whose values are uninitialised memory).
                Tensor first = t.clone();
                Torch.manualSeed(seed);
                Object again = m.invoke(self, jargs);
                if (!(again instanceof Tensor a) || !a.equal(first)) {
                    return "random output: not reproducible under Torch.manualSeed(" + seed + ")";
                }
            }
            if (cs.containsKey("seeded")) {
                String key = key(op) + " [" + cs.get("id") + "]";
                if (!(result instanceof Tensor) && outs.size() != 1) {
                    return null;
                }
                String d = Compare.tensor("seeded output", outs.get(0), asMap(asMap(cs.get("seeded")).get("T")), rtol);
                SEEDED.put(key, d == null);
                if (d != null && SEEDED_LIST.contains(key)) {
                    return "values under manual_seed(" + seed + ") differ from PyTorch 1.13's (listed in seeded-random.tsv): " + d;
                }
            }
            return null;
        }
        if (torchName.endsWith("_") && instance && outs.size() == 1) {
            // In-place: self itself must now hold the result.
            String d = Compare.tensor("self after in-place", (Tensor) self, Recorded.outTensors(cs.get("out")).get(0), rtol);
            if (d != null) {
                return d;
            }
        }
        if (!wantGrads) {
            return null;
        }
        List<Object> ws = asList(cs.get("w"));
        if (ws.size() != outs.size()) {
            return "gradient: " + outs.size() + " output tensors, recording has " + ws.size();
        }
        Tensor loss = null;
        for (int k = 0; k < ws.size(); k++) {
            if (ws.get(k) == null) {
                continue;
            }
            if (!outs.get(k).requiresGrad()) {
                return "gradient: output " + k + " does not require grad (PyTorch's does)";
            }
            Tensor term = outs.get(k).mul(Recorded.tensor(asMap(ws.get(k))).view()).sum();
            loss = loss == null ? term : loss.add(term);
        }
        if (loss == null) {
            return null;
        }
        loss.backward();
        Map<String, Object> grads = asMap(cs.get("grads"));
        for (Map.Entry<String, Object> g : grads.entrySet()) {
            Recorded.Built b = built.get(g.getKey());
            Tensor got = b.base().grad();
            if (got != null && b.perm() != null) {
                got = got.permute(b.perm());
            }
            if (g.getValue() == null) {
                if (got != null && got.abs().sum().itemDouble() != 0) {
                    return "gradient of " + g.getKey() + ": PyTorch has none, Java's is nonzero";
                }
                continue;
            }
            String d = Compare.tensor("gradient of " + g.getKey(), got, asMap(g.getValue()), rtol);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Exceptions the API documents for bad input (never a crash, never an unchecked surprise). */
    private static boolean documented(Throwable t) {
        return t instanceof TorchException || t instanceof IllegalArgumentException
                || t instanceof IndexOutOfBoundsException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof ArithmeticException;
    }

    /** Compares a Java result with the recorded output; collects the result's tensors in order into {@code outs}. */
    private static String compareOut(String what, Object got, Object exp, double rtol, List<Tensor> outs) throws Exception {
        if (exp == null) {
            return got == null ? null : what + ": expected nothing, got " + describe(got);
        }
        Map<String, Object> e = asMap(exp);
        if (e.containsKey("T")) {
            if (!(got instanceof Tensor t)) {
                return what + ": expected a tensor, got " + describe(got);
            }
            outs.add(t);
            return Compare.tensor(what, t, asMap(e.get("T")), rtol);
        }
        if (e.containsKey("tuple") || e.containsKey("list")) {
            List<Object> exps = asList(e.containsKey("tuple") ? e.get("tuple") : e.get("list"));
            List<Object> parts = parts(got);
            if (parts == null) {
                return what + ": expected " + exps.size() + " results, got " + describe(got);
            }
            if (parts.size() != exps.size()) {
                return what + ": " + parts.size() + " results, expected " + exps.size();
            }
            for (int k = 0; k < exps.size(); k++) {
                String d = compareOut(what + "[" + k + "]", parts.get(k), exps.get(k), rtol, outs);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        Object v = e.values().iterator().next();
        if (e.containsKey("dtype")) {
            return String.valueOf(got).equals(v) ? null : what + ": " + describe(got) + ", expected dtype " + v;
        }
        if (got instanceof Tensor t && t.numel() == 1) {
            got = e.containsKey("bool") ? (Object) (t.itemDouble() != 0) : (Object) t.itemDouble();
        }
        if (e.containsKey("bool")) {
            return v.equals(got) ? null : what + ": " + got + ", expected " + v;
        }
        if (e.containsKey("int") && got instanceof org.torch4j.DType d) {
            // ATen returns a ScalarType as its enum value (torch.ops.aten.result_type gives 6 for float32).
            return d.scalarType().value == ((Number) v).intValue() ? null : what + ": " + d + ", expected ScalarType " + v;
        }
        if (!(got instanceof Number n)) {
            return what + ": expected a number, got " + describe(got);
        }
        if (e.containsKey("int")) {
            return n.longValue() == ((Number) v).longValue() ? null : what + ": " + got + ", expected " + v;
        }
        double ev = JavaCall.number(v);
        return Compare.floats(what, new double[] {n.doubleValue()}, new double[] {ev}, rtol >= 0 ? rtol : 1e-6);
    }

    private static List<Object> parts(Object got) throws Exception {
        if (got instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (got instanceof Object[] a) {
            return List.of(a);
        }
        if (got != null && got.getClass().isRecord()) {
            List<Object> l = new ArrayList<>();
            for (RecordComponent rc : got.getClass().getRecordComponents()) {
                l.add(rc.getAccessor().invoke(got));
            }
            return l;
        }
        return null;
    }

    private static String describe(Object o) {
        return o instanceof Tensor t ? "tensor " + t.dtype() + java.util.Arrays.toString(t.shape())
                : o == null ? "null" : o.getClass().getSimpleName() + " " + o;
    }

    private void summary(int total, boolean stale, long baseline) {
        int passing = 0;
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int failedCases = 0;
        for (Map.Entry<String, Map<String, String>> r : results.entrySet()) {
            boolean allOk = true;
            boolean anyValue = false;
            for (Map.Entry<String, String> c : r.getValue().entrySet()) {
                cases++;
                if (c.getValue() != null) {
                    allOk = false;
                    failedCases++;
                    failures.add(r.getKey() + " [" + c.getKey() + "]: " + c.getValue());
                } else if (!c.getKey().startsWith("error:")) {
                    anyValue = true;
                }
            }
            if (allOk && anyValue) {
                passing++;
            }
        }
        List<String> nowPassing = new ArrayList<>();
        for (String k : known) {
            int at = k.lastIndexOf(" [");
            Map<String, String> r = at < 0 ? null : results.get(k.substring(0, at));
            String id = at < 0 ? "" : k.substring(at + 2, k.length() - 1);
            if (r != null && r.containsKey(id) && r.get(id) == null) {
                nowPassing.add(k);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("op parity: %d of %d ops covered by passing cases (%d cases, %d failed); "
                + "%d ops with a failing case; %d ops without a recorded case%n",
                passing, total, cases, failedCases, results.size() - passing, skipped.size()));
        if (stale) {
            b.append("  note: the spec changed since the recording (spec_sha256 differs); ops whose schema changed are marked stale\n");
        }
        b.append(String.format("  %d of the failing cases are listed in parity/known-failures.tsv or as \"differs\" in parity/tolerances.tsv (skipped, not failed)%n", knownHit.size()));
        failures.forEach(f -> b.append(knownHit.contains(f.substring(0, f.indexOf("]: ") + 1)) ? "  KNOWN " : "  FAIL ")
                .append(f).append('\n'));
        nowPassing.forEach(k -> b.append("  NOW PASSES (remove from known-failures.tsv) ").append(k).append('\n'));
        skipped.forEach((k, v) -> b.append("  NO CASE ").append(k).append(": ").append(v).append('\n'));

        // Methods without a passing value case: each must be listed, with its reason, in no-case.tsv.
        Map<String, String> listed = NoCaseList.load();
        // Ops PyTorch 1.13 runs on no CPU tensor (cuDNN, MIOpen, ...): their parity case is the error
        // PyTorch raises, which Java must raise too (parity/error-only.tsv).
        Map<String, String> errorOnly = NoCaseList.load("/parity/error-only.tsv");
        java.util.Set<String> without = new java.util.TreeSet<>(skipped.keySet());
        int errorOnlyPassing = 0;
        for (Map.Entry<String, Map<String, String>> r : results.entrySet()) {
            boolean passes = r.getValue().entrySet().stream()
                    .anyMatch(c -> c.getValue() == null && !c.getKey().startsWith("error:"));
            if (!passes && errorOnly.containsKey(torchOf.get(r.getKey()))
                    && r.getValue().values().stream().allMatch(v -> v == null)
                    && r.getValue().keySet().stream().anyMatch(id -> id.startsWith("error:"))) {
                passes = true;
                errorOnlyPassing++;
            }
            if (!passes) {
                without.add(r.getKey());
            }
        }
        List<String> unlisted = without.stream().filter(k -> !listed.containsKey(k)).toList();
        List<String> listedButPassing = listed.keySet().stream().filter(k -> !without.contains(k)).sorted().toList();
        Map<String, int[]> perNs = new TreeMap<>();
        for (String k : allKeys) {
            perNs.computeIfAbsent(k.substring(0, k.indexOf('.')), n -> new int[2])[0]++;
        }
        for (String k : listed.keySet()) {
            perNs.computeIfAbsent(k.substring(0, k.indexOf('.')), n -> new int[2])[1]++;
        }
        b.append(String.format("  %d of %d generated methods have a passing case (a value case, or for error-only ops an error case); %d have none "
                + "(%d listed with a reason in parity/no-case.tsv, %d unlisted)%n",
                total - without.size(), total, without.size(), without.size() - unlisted.size(), unlisted.size()));
        b.append(String.format("  of those with a passing case, %d have only error cases: ops listed in parity/error-only.tsv "
                + "(PyTorch 1.13 raises for every CPU input; Java must throw too)%n", errorOnlyPassing));
        perNs.forEach((ns, c) -> b.append(String.format("    %-10s %4d methods, %3d in no-case.tsv (%.1f%%)%n",
                ns, c[0], c[1], 100.0 * c[1] / Math.max(1, c[0]))));
        long seededSame = SEEDED.values().stream().filter(v -> v).count();
        b.append(String.format("  random ops: %d of %d cases give PyTorch 1.13's values under manual_seed(%d) "
                + "(%d listed in seeded-random.tsv and checked); the rest are checked by properties%n",
                seededSame, SEEDED.size(), seed, SEEDED_LIST.size()));
        SEEDED.forEach((k, v) -> {
            if (v && !SEEDED_LIST.contains(k)) {
                b.append("  SEEDED MATCH (add to seeded-random.tsv) ").append(k).append('\n');
            }
        });
        String writeSeeded = System.getProperty("torch4j.parity.writeSeeded");
        if (writeSeeded != null) {
            StringBuilder k = new StringBuilder("# Random-op parity cases whose values under Torch.manualSeed equal PyTorch 1.13's under torch.manual_seed\n"
                    + "# (LibTorch 2.10 and 1.13 draw the same stream here); OpParityTest fails if one stops matching.\n"
                    + "# Regenerate: mvn -pl java-api verify -Dtest=OpParityTest -Dtorch4j.parity.writeSeeded=$PWD/java-api/src/test/resources/parity/seeded-random.tsv\n");
            SEEDED.forEach((key, v) -> {
                if (v) {
                    k.append(key).append('\n');
                }
            });
            try {
                Files.writeString(Path.of(writeSeeded), k);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        unlisted.forEach(k -> b.append("  NO PASSING CASE (record one, or list it with its reason in no-case.tsv) ").append(k).append('\n'));
        listedButPassing.forEach(k -> b.append("  NOW HAS A PASSING CASE (remove from no-case.tsv) ").append(k).append('\n'));
        System.out.print(b);
        String write = System.getProperty("torch4j.parity.writeKnownFailures");
        if (write != null) {
            StringBuilder k = new StringBuilder("# Op parity cases that fail today (OpParityTest skips them and lists them as KNOWN).\n"
                    + "# Regenerate: mvn -pl java-api verify -Dtest=OpParityTest -Dtorch4j.parity.writeKnownFailures=$PWD/java-api/src/test/resources/parity/known-failures.tsv\n"
                    + "# op [case]<TAB>failure\n");
            failures.stream().filter(f -> !differsHit.contains(f.substring(0, f.indexOf("]: ") + 1))).forEach(f -> k.append(f, 0, f.indexOf("]: ") + 1).append('\t').append(f.substring(f.indexOf("]: ") + 3).replace('\t', ' ').replace('\n', ' ')).append('\n'));
            try {
                Files.writeString(Path.of(write), k);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertEquals(baseline, Torch.liveTensorCount(), "live tensors after all parity cases (each ran in a Scope)");
        assertEquals(List.of(), unlisted, "generated methods without a passing parity case that no-case.tsv does not list");
        perNs.forEach((ns, c) -> org.junit.jupiter.api.Assertions.assertTrue(c[1] * 10 <= c[0],
                "no-case.tsv lists " + c[1] + " of " + c[0] + " " + ns + " methods: more than 10%"));
    }

    // ------------------------------------------------------------------ inputs

    /** codegen/spec/ops.json of the repository root above the working directory (Maven runs in java-api/). */
    private static Path specPath() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path spec = p.resolve("codegen/spec/ops.json");
            if (Files.exists(spec)) {
                return spec;
            }
        }
        throw new IOException("codegen/spec/ops.json not found above " + Path.of("").toAbsolutePath());
    }

    private static String gunzip(String name) throws IOException {
        try (InputStream in = OpParityTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name + " (record it: ci/record-parity.sh --ops)");
            }
            return new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The Java signature identifying an op in the recording (record_parity.op_key). */
    static String key(Map<String, Object> op) {
        List<String> ts = new ArrayList<>();
        for (Object p : asList(op.get("params"))) {
            ts.add((String) asMap(p).get("java"));
        }
        return op.get("ns") + "." + op.get("java") + "(" + String.join(",", ts) + ")";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return (List<Object>) o;
    }
}
