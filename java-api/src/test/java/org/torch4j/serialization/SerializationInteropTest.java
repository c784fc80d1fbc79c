package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.Tuple;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;

/**
 * torch.save/torch.load against real PyTorch 1.13: files Python wrote (interop.py write) load in
 * Java to the values of the same formulas and to models that compute Python's outputs; files Java
 * writes load in Python (interop.py check) to equal values, shared storages and working models.
 */
class SerializationInteropTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pythonWrites() throws Exception {
        Interop.python("write", dir);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name) {
        return (Map<String, Object>) Torch.load(dir.resolve(name));
    }

    private static long[] strides(Tensor t) {
        return t.unwrap().strides().vec().get();
    }

    @Test
    void everyDtypeFromPython() {
        try (Scope s = Scope.open()) {
            Map<String, Object> t = load("py_tensors.pt");
            assertInstanceOf(LinkedHashMap.class, t);
            for (String n : Interop.DTYPES) {
                Tensor got = (Tensor) t.get(n);
                Tensor want = Interop.formula(n, 6);
                assertEquals(want.dtype(), got.dtype(), n);
                assertTrue(got.equal(want), n + ": " + got + " vs " + want);
            }
            Tensor mt = (Tensor) t.get("matrix_t");
            assertArrayEquals(new long[] {4, 3}, mt.shape());
            assertArrayEquals(new long[] {1, 4}, strides(mt), "a transposed tensor keeps its strides");
            assertTrue(mt.equal(Torch.arange(12).to(DType.FLOAT32).reshape(3, 4).t()));
            assertEquals(3.5, ((Tensor) t.get("scalar")).item());
            assertArrayEquals(new long[] {0, 3}, ((Tensor) t.get("empty")).shape());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bytesAndStreamsOfPythonFiles() throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(dir.resolve("py_tensors.pt"));
        try (Scope s = Scope.open()) {
            Map<String, Object> fromBytes = (Map<String, Object>) Torch.load(file);
            Map<String, Object> fromStream = (Map<String, Object>) Torch.load(new java.io.ByteArrayInputStream(file));
            for (String n : Interop.DTYPES) {
                assertTrue(((Tensor) fromBytes.get(n)).equal(Interop.formula(n, 6)), n);
                assertTrue(((Tensor) fromStream.get(n)).equal(Interop.formula(n, 6)), n);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void viewsFromPythonShareTheirStorage() {
        try (Scope s = Scope.open()) {
            Map<String, Object> v = load("py_views.pt");
            Tensor base = (Tensor) v.get("base");
            Tensor tail = (Tensor) v.get("tail");
            Tensor strided = (Tensor) v.get("strided");
            Tensor grid = (Tensor) v.get("grid");
            assertEquals(3, tail.unwrap().storage_offset());
            assertArrayEquals(new long[] {3}, strides(strided));
            assertArrayEquals(new long[] {5, 1}, strides(grid));
            base.select(0, 4).fill_(100.0);
            assertEquals(100.0, tail.select(0, 1).item(), "a write through base is seen by the view");
            assertEquals(100.0, strided.select(0, 1).item());
            base.select(0, 6).fill_(200.0);
            assertEquals(200.0, grid.select(0, 1).select(0, 0).item());
            List<Object> list = (List<Object>) v.get("list");
            assertInstanceOf(ArrayList.class, list);
            assertTrue(((Tensor) list.get(0)).equal(Torch.tensor(new float[] {2, 3})));
            assertEquals(7L, list.get(1));
            assertEquals("x", list.get(2));
            assertNull(list.get(3));
            assertEquals(true, list.get(4));
            assertEquals(2.5, list.get(5));
            assertEquals(Tuple.of(1L, 2L), list.get(6));
            assertInstanceOf(Tuple.class, list.get(6));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pythonStateDictsLoadIntoJavaModels() {
        try (Scope s = Scope.open(); Sequential m = Interop.mlp(); Sequential c = Interop.cnn()) {
            Map<String, Object> f = load("py_mlp.pt");
            assertEquals(new ArrayList<>(m.stateDict().keySet()), new ArrayList<>(((Map<String, Tensor>) f.get("state")).keySet()),
                    "the OrderedDict's order");
            m.loadStateDict((Map<String, Tensor>) f.get("state"));
            Tensor y = m.forward((Tensor) f.get("x"));
            assertTrue(y.allclose((Tensor) f.get("y"), 0, 1e-6), y + " vs " + f.get("y"));

            Map<String, Object> g = load("py_cnn.pt");
            c.loadStateDict((Map<String, Tensor>) g.get("state"));
            c.eval();
            assertEquals(2L, ((Tensor) c.stateDict().get("1.num_batches_tracked")).itemLong());
            Tensor yc = c.forward((Tensor) g.get("x"));
            assertTrue(yc.allclose((Tensor) g.get("y"), 0, 1e-5), yc + " vs " + g.get("y"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pythonAdamCheckpointResumesInJava() {
        try (Scope s = Scope.open(); Sequential m = Interop.mlp()) {
            Map<String, Object> ck = load("py_checkpoint.pt");
            assertEquals(3L, ck.get("epoch"));
            m.loadStateDict((Map<String, Tensor>) ck.get("model"));
            try (Adam opt = new Adam(m.parameters(), 0.01)) {
                opt.loadStateDict((Map<String, Object>) ck.get("optimizer"));
                Interop.adamSteps(m, opt, 2);
            }
            Map<String, Object> want = load("py_checkpoint_after2.pt");
            for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
                assertTrue(e.getValue().allclose((Tensor) want.get(e.getKey()), 0, 1e-5), e.getKey());
            }
        }
    }

    @Test
    void javaFilesLoadInPython() throws Exception {
        try (Scope s = Scope.open()) {
            Map<String, Object> t = new LinkedHashMap<>();
            for (String n : Interop.DTYPES) {
                t.put(n, Interop.formula(n, 6));
            }
            t.put("matrix_t", Torch.arange(12).to(DType.FLOAT32).reshape(3, 4).t());
            t.put("scalar", Torch.scalar(3.5, DType.FLOAT64));
            Torch.save(t, dir.resolve("java_tensors.pt"));

            Tensor base = Torch.arange(10).to(DType.FLOAT32);
            Map<String, Object> v = new java.util.HashMap<>(); // a plain dict
            v.put("base", base);
            v.put("tail", base.slice(0, 3, 10, 1));
            v.put("strided", base.slice(0, 1, 10, 3));
            v.put("tuple", Torch.tuple(1, "two", null, 2.5, true));
            v.put("list", List.of(1, 2, 3));
            Map<String, Object> nested = new java.util.HashMap<>();
            List<Object> inner = new ArrayList<>();
            inner.add(1);
            Map<String, Object> b = new java.util.HashMap<>();
            b.put("b", null);
            inner.add(b);
            nested.put("a", inner);
            v.put("nested", nested);
            v.put("big", 1L << 40);
            v.put("neg", -5);
            Torch.save(v, dir.resolve("java_views.pt"));

            try (Sequential m = Interop.mlp()) {
                Tensor x = Torch.randn(2, 4);
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("state", m.stateDict());
                f.put("x", x);
                f.put("y", m.forward(x).detach());
                Torch.save(f, dir.resolve("java_mlp.pt"));
            }
            try (Sequential c = Interop.cnn()) {
                Tensor x = Torch.randn(3, 1, 5, 5);
                c.train();
                c.forward(x);
                c.forward(x.mul(2.0));
                c.eval();
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("state", c.stateDict());
                f.put("x", x);
                f.put("y", c.forward(x).detach());
                Torch.save(f, dir.resolve("java_cnn.pt"));
            }
            try (Sequential m = Interop.mlp(); Adam opt = new Adam(m.parameters(), 0.01)) {
                Interop.adamSteps(m, opt, 3);
                Map<String, Object> ck = new LinkedHashMap<>();
                ck.put("epoch", 3);
                ck.put("model", m.stateDict());
                ck.put("optimizer", opt.stateDict());
                Torch.save(ck, dir.resolve("java_checkpoint.pt"));
                Interop.adamSteps(m, opt, 2);
                Torch.save(m.stateDict(), dir.resolve("java_checkpoint_after2.pt"));
            }
        }
        String out = Interop.python("check", dir);
        assertTrue(out.contains("OK views share storage"), out);
        assertTrue(out.contains("OK weights_only load"), out);
        assertTrue(out.contains("OK java cnn forward"), out);
        assertTrue(out.contains("OK resumed in Python: 2.bias"), out);
    }
}
