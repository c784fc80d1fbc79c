package org.torch4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * {@code torch.optim.Adam} (with optional L2 weight decay and AMSGrad):
 * PyTorch 1.13's {@code _single_tensor_adam}, op for op.
 * <pre>{@code
 * new Adam(model.parameters(), 1e-3);                                           // Adam(params, lr=1e-3)
 * new Adam(params, new Adam.Options(0.01).withBetas(0.8, 0.9).withAmsgrad(true));
 * }</pre>
 */
public final class Adam extends BuiltinOptimizer<Adam.Options> {

    /**
     * Adam's hyper-parameters with PyTorch's defaults ({@code lr=1e-3, betas=(0.9, 0.999),
     * eps=1e-8, weight_decay=0, amsgrad=False, maximize=False}). Immutable; {@code with…} returns a changed copy.
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize)
            implements GroupOptions {
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
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** {@code betas=(beta1, beta2)}. */
        public Options withBetas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** A copy with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** A copy with {@code weight_decay}. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** A copy with {@code amsgrad}. */
        public Options withAmsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
        }

        /** The options without {@code maximize} (False, PyTorch's default). */
        public Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
            this(lr, beta1, beta2, eps, weightDecay, amsgrad, false);
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

    /** {@code Adam(params, lr=lr)}. */
    public Adam(Iterable<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** {@code Adam(params, **options)}; {@code options} become the defaults of later parameter groups. */
    public Adam(Iterable<Tensor> params, Options options) {
        super(params, options);
    }

    @Override
    void apply(ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad, Map<String, Object> state) {
        AdamUpdate.apply(this, g, p, grad, state, false);
    }
}
