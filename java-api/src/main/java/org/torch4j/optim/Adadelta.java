package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.Adadelta}: PyTorch 1.13's {@code _single_tensor_adadelta}, op for op.
 * <pre>{@code
 * new Adadelta(model.parameters(), new Adadelta.Options().withRho(0.95));
 * }</pre>
 */
public final class Adadelta extends BuiltinOptimizer<Adadelta.Options> {

    /**
     * Adadelta's hyper-parameters with PyTorch 1.13's defaults ({@code lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, maximize=False}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double rho, double eps, double weightDecay, boolean maximize)
            implements GroupOptions {
        /** Validates the options, rejecting invalid values with PyTorch's messages. */
        public Options {
            checkLr(lr);
            check(rho >= 0.0 && rho <= 1.0, "Invalid rho value: " + rho);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(1.0);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.9, 1e-6, 0.0, false);
        }

        /** {@code lr}: coefficient that scales the delta before it is applied (PyTorch's default 1.0). */
        public Options withLr(double lr) {
            return new Options(lr, rho, eps, weightDecay, maximize);
        }

        /** {@code rho}: coefficient for the running average of squared gradients (PyTorch's default 0.9). */
        public Options withRho(double rho) {
            return new Options(lr, rho, eps, weightDecay, maximize);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-6). */
        public Options withEps(double eps) {
            return new Options(lr, rho, eps, weightDecay, maximize);
        }

        /** {@code weight_decay}: L2 penalty (PyTorch's default 0). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, rho, eps, weightDecay, maximize);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, rho, eps, weightDecay, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("rho", rho);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code Adadelta(params, lr=lr)}. */
    public Adadelta(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code Adadelta(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public Adadelta(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        org.bytedeco.pytorch.Tensor squareAvg;
        org.bytedeco.pytorch.Tensor accDelta;
        if (!state.containsKey("square_avg")) {
            state.put("step", 0.0);
            squareAvg = newState(state, "square_avg", torch.zeros_like(p));
            accDelta = newState(state, "acc_delta", torch.zeros_like(p));
        } else {
            squareAvg = state(state, "square_avg");
            accDelta = state(state, "acc_delta");
        }
        nextStep(state);
        double rho = g.getDouble("rho");
        double eps = g.getDouble("eps");
        grad = maximized(grad, g.getBoolean("maximize"));
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        squareAvg.mul_(s(rho)).addcmul_(grad, grad, s(1 - rho));
        org.bytedeco.pytorch.Tensor std = tmp(squareAvg.add(s(eps))).sqrt_();
        org.bytedeco.pytorch.Tensor delta = tmp(accDelta.add(s(eps))).sqrt_().div_(std).mul_(grad);
        accDelta.mul_(s(rho)).addcmul_(delta, delta, s(1 - rho));
        p.add_(delta, s(-g.lr()));
    }
}
