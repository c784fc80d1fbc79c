package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.ForkedJvm;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;

/**
 * 1,000 randomly damaged variants of valid files (Python's state dict, CNN and Adam checkpoint,
 * Java's tensors of every dtype with views) loaded in a forked, fixed-heap JVM: no crash, only
 * TorchException, nothing leaked.
 */
class LoadFuzzTest {
    @Test
    void thousandCorruptedFilesGiveOnlyTorchExceptions(@TempDir Path dir) throws Exception {
        Interop.python("write", dir);
        Path java = dir.resolve("java_all.pt");
        try (Scope s = Scope.open(); Sequential m = Interop.mlp(); Adam opt = new Adam(m.parameters(), 0.01)) {
            Interop.adamSteps(m, opt, 1);
            Map<String, Object> all = new LinkedHashMap<>();
            for (String n : Interop.DTYPES) {
                all.put(n, Interop.formula(n, 6));
            }
            Tensor base = Torch.arange(10).to(DType.FLOAT32);
            all.put("views", List.of(base, base.slice(0, 2, 10, 2), Torch.tuple(1, "x", null)));
            all.put("model", m.stateDict());
            all.put("optimizer", opt.stateDict());
            Torch.save(all, java);
        }
        ForkedJvm.Result r = ForkedJvm.run(LoadFuzzMain.class, ForkedJvm.FIXED_HEAP_128M, "1000", "20261203",
                java.toString(), dir.resolve("py_cnn.pt").toString(), dir.resolve("py_checkpoint.pt").toString(),
                dir.resolve("py_views.pt").toString());
        System.out.println(r.output().lines().filter(l -> l.startsWith("fuzz:")).findFirst().orElse(r.output()));
        assertEquals(0, r.exitCode(), "the child JVM crashed:\n" + r.output());
        Map<String, Long> v = r.values("fuzz:");
        assertEquals(0L, v.get("undocumented"), r.output());
        assertEquals(1000L, v.get("loaded") + v.get("failed"), r.output());
        assertTrue(v.get("failed") > 500, r.output());
        assertEquals(0L, v.get("live"), "tensors leaked by failed loads:\n" + r.output());
    }
}
