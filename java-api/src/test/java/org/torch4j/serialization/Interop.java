package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Functional;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Tanh;
import org.torch4j.optim.Optimizer;

/** The Java twins of interop.py's formulas and models, and the way to run that script. */
final class Interop {
    static final List<String> DTYPES = List.of("bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16",
            "float32", "float64", "complex64", "complex128");

    private Interop() {
    }

    static DType dtype(String name) {
        for (DType d : DType.values()) {
            if (d.toString().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** interop.py's formula(name): arange(n) - 2 in the dtype (uint8: arange; bool: odd; complex: imaginary 0.5k). */
    static Tensor formula(String name, int n) {
        Tensor idx = Torch.arange(n).to(DType.FLOAT64);
        return switch (name) {
            case "bool" -> Torch.arange(n).remainder(2).eq(1L);
            case "uint8" -> idx.to(DType.UINT8);
            case "complex64", "complex128" -> {
                Tensor pairs = Torch.stack(List.of(idx.sub(2.0), idx.mul(0.5)), 1);
                yield Torch.viewAsComplex(pairs).to(dtype(name));
            }
            default -> idx.sub(2.0).to(dtype(name));
        };
    }

    static Sequential mlp() {
        return new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 3));
    }

    static Sequential cnn() {
        return new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new Flatten(), new Linear(4 * 5 * 5, 3));
    }

    /** interop.py's data(): inputs and targets of the optimizer runs. */
    static Tensor[] data() {
        Tensor x = Torch.arange(20).to(DType.FLOAT32).reshape(5, 4).div(10.0).sin();
        Tensor y = Torch.arange(15).to(DType.FLOAT32).reshape(5, 3).div(7.0).cos();
        return new Tensor[] {x, y};
    }

    static void adamSteps(Module model, Optimizer opt, int n) {
        Tensor[] xy = data();
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            Functional.mseLoss(model.forward(xy[0]), xy[1]).backward();
            opt.step();
        }
    }

    /** Runs {@code interop.py mode dir} with /usr/bin/python3 (PyTorch 1.13); returns its output, asserting exit 0. */
    static String python(String mode, Path dir) throws IOException, InterruptedException {
        Path script;
        try {
            script = Path.of(Interop.class.getResource("/serialization/interop.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), mode, dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "interop.py " + mode + " timed out");
        assertEquals(0, p.exitValue(), "interop.py " + mode + " failed:\n" + out);
        return out;
    }
}
