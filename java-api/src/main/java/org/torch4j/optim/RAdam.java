package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.RAdam} (rectified Adam): PyTorch 1.13's {@code _single_tensor_radam}, op for op.
 * <pre>{@code
 * new RAdam(model.parameters(), new RAdam.Options(1e-3));
 * }</pre>
 */
public final class RAdam extends BuiltinOptimizer<RAdam.Options> {

    /**
     * RAdam's hyper-parameters with PyTorch 1.13's defaults ({@code lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay)
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
            this(1e-3);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.9, 0.999, 1e-8, 0.0);
        }

        /** {@code lr}: the learning rate (PyTorch's default 1e-3). */
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-8). */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        /** {@code weight_decay}: L2 penalty (PyTorch's default 0). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("betas", org.torch4j.Tuple.of(beta1, beta2)); // a tuple, as in PyTorch (torch.save writes it as one)
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            return m;
        }
    }

    /** {@code RAdam(params, lr=lr)}. */
    public RAdam(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code RAdam(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public RAdam(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        org.bytedeco.pytorch.Tensor expAvg;
        org.bytedeco.pytorch.Tensor expAvgSq;
        if (!state.containsKey("exp_avg")) {
            state.put("step", 0.0);
            expAvg = newState(state, "exp_avg", torch.zeros_like(p));
            expAvgSq = newState(state, "exp_avg_sq", torch.zeros_like(p));
        } else {
            expAvg = state(state, "exp_avg");
            expAvgSq = state(state, "exp_avg_sq");
        }
        double beta1 = g.getDouble("betas", 0);
        double beta2 = g.getDouble("betas", 1);
        double lr = g.lr();
        double step = nextStep(state);
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        expAvg.mul_(s(beta1)).add_(grad, s(1 - beta1));
        expAvgSq.mul_(s(beta2)).addcmul_(grad, grad, s(1 - beta2));
        org.bytedeco.pytorch.Tensor corrected = tmp(expAvg.div(s(biasCorrection1)));
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / biasCorrection2;
        if (rhoT > 5.) {
            double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            // math.sqrt(bc2) / tensor is Tensor.__rtruediv__: tensor.reciprocal() * sqrt(bc2)
            org.bytedeco.pytorch.Tensor adaptiveLr = tmp(tmp(tmp(expAvgSq.sqrt()).add_(s(g.getDouble("eps"))).reciprocal()).mul(s(Math.sqrt(biasCorrection2))));
            org.bytedeco.pytorch.Tensor upd = tmp(tmp(tmp(corrected.mul(s(lr))).mul(adaptiveLr)).mul(s(rect)));
            p.add_(upd, s(-1.0));
        } else {
            p.add_(tmp(corrected.mul(s(lr))), s(-1.0));
        }
    }
}
