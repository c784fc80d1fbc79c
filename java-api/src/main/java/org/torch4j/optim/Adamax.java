package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.Adamax} (Adam with the infinity norm): PyTorch 1.13's {@code _single_tensor_adamax}, op for op.
 * <pre>{@code
 * new Adamax(model.parameters(), new Adamax.Options(2e-3).withBetas(0.9, 0.99));
 * }</pre>
 */
public final class Adamax extends BuiltinOptimizer<Adamax.Options> {

    /**
     * Adamax's hyper-parameters with PyTorch 1.13's defaults ({@code lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, maximize=False}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean maximize)
            implements GroupOptions {
        /** Validates the options, rejecting invalid values with PyTorch's messages. */
        public Options {
            checkLr(lr);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
            check(beta1 >= 0.0 && beta1 < 1.0, "Invalid beta parameter at index 0: " + beta1);
            check(beta2 >= 0.0 && beta2 < 1.0, "Invalid beta parameter at index 1: " + beta2);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(2e-3);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.9, 0.999, 1e-8, 0.0, false);
        }

        /** {@code lr}: the learning rate (PyTorch's default 2e-3). */
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, maximize);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, maximize);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-8). */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, maximize);
        }

        /** {@code weight_decay}: L2 penalty (PyTorch's default 0). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, maximize);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, beta1, beta2, eps, weightDecay, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("betas", org.torch4j.Tuple.of(beta1, beta2)); // a tuple, as in PyTorch (torch.save writes it as one)
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code Adamax(params, lr=lr)}. */
    public Adamax(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code Adamax(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public Adamax(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        org.bytedeco.pytorch.Tensor expAvg;
        org.bytedeco.pytorch.Tensor expInf;
        if (!state.containsKey("exp_avg")) {
            state.put("step", 0.0);
            expAvg = newState(state, "exp_avg", torch.zeros_like(p));
            expInf = newState(state, "exp_inf", torch.zeros_like(p));
        } else {
            expAvg = state(state, "exp_avg");
            expInf = state(state, "exp_inf");
        }
        double beta1 = g.getDouble("betas", 0);
        double beta2 = g.getDouble("betas", 1);
        double step = nextStep(state);
        grad = maximized(grad, g.getBoolean("maximize"));
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        expAvg.mul_(s(beta1)).add_(grad, s(1 - beta1));
        // torch.amax(cat([exp_inf * beta2, |grad| + eps]), 0, out=exp_inf): the larger of the two, exactly
        expInf.mul_(s(beta2));
        org.bytedeco.pytorch.Tensor absEps = tmp(grad.abs()).add_(s(g.getDouble("eps")));
        torch.maximum_out(expInf, expInf, absEps);
        double clr = g.lr() / (1 - Math.pow(beta1, step));
        p.addcdiv_(expAvg, expInf, s(-clr));
    }
}
