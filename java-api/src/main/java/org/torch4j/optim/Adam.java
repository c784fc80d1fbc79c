package org.torch4j.optim;

import java.util.Objects;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.OptimizerOptions;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.Adam} (with optional L2 weight decay and AMSGrad), computed by LibTorch's
 * {@code torch::optim::Adam}.
 * <pre>{@code
 * new Adam(model.parameters(), 1e-3);                                           // Adam(params, lr=1e-3)
 * new Adam(params, new Adam.Options(0.01).withBetas(0.8, 0.9).withAmsgrad(true));
 * }</pre>
 */
public final class Adam extends Optimizer {
    /**
     * Where {@code beta1} sits in the native {@code std::tuple<double, double>} that
     * {@code AdamOptions::betas()} exposes as a 2-double array: libstdc++ lays a tuple out last
     * element first, so it is index 1 there; found once from the native defaults (0.9, 0.999).
     */
    private static final int BETA1_INDEX;

    static {
        try (AdamOptions probe = new AdamOptions(1e-3)) {
            double first = probe.betas().get(0);
            double second = probe.betas().get(1);
            if (first == 0.9 && second == 0.999) {
                BETA1_INDEX = 0;
            } else if (first == 0.999 && second == 0.9) {
                BETA1_INDEX = 1;
            } else {
                throw new ExceptionInInitializerError("unexpected native Adam betas layout: " + first + ", " + second);
            }
        }
    }

    private final Options defaults;

    /**
     * Adam's hyper-parameters with PyTorch's defaults ({@code lr=1e-3, betas=(0.9, 0.999),
     * eps=1e-8, weight_decay=0, amsgrad=False}). Immutable; {@code with…} returns a changed copy.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        /** Checks the values as PyTorch does ({@code IllegalArgumentException} with its message). */
        public Options {
            checkLr(lr);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
            check(beta1 >= 0.0 && beta1 < 1.0, "Invalid beta parameter at index 0: " + beta1);
            check(beta2 >= 0.0 && beta2 < 1.0, "Invalid beta parameter at index 1: " + beta2);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(1e-3);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.9, 0.999, 1e-8, 0.0, false);
        }

        /** A copy with learning rate {@code lr}. */
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** A copy with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** A copy with {@code amsgrad}. */
        public Options withAmsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        AdamOptions toNative() {
            AdamOptions n = new AdamOptions(lr);
            apply(n);
            return n;
        }

        void apply(AdamOptions n) {
            n.lr().put(lr);
            n.betas().put(BETA1_INDEX, beta1);
            n.betas().put(1 - BETA1_INDEX, beta2);
            n.eps().put(eps);
            n.weight_decay().put(weightDecay);
            n.amsgrad().put(amsgrad);
        }
    }

    /** {@code Adam(params, lr=lr)}. */
    public Adam(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code Adam(params, **options)}. */
    public Adam(Iterable<Tensor> params, Options options) {
        super(params, v -> {
            try (AdamOptions n = Objects.requireNonNull(options, "options").toNative()) {
                return new org.bytedeco.pytorch.Adam(v, n);
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
        addGroup(params, o -> options.apply(asAdam(o)));
    }

    /** The group's options are a clone of this optimizer's AdamOptions defaults (same address). */
    private static AdamOptions asAdam(OptimizerOptions o) {
        return new AdamOptions(o);
    }
}
