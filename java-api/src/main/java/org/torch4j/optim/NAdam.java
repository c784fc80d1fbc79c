package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.NAdam} (Adam with Nesterov momentum): PyTorch 1.13's {@code _single_tensor_nadam}, op for op
 * ({@code mu_product} is a float32 scalar tensor, as in PyTorch, so its rounding is PyTorch's).
 * <pre>{@code
 * new NAdam(model.parameters(), new NAdam.Options(2e-3).withMomentumDecay(4e-3));
 * }</pre>
 */
public final class NAdam extends BuiltinOptimizer<NAdam.Options> {

    /**
     * NAdam's hyper-parameters with PyTorch 1.13's defaults ({@code lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay)
            implements GroupOptions {
        /** Validates the options, rejecting invalid values with PyTorch's messages. */
        public Options {
            checkLr(lr);
            check(eps >= 0.0, "Invalid epsilon value: " + eps);
            check(beta1 >= 0.0 && beta1 < 1.0, "Invalid beta parameter at index 0: " + beta1);
            check(beta2 >= 0.0 && beta2 < 1.0, "Invalid beta parameter at index 1: " + beta2);
            check(weightDecay >= 0.0, "Invalid weight_decay value: " + weightDecay);
            check(momentumDecay >= 0.0, "Invalid momentum_decay value: " + momentumDecay);
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this(2e-3);
        }

        /** {@code lr} with every other option at its default. */
        public Options(double lr) {
            this(lr, 0.9, 0.999, 1e-8, 0.0, 4e-3);
        }

        /** {@code lr}: the learning rate (PyTorch's default 2e-3). */
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, momentumDecay);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, momentumDecay);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-8). */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, momentumDecay);
        }

        /** {@code weight_decay}: L2 penalty (PyTorch's default 0). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, momentumDecay);
        }

        /** {@code momentum_decay}: the momentum decay psi (PyTorch's default 4e-3). */
        public Options withMomentumDecay(double momentumDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, momentumDecay);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("betas", org.torch4j.Tuple.of(beta1, beta2)); // a tuple, as in PyTorch (torch.save writes it as one)
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("momentum_decay", momentumDecay);
            return m;
        }
    }

    /** {@code NAdam(params, lr=lr)}. */
    public NAdam(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code NAdam(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public NAdam(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        org.bytedeco.pytorch.Tensor expAvg;
        org.bytedeco.pytorch.Tensor expAvgSq;
        org.bytedeco.pytorch.Tensor muProduct;
        if (!state.containsKey("exp_avg")) {
            state.put("step", 0.0);
            muProduct = newState(state, "mu_product", torch.ones(new long[0])); // torch.tensor(1.), float32
            expAvg = newState(state, "exp_avg", torch.zeros_like(p));
            expAvgSq = newState(state, "exp_avg_sq", torch.zeros_like(p));
        } else {
            muProduct = state(state, "mu_product");
            expAvg = state(state, "exp_avg");
            expAvgSq = state(state, "exp_avg_sq");
        }
        double beta1 = g.getDouble("betas", 0);
        double beta2 = g.getDouble("betas", 1);
        double lr = g.lr();
        double momentumDecay = g.getDouble("momentum_decay");
        double step = nextStep(state);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        grad = decayed(grad, p, g.getDouble("weight_decay"));
        double mu = beta1 * (1. - 0.5 * Math.pow(0.96, step * momentumDecay));
        double muNext = beta1 * (1. - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
        muProduct.mul_(s(mu));
        double muProductNow = muProduct.item().toDouble();
        double muProductNext = tmp(tmp(muProduct.mul(s(mu))).mul(s(muNext))).item().toDouble();
        expAvg.mul_(s(beta1)).add_(grad, s(1 - beta1));
        expAvgSq.mul_(s(beta2)).addcmul_(grad, grad, s(1 - beta2));
        org.bytedeco.pytorch.Tensor denom = tmp(tmp(expAvgSq.div(s(biasCorrection2))).sqrt()).add_(s(g.getDouble("eps")));
        p.addcdiv_(grad, denom, s(-lr * (1. - mu) / (1. - muProductNow)));
        p.addcdiv_(expAvg, denom, s(-lr * muNext / (1. - muProductNext)));
    }
}
