package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.RMSprop}: PyTorch 1.13's {@code _single_tensor_rmsprop}, op for op.
 * <pre>{@code
 * new RMSprop(model.parameters(), 1e-3);                                          // RMSprop(params, lr=1e-3)
 * new RMSprop(params, new RMSprop.Options(0.01).withMomentum(0.5).withCentered(true));
 * }</pre>
 */
public final class RMSprop extends BuiltinOptimizer<RMSprop.Options> {

    /**
     * RMSprop's hyper-parameters with PyTorch's defaults ({@code lr=0.01, alpha=0.99, eps=1e-8,
     * weight_decay=0, momentum=0, centered=False, maximize=False}). Immutable; {@code with…} returns a changed copy.
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered, boolean maximize)
            implements GroupOptions {
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
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** A copy with smoothing constant {@code alpha}. */
        public Options withAlpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** A copy with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** A copy with {@code momentum}. */
        public Options withMomentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** A copy with {@code centered}. */
        public Options withCentered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        /** The options without {@code maximize} (False, PyTorch's default). */
        public Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
            this(lr, alpha, eps, weightDecay, momentum, centered, false);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("alpha", alpha);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("momentum", momentum);
            m.put("centered", centered);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code RMSprop(params, lr=lr)}. */
    public RMSprop(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code RMSprop(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public RMSprop(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        double alpha = g.getDouble("alpha");
        double momentum = g.getDouble("momentum");
        boolean centered = g.getBoolean("centered");
        org.bytedeco.pytorch.Tensor squareAvg;
        org.bytedeco.pytorch.Tensor gradAvg = null;
        org.bytedeco.pytorch.Tensor buf = null;
        if (!state.containsKey("square_avg")) {
            state.put("step", 0.0);
            squareAvg = newState(state, "square_avg", zerosLike(p));
            if (momentum > 0) {
                buf = newState(state, "momentum_buffer", zerosLike(p));
            }
            if (centered) {
                gradAvg = newState(state, "grad_avg", zerosLike(p));
            }
        } else {
            squareAvg = state(state, "square_avg");
            if (momentum > 0) {
                buf = state(state, "momentum_buffer");
            }
            if (centered) {
                gradAvg = state(state, "grad_avg");
            }
        }
        nextStep(state);
        grad = maximized(grad, g.has("maximize") && g.getBoolean("maximize"));
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        squareAvg.mul_(s(alpha)).addcmul_(grad, grad, s(1 - alpha));
        org.bytedeco.pytorch.Tensor avg;
        if (centered) {
            gradAvg.mul_(s(alpha)).add_(grad, s(1 - alpha));
            avg = tmp(squareAvg.addcmul(gradAvg, gradAvg, s(-1))).sqrt_();
        } else {
            avg = tmp(squareAvg.sqrt());
        }
        avg.add_(s(g.getDouble("eps")));
        if (momentum > 0) {
            buf.mul_(s(momentum)).addcdiv_(grad, avg);
            p.add_(buf, s(-g.lr()));
        } else {
            p.addcdiv_(grad, avg, s(-g.lr()));
        }
    }
}
