package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.AdamW} (Adam with decoupled weight decay): PyTorch 1.13's {@code _single_tensor_adamw}, op for op.
 * <pre>{@code
 * new AdamW(model.parameters(), new AdamW.Options(1e-3).withWeightDecay(0.05));
 * }</pre>
 */
public final class AdamW extends BuiltinOptimizer<AdamW.Options> {

    /**
     * AdamW's hyper-parameters with PyTorch 1.13's defaults ({@code lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, maximize=False}).
     * Immutable; {@code with…} returns a changed copy. Invalid values are rejected with PyTorch's messages.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize)
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
            this(lr, 0.9, 0.999, 1e-8, 1e-2, false, false);
        }

        /** {@code lr}: the learning rate (PyTorch's default 1e-3). */
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code eps}: term added to the denominator for numerical stability (PyTorch's default 1e-8). */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code weight_decay}: decoupled weight decay coefficient (PyTorch's default 1e-2). */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code amsgrad}: use the AMSGrad variant (PyTorch's default False). */
        public Options withAmsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code maximize}: maximize the objective instead of minimizing it (PyTorch's default False). */
        public Options withMaximize(boolean maximize) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("betas", org.torch4j.Tuple.of(beta1, beta2)); // a tuple, as in PyTorch (torch.save writes it as one)
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("amsgrad", amsgrad);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** {@code AdamW(params, lr=lr)}. */
    public AdamW(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code AdamW(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public AdamW(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        AdamUpdate.apply(this, g, p, grad, state, true);
    }
}
