package org.torch4j.serialization;

import java.nio.file.Files;
import java.nio.file.Path;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Forked by {@link SaveKeepsStoragesAliveTest}: saves a conjugated complex tensor (64 MB, so a
 * freed copy is unmapped, not just stale) three times and loads it back. Before the fix,
 * {@code Torch.save} wrote the bytes of the dense CPU copy after freeing it: SIGSEGV. Then saves a
 * tensor that another thread closes meanwhile: the save completes with the right bytes or refuses
 * with IllegalStateException. Prints "OK ..." lines; exit 0.
 */
public final class SaveCopyMain {
    private SaveCopyMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("torch4j-save");
        try (Scope s = Scope.open()) {
            Tensor x = Torch.randn(DType.COMPLEX64, 8L << 20);
            Tensor c = x.conj();
            Path p = dir.resolve("conj.pt");
            for (int i = 0; i < 3; i++) {
                Torch.save(c, p);
            }
            Tensor back = (Tensor) Torch.load(p);
            boolean same = back.sub(c).abs().max().item() == 0.0;
            System.out.println((same ? "OK" : "FAIL") + " conj saved and loaded: " + back.shape()[0] + " elements");
        }
        int completed = 0;
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            Tensor t = Torch.arange(1L << 22).to(DType.FLOAT32).unscoped();
            float expected = (1L << 22) - 1;
            Thread closer = new Thread(t::close);
            Path p = dir.resolve("raced.pt");
            closer.start();
            try {
                Torch.save(t, p);
                completed++;
                try (Scope s = Scope.open()) {
                    Tensor back = (Tensor) Torch.load(p);
                    if (back.max().item() != expected) {
                        System.out.println("FAIL raced save wrote wrong bytes: max " + back.max().item());
                    }
                }
            } catch (IllegalStateException e) {
                refused++;
            }
            closer.join();
        }
        System.out.println("OK save racing close: " + completed + " completed, " + refused + " refused");
    }
}
