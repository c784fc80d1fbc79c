package org.torch4j.samples;

import static org.torch4j.PyRepr.repr;
import static org.torch4j.Torch.manualSeed;
import static org.torch4j.Torch.randn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;
import org.torch4j.autograd.Grad;
import org.torch4j.jit.ScriptModule;

/**
 * Sample 12, beyond the tutorial: inference with a TorchScript model traced by real PyTorch
 * (Python original: samples/parity/step12.py). The model, a small CNN
 * (Conv2d/BatchNorm2d/ReLU/MaxPool2d/Linear) in eval mode, is the same for every seed: it was
 * written once by {@code step12.py --save} and is checked in as samples/parity/models/step12_cnn.pt
 * (on the classpath as {@code /models/step12_cnn.pt}). The seed only chooses the batch of 8 images,
 * drawn with {@code randn} after {@code manualSeed(seed)} as in Python. The forward pass runs under
 * {@link Grad#inferenceMode()} in a {@link Scope}; each image's top-1 class and softmax probability is printed.
 */
public final class Step12TorchScriptInference implements Sample {
    static final String MODEL_RESOURCE = "/models/step12_cnn.pt";
    static final int BATCH = 8;
    static final int SIZE = 16;

    @Override
    public int step() {
        return 12;
    }

    @Override
    public String upstream() {
        return "step12.py (TorchScript CNN inference)";
    }

    /** No training: the "iterations" are irrelevant (one batch is classified). */
    @Override
    public int defaultIterations() {
        return 1;
    }

    @Override
    public void run(SampleArgs args, PrintStream out) {
        Path file = modelFile();
        try (ScriptModule model = ScriptModule.load(file, args.device())) {
            model.eval();
            manualSeed(args.seed());
            try (Scope s = Scope.open(); Grad.Guard inference = Grad.inferenceMode()) {
                Tensor x = randn(BATCH, 1, SIZE, SIZE).to(args.device());
                Tensor probs = model.forward(x).softmax(1);
                ValuesIndices top = probs.max(1);
                out.println("probs shape " + Arrays.toString(probs.shape()));
                for (int i = 0; i < BATCH; i++) {
                    out.println("image " + i + " class " + top.indices().get(i).itemLong() + " prob "
                            + repr(top.values().get(i).item()));
                }
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** The checked-in model copied from the classpath to a temporary file (the caller deletes it). */
    static Path modelFile() {
        try (InputStream in = Step12TorchScriptInference.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + MODEL_RESOURCE
                        + " (samples/parity/models/step12_cnn.pt; rebuild the samples module)");
            }
            Path file = Files.createTempFile("torch4j-step12-", ".pt");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + MODEL_RESOURCE + " to a temporary file", e);
        }
    }
}
