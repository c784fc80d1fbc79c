package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.SGD}: stochastic gradient descent with optional momentum, dampening, Nesterov
 * momentum and weight decay: PyTorch 1.13's {@code _single_tensor_sgd}, op for op.
 * <pre>{@code
 * new SGD(model.parameters(), 1e-6);                                        // SGD(params, lr=1e-6)
 * new SGD(model.parameters(), new SGD.Options(1e-8).withMomentum(0.9));     // SGD(params, lr=1e-8, momentum=0.9)
 * }</pre>
 */
public final class SGD extends BuiltinOptimizer<SGD.Options> {

    /**
     * SGD's hyper-parameters, named and defaulted as PyTorch's ({@code momentum=0, dampening=0,
     * weight_decay=0, nesterov=False, maximize=False}); {@code lr} has no default, as in PyTorch 1.x. Immutable:
     * the {@code with…} methods return a changed copy. Invalid values are rejected with PyTorch's
     * messages.
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov, boolean maximize)
            implements GroupOptions {
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
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        /** A copy with {@code momentum}. */
        public Options withMomentum(double momentum) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        /** A copy with {@code dampening}. */
        public Options withDampening(double dampening) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        /** A copy with {@code nesterov}. */
        public Options withNesterov(boolean nesterov) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        /** The options without {@code maximize} (False, PyTorch's default). */
        public Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
            this(lr, momentum, dampening, weightDecay, nesterov, false);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("weight_decay", weightDecay);
            m.put("nesterov", nesterov);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code SGD(params, lr=lr)}. */
    public SGD(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code SGD(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public SGD(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        double momentum = g.getDouble("momentum");
        grad = maximized(grad, g.has("maximize") && g.getBoolean("maximize"));
        org.bytedeco.pytorch.Tensor dp = decayed(grad, p, g.getDouble("weight_decay"));
        if (momentum != 0) {
            org.bytedeco.pytorch.Tensor buf;
            if (!state.containsKey("momentum_buffer")) {
                buf = newState(state, "momentum_buffer", tmp(dp.clone()).detach());
            } else {
                buf = state(state, "momentum_buffer");
                buf.mul_(s(momentum)).add_(dp, s(1 - g.getDouble("dampening")));
            }
            dp = g.getBoolean("nesterov") ? tmp(dp.add(buf, s(momentum))) : buf;
        }
        p.add_(dp, s(-g.lr()));
    }
}
