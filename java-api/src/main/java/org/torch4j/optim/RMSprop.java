package org.torch4j.optim;

import java.util.Objects;
import org.bytedeco.pytorch.OptimizerOptions;
import org.bytedeco.pytorch.RMSpropOptions;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.RMSprop}, computed by LibTorch's {@code torch::optim::RMSprop}.
 * <pre>{@code
 * new RMSprop(model.parameters(), 1e-3);                                          // RMSprop(params, lr=1e-3)
 * new RMSprop(params, new RMSprop.Options(0.01).withMomentum(0.5).withCentered(true));
 * }</pre>
 */
public final class RMSprop extends Optimizer {
    private final Options defaults;

    /**
     * RMSprop's hyper-parameters with PyTorch's defaults ({@code lr=0.01, alpha=0.99, eps=1e-8,
     * weight_decay=0, momentum=0, centered=False}). Immutable; {@code with…} returns a changed copy.
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        /** Checks the values as PyTorch does ({@code IllegalArgumentException} with its message). */
        public Options {
            checkLr(lr);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
            check(momentum >= 0.0, "Invalid momentum value: " + momentum);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
            check(alpha >= 0.0, "Invalid alpha value: " + alpha);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(0.01);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.99, 1e-8, 0.0, 0.0, false);
        }

        /** A copy with learning rate {@code lr}. */
        public Options withLr(double lr) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with smoothing constant {@code alpha}. */
        public Options withAlpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code momentum}. */
        public Options withMomentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        /** A copy with {@code centered}. */
        public Options withCentered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        RMSpropOptions toNative() {
            RMSpropOptions n = new RMSpropOptions(lr);
            apply(n);
            return n;
        }

        void apply(RMSpropOptions n) {
            n.lr().put(lr);
            n.alpha().put(alpha);
            n.eps().put(eps);
            n.weight_decay().put(weightDecay);
            n.momentum().put(momentum);
            n.centered().put(centered);
        }
    }

    /** {@code RMSprop(params, lr=lr)}. */
    public RMSprop(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code RMSprop(params, **options)}. */
    public RMSprop(Iterable<Tensor> params, Options options) {
        super(params, v -> {
            try (RMSpropOptions n = Objects.requireNonNull(options, "options").toNative()) {
                return new org.bytedeco.pytorch.RMSprop(v, n);
            }
        });
        this.defaults = options;
    }

    /** The options given at construction (the defaults of new parameter groups). */
    public Options defaults() {
        return defaults;
    }

    /** {@code add_param_group({'params': params})} with this optimizer's defaults. */
    public void addParamGroup(Iterable<Tensor> params) {
        addParamGroup(params, defaults);
    }

    /** {@code add_param_group({'params': params, **options})}. */
    public void addParamGroup(Iterable<Tensor> params, Options options) {
        Objects.requireNonNull(options, "options");
        addGroup(params, o -> options.apply(asRmsprop(o)));
    }

    /** The group's options are a clone of this optimizer's RMSpropOptions defaults (same address). */
    private static RMSpropOptions asRmsprop(OptimizerOptions o) {
        return new RMSpropOptions(o);
    }
}
