package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.Adagrad}: PyTorch 1.13's {@code _single_tensor_adagrad} (dense gradients), op for op.
 * <pre>{@code
 * new Adagrad(model.parameters(), new Adagrad.Options(0.1).withLrDecay(1e-3));
 * }</pre>
 */
public final class Adagrad extends BuiltinOptimizer<Adagrad.Options> {

    /**
     * Adagrad's hyper-parameters with PyTorch 1.13's defaults ({@code lr=1e-2, lr_decay=0.0, weight_decay=0.0,
     * initial_accumulator_value=0.0, eps=1e-10, maximize=False}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, boolean maximize)
            implements GroupOptions {
        /** Validates the options, rejecting invalid values with PyTorch's messages. */
        public Options {
            checkLr(lr);
            check(lrDecay >= 0.0, "Invalid lr_decay value: " + lrDecay);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
            check(initialAccumulatorValue >= 0.0, "Invalid initial_accumulator_value value: " + initialAccumulatorValue);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(1e-2);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.0, 0.0, 0.0, 1e-10, false);
        }

        /** {@code lr}: the learning rate (PyTorch's default 1e-2). */
        public Options withLr(double lr) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        /** {@code lr_decay}: learning rate decay (PyTorch's default 0). */
        public Options withLrDecay(double lrDecay) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        /** {@code weight_decay}: L2 penalty (PyTorch's default 0). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        /** {@code initial_accumulator_value}: starting value of the sum of squared gradients (PyTorch's default 0). */
        public Options withInitialAccumulatorValue(double initialAccumulatorValue) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-10). */
        public Options withEps(double eps) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("lr_decay", lrDecay);
            m.put("weight_decay", weightDecay);
            m.put("initial_accumulator_value", initialAccumulatorValue);
            m.put("eps", eps);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code Adagrad(params, lr=lr)}. */
    public Adagrad(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code Adagrad(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public Adagrad(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        org.bytedeco.pytorch.Tensor sum;
        if (!state.containsKey("sum")) {
            // PyTorch fills the state in the constructor; creating it at the first step gives the same values
            state.put("step", 0.0);
            sum = newState(state, "sum", torch.full_like(p, s(g.getDouble("initial_accumulator_value"))));
        } else {
            sum = state(state, "sum");
        }
        double step = nextStep(state);
        grad = maximized(grad, g.getBoolean("maximize"));
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        double clr = g.lr() / (1 + (step - 1) * g.getDouble("lr_decay"));
        sum.addcmul_(grad, grad, s(1));
        org.bytedeco.pytorch.Tensor std = tmp(sum.sqrt()).add_(s(g.getDouble("eps")));
        p.addcdiv_(grad, std, s(-clr));
    }
}
