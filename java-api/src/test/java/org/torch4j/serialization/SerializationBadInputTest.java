package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/** Damaged and hostile files: one TorchException naming the file and the record or global, and nothing leaked. */
class SerializationBadInputTest {
    @TempDir
    Path dir;

    private static byte[] valid() {
        try (Scope s = Scope.open()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Tensor w = Torch.arange(12).to(DType.FLOAT32).reshape(3, 4);
            m.put("w", w);
            m.put("wt", w.t());
            m.put("n", Torch.arange(5));
            return Torch.saveToBytes(m);
        }
    }

    /** Loads {@code bytes} from a file named {@code name}; asserts one TorchException naming the file and containing {@code what}. */
    private TorchException fails(String name, byte[] bytes, String what) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        long live = Torch.liveTensorCount();
        TorchException e = assertThrows(TorchException.class, () -> Torch.load(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(live, Torch.liveTensorCount(), "a failed load frees what it made");
        TorchException b = assertThrows(TorchException.class, () -> Torch.load(bytes));
        assertTrue(b.getMessage().contains(what), b.getMessage());
        return e;
    }

    private static byte[] withEntry(byte[] zip, String suffix, byte[] content) {
        Map<String, byte[]> e = Zips.entries(zip);
        String key = e.keySet().stream().filter(k -> k.endsWith(suffix)).findFirst().orElseThrow();
        e.put(key, content);
        return Zips.zip(e);
    }

    private static byte[] pkl(byte[] zip) {
        return Zips.entries(zip).get("archive/data.pkl");
    }

    @Test
    void truncatedFiles() throws Exception {
        byte[] ok = valid();
        for (int n : new int[] {0, 3, 10, 100, ok.length / 2, ok.length - 30}) {
            byte[] cut = java.util.Arrays.copyOf(ok, n);
            Path f = dir.resolve("cut" + n + ".pt");
            Files.write(f, cut);
            TorchException e = assertThrows(TorchException.class, () -> Torch.load(f));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void aTruncatedPickle() throws Exception {
        byte[] p = pkl(valid());
        fails("pkl.pt", withEntry(valid(), "data.pkl", java.util.Arrays.copyOf(p, p.length - 20)), "data.pkl");
    }

    @Test
    void aStorageRecordOfTheWrongSize() throws Exception {
        fails("short.pt", withEntry(valid(), "data/0", new byte[7]), "archive/data/0' has 7 bytes");
    }

    @Test
    void aMissingStorageRecord() throws Exception {
        Map<String, byte[]> e = Zips.entries(valid());
        e.remove("archive/data/1");
        fails("missing.pt", Zips.zip(e), "'archive/data/1' is missing");
    }

    @Test
    void aZipThatIsNotATorchSaveFile() throws Exception {
        fails("other.zip", Zips.zip(Map.of("readme.txt", "hi".getBytes(StandardCharsets.UTF_8))), "not a torch.save archive");
    }

    @Test
    void aTorchScriptArchiveIsNamedAsSuch() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        e.put("m/code/__torch__.py", new byte[1]);
        e.put("m/constants.pkl", new byte[1]);
        fails("script.pt", Zips.zip(e), "TorchScript");
    }

    @Test
    void theLegacyFormatIsRefusedWithTheReason() throws Exception {
        byte[] legacy = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, '.'};
        fails("legacy.pt", legacy, "legacy");
    }

    @Test
    void notAZipAtAll() throws Exception {
        fails("text.pt", "hello world".getBytes(StandardCharsets.UTF_8), "not a torch.save file");
    }

    @Test
    void aForbiddenGlobalIsNamed() throws Exception {
        byte[] evil = "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R.".getBytes(StandardCharsets.ISO_8859_1);
        fails("evil.pt", withEntry(valid(), "data.pkl", evil), "forbidden global 'os.system'");
        byte[] builtins = "\u0080\u0002c__builtin__\neval\n.".getBytes(StandardCharsets.ISO_8859_1);
        fails("eval.pt", withEntry(valid(), "data.pkl", builtins), "forbidden global '__builtin__.eval'");
    }

    @Test
    void objectCreatingOpcodesAreRefused() throws Exception {
        byte[] inst = "(ios\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
        fails("inst.pt", withEntry(valid(), "data.pkl", inst), "not allowed");
    }

    @Test
    void anUnknownStorageTypeIsNamed() throws Exception {
        String p = new String(pkl(valid()), StandardCharsets.ISO_8859_1).replaceFirst("FloatStorage", "QInt8Storage");
        fails("qint.pt", withEntry(valid(), "data.pkl", p.getBytes(StandardCharsets.ISO_8859_1)), "torch.QInt8Storage is not supported");
    }

    @Test
    void aTensorOutsideItsStorageIsRefused() throws Exception {
        // storage offset 0 -> 9 (BININT1 0 right after BINPERSID): the 3x4 tensor then reaches past 12 elements
        byte[] p = pkl(valid());
        for (int i = 0; i + 2 < p.length; i++) {
            if (p[i] == 'Q' && p[i + 1] == 'K' && p[i + 2] == 0) {
                p[i + 2] = 9;
                break;
            }
        }
        fails("oob.pt", withEntry(valid(), "data.pkl", p), "reaches outside storage");
    }

    @Test
    void aHugeLengthPrefixIsCorruptNotAnAllocation() throws Exception {
        byte[] p = "\u0080\u0002X\u00ff\u00ff\u00ff\u007fabc.".getBytes(StandardCharsets.ISO_8859_1);
        fails("huge.pt", withEntry(valid(), "data.pkl", p), "corrupt pickle");
    }

    @Test
    void savingAnUnsupportedTypeNamesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Torch.saveToBytes(Map.of("x", new java.util.Date())));
        assertTrue(e.getMessage().contains("java.util.Date"), e.getMessage());
        List<Object> deep = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            deep = new java.util.ArrayList<>(List.of(deep));
        }
        List<Object> tooDeep = deep;
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> Torch.saveToBytes(tooDeep));
        assertTrue(d.getMessage().contains("nesting"), d.getMessage());
    }
}
