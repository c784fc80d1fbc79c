package org.torch4j.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/** Bad files and bad calls: one clear TorchException naming the file and method, never a crash or C++ frames. */
class ScriptModuleBadInputTest {
    @TempDir
    Path tmp;

    private static TorchException oneLine(TorchException e, String... mustContain) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().contains("frame #"), e.getMessage());
        for (String s : mustContain) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void missingFile() {
        Path p = tmp.resolve("nope.pt");
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(p)), "nope.pt", "no such file");
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(tmp)), "not a regular file");
    }

    @Test
    void truncatedCorruptAndNonTorchScriptFiles() throws IOException {
        byte[] good = Files.readAllBytes(JitModels.gate());
        Path truncated = Files.write(tmp.resolve("truncated.pt"), Arrays.copyOf(good, good.length / 2));
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(truncated)), "truncated.pt");
        Path text = Files.writeString(tmp.resolve("text.pt"), "not a model");
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(text)), "text.pt");
        Path empty = Files.write(tmp.resolve("empty.pt"), new byte[0]);
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(empty)), "empty.pt");
        Path zip = tmp.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(zip)), "other.zip");
        // the code of a method garbled: same size, other bytes
        Path garbled = rewrite(JitModels.gate(), tmp.resolve("garbled.pt"), (name, data) -> name.endsWith(".py")
                ? new String(data, StandardCharsets.UTF_8).replace("def forward", "def f0rward(").getBytes(StandardCharsets.UTF_8) : data);
        oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(garbled)), "garbled.pt");
    }

    @Test
    void fileFromANewerPyTorchSaysSo() throws IOException {
        Path newer = rewrite(JitModels.gate(), tmp.resolve("newer.pt"),
                (name, data) -> name.endsWith("/version") ? "99\n".getBytes(StandardCharsets.UTF_8) : data);
        TorchException e = oneLine(assertThrows(TorchException.class, () -> ScriptModule.load(newer)), "newer.pt", "version 99");
        assertTrue(e.nativeMessage() != null);
    }

    @Test
    void missingMethodWrongArgumentCountAndTypes() {
        try (ScriptModule m = ScriptModule.load(JitModels.gate()); Scope s = Scope.open()) {
            oneLine(assertThrows(TorchException.class, () -> m.run("nope")), "gate.pt", "nope", "forward, counts");
            oneLine(assertThrows(TorchException.class, () -> m.forward()), "gate.pt", "forward", "missing value for argument 'x'");
            oneLine(assertThrows(TorchException.class, () -> m.forward(Torch.ones(4), Torch.ones(4))), "gate.pt", "forward");
            oneLine(assertThrows(TorchException.class, () -> m.forward(Torch.ones(3, 5))), "gate.pt", "forward", "float32[3, 5]");
            oneLine(assertThrows(TorchException.class, () -> m.run("forward", 3L)), "gate.pt", "forward", "Expected a value of type 'Tensor'");
            oneLine(assertThrows(TorchException.class, () -> m.run("pair", Torch.ones(2), "three")), "gate.pt", "pair");
            oneLine(assertThrows(TorchException.class, () -> m.run("counts", Map.of("a", 1.5))), "gate.pt", "counts");
            assertThrows(IllegalArgumentException.class, () -> m.run("pair", Torch.ones(2), new StringBuilder("x")));
            assertThrows(IllegalArgumentException.class, () -> m.run("stats", List.of(Torch.ones(2), 1L), 1.0));
            assertThrows(NullPointerException.class, () -> m.forward((Tensor) null));
            Tensor closed = Torch.ones(4);
            closed.close();
            assertThrows(IllegalStateException.class, () -> m.forward(closed));
            // the module still works after every failure
            assertEquals(4L, ((org.torch4j.Tuple) m.run("pair", Torch.ones(2), 3L)).get(1));
        }
    }

    @Test
    void closedModuleThrowsIllegalState() {
        ScriptModule m = ScriptModule.load(JitModels.gate());
        m.close();
        m.close();
        assertTrue(m.isClosed());
        assertThrows(IllegalStateException.class, () -> m.forward(Torch.ones(4)));
        assertThrows(IllegalStateException.class, () -> m.run("pair", Torch.ones(2), 1L));
        assertThrows(IllegalStateException.class, m::namedParameters);
        assertThrows(IllegalStateException.class, m::eval);
    }

    interface Edit {
        byte[] apply(String name, byte[] data);
    }

    /** Copies the zip {@code from} to {@code to}, passing each entry's bytes through {@code edit}. */
    static Path rewrite(Path from, Path to, Edit edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data = edit.apply(e.getName(), in.getInputStream(e).readAllBytes());
                ZipEntry ne = new ZipEntry(e.getName()); // stored, as PyTorch writes its archives
                ne.setMethod(ZipEntry.STORED);
                ne.setSize(data.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                ne.setCrc(crc.getValue());
                out.putNextEntry(ne);
                out.write(data);
                out.closeEntry();
            }
        }
        return to;
    }
}
