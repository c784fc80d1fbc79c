package org.torch4j.bindings;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** First LibTorch op in a fresh JVM: {@code safe} loads through {@link LibTorch}, {@code raw} through plain JavaCPP. */
public final class FirstOpMain {
    private FirstOpMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("raw")) {
            org.bytedeco.javacpp.Loader.load(torch.class);
        } else {
            LibTorch.ensureLoaded();
        }
        try (Tensor t = torch.ones(3); Tensor s = t.sum()) {
            System.out.println("first-op sum=" + s.item_double());
        }
        System.out.println("loaded-from=" + (args.length > 0 && args[0].equals("raw") ? "javacpp" : LibTorch.loadedFrom()));
    }
}
