package org.torch4j.autograd;

import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.InferenceMode;
import org.torch4j.bindings.LibTorch;

/**
 * Grad mode, per thread, as {@code torch.no_grad()} / {@code torch.enable_grad()}:
 * <pre>{@code
 * try (var g = Grad.noGrad()) { a.sub_(a.grad().mul(lr)); }   // guard
 * Grad.noGrad(() -> a.sub_(a.grad().mul(lr)));                 // block
 * }</pre>
 * The previous mode is always restored, also when the block throws.
 */
public final class Grad {
    static {
        LibTorch.ensureLoaded();
    }

    private Grad() {
    }

    /** Whether autograd records operations on this thread. */
    public static boolean isEnabled() {
        return GradMode.is_enabled();
    }

    /** Turns grad mode off on this thread until the guard closes. */
    public static Guard noGrad() {
        return new Guard(false);
    }

    /** Turns grad mode on on this thread until the guard closes. */
    public static Guard enableGrad() {
        return new Guard(true);
    }

    /**
     * {@code torch.inference_mode()}: turns grad mode off on this thread and marks the tensors made
     * here as inference tensors (no version counter or autograd metadata: faster than
     * {@link #noGrad()}), until the guard closes. Inference tensors cannot later be used in an
     * operation that autograd records; make serving outputs here, training data outside.
     */
    public static Guard inferenceMode() {
        return new Guard(new InferenceMode());
    }

    /** Whether an {@link #inferenceMode()} guard is open on this thread. */
    public static boolean isInferenceModeEnabled() {
        return InferenceMode.is_enabled();
    }

    /** Runs {@code block} with grad mode off. */
    public static void noGrad(Runnable block) {
        Objects.requireNonNull(block, "block");
        try (Guard g = noGrad()) {
            block.run();
        }
    }

    /** Runs {@code block} with grad mode off and returns its value. */
    public static <T> T noGrad(Supplier<T> block) {
        Objects.requireNonNull(block, "block");
        try (Guard g = noGrad()) {
            return block.get();
        }
    }

    /** Restores the grad (and inference) mode that was in force when it was made. Must close on the same thread. */
    public static final class Guard implements AutoCloseable {
        private final boolean previous;
        private final Thread owner;
        /** LibTorch's RAII guard of an inference-mode Guard (its destructor restores both modes), or null. */
        private final InferenceMode inference;
        private boolean closed;

        private Guard(boolean enabled) {
            this.owner = Thread.currentThread();
            this.previous = GradMode.is_enabled();
            this.inference = null;
            GradMode.set_enabled(enabled);
        }

        private Guard(InferenceMode inference) {
            this.owner = Thread.currentThread();
            this.previous = GradMode.is_enabled();
            this.inference = inference;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a Grad guard must be closed on the thread that made it (" + owner.getName() + ")");
            }
            closed = true;
            if (inference != null) {
                inference.close();
            } else {
                GradMode.set_enabled(previous);
            }
        }
    }
}
