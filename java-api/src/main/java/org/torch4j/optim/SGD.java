package org.torch4j.optim;

import java.util.Objects;
import org.bytedeco.pytorch.OptimizerOptions;
import org.bytedeco.pytorch.SGDOptions;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.SGD}: stochastic gradient descent with optional momentum, dampening, Nesterov
 * momentum and weight decay, computed by LibTorch's {@code torch::optim::SGD}.
 * <pre>{@code
 * new SGD(model.parameters(), 1e-6);                                        // SGD(params, lr=1e-6)
 * new SGD(model.parameters(), new SGD.Options(1e-8).withMomentum(0.9));     // SGD(params, lr=1e-8, momentum=0.9)
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final Options defaults;

    /**
     * SGD's hyper-parameters, named and defaulted as PyTorch's ({@code momentum=0, dampening=0,
     * weight_decay=0, nesterov=False}); {@code lr} has no default, as in PyTorch 1.x. Immutable:
     * the {@code with…} methods return a changed copy. Invalid values are rejected with PyTorch's
     * messages.
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        /** Checks the values as PyTorch does ({@code IllegalArgumentException} with its message). */
        public Options {
            checkLr(lr);
            check(momentum >= 0.0, "Invalid momentum value: " + momentum);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
            check(!Double.isNaN(dampening), "Invalid dampening value: " + dampening);
            check(!nesterov || (momentum > 0 && dampening == 0), "Nesterov momentum requires a momentum and zero dampening");
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.0, 0.0, 0.0, false);
        }

        /** A copy with learning rate {@code lr}. */
        public Options withLr(double lr) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /** A copy with {@code momentum}. */
        public Options withMomentum(double momentum) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /** A copy with {@code dampening}. */
        public Options withDampening(double dampening) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /** A copy with {@code nesterov}. */
        public Options withNesterov(boolean nesterov) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        SGDOptions toNative() {
            SGDOptions n = new SGDOptions(lr);
            apply(n);
            return n;
        }

        void apply(SGDOptions n) {
            n.lr().put(lr);
            n.momentum().put(momentum);
            n.dampening().put(dampening);
            n.weight_decay().put(weightDecay);
            n.nesterov().put(nesterov);
        }
    }

    /** {@code SGD(params, lr=lr)}. */
    public SGD(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code SGD(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public SGD(Iterable<Tensor> params, Options options) {
        super(params, v -> {
            try (SGDOptions n = Objects.requireNonNull(options, "options").toNative()) {
                return new org.bytedeco.pytorch.SGD(v, n);
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
        addGroup(params, o -> options.apply(asSgd(o)));
    }

    /** The group's options are a clone of this optimizer's SGDOptions defaults (single inheritance: same address). */
    private static SGDOptions asSgd(OptimizerOptions o) {
        return new SGDOptions(o);
    }
}
