package org.torch4j.optim;

import java.util.Map;
import org.bytedeco.pytorch.global.torch;

/** The update shared by {@link Adam} and {@link AdamW}: PyTorch 1.13's {@code _single_tensor_adam(w)}, non-capturable branch. */
final class AdamUpdate {
    private AdamUpdate() {
    }

    static void apply(BuiltinOptimizer o, ParamGroup g, org.bytedeco.pytorch.Tensor p, org.bytedeco.pytorch.Tensor grad,
            Map<String, Object> state, boolean decoupled) {
        double lr = g.lr();
        double beta1 = g.getDouble("betas", 0);
        double beta2 = g.getDouble("betas", 1);
        double weightDecay = g.getDouble("weight_decay");
        boolean amsgrad = g.getBoolean("amsgrad");
        org.bytedeco.pytorch.Tensor expAvg;
        org.bytedeco.pytorch.Tensor expAvgSq;
        org.bytedeco.pytorch.Tensor maxExpAvgSq = null;
        if (!state.containsKey("exp_avg")) {
            state.put("step", 0.0);
            expAvg = o.newState(state, "exp_avg", torch.zeros_like(p));
            expAvgSq = o.newState(state, "exp_avg_sq", torch.zeros_like(p));
            if (amsgrad) {
                maxExpAvgSq = o.newState(state, "max_exp_avg_sq", torch.zeros_like(p));
            }
        } else {
            expAvg = o.state(state, "exp_avg");
            expAvgSq = o.state(state, "exp_avg_sq");
            if (amsgrad) {
                maxExpAvgSq = o.state(state, "max_exp_avg_sq");
            }
        }
        if (g.has("maximize") && g.getBoolean("maximize")) {
            grad = o.tmp(grad.neg());
        }
        double step = BuiltinOptimizer.nextStep(state);
        if (decoupled) {
            p.mul_(o.s(1 - lr * weightDecay));
        } else {
            grad = o.decayed(grad, p, weightDecay);
        }
        expAvg.mul_(o.s(beta1)).add_(grad, o.s(1 - beta1));
        expAvgSq.mul_(o.s(beta2)).addcmul_(grad, grad, o.s(1 - beta2));
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        org.bytedeco.pytorch.Tensor denom;
        if (amsgrad) {
            torch.maximum_out(maxExpAvgSq, maxExpAvgSq, expAvgSq);
            denom = o.tmp(o.tmp(maxExpAvgSq.sqrt()).div(o.s(biasCorrection2Sqrt)));
        } else {
            denom = o.tmp(o.tmp(expAvgSq.sqrt()).div(o.s(biasCorrection2Sqrt)));
        }
        denom.add_(o.s(g.getDouble("eps")));
        p.addcdiv_(expAvg, denom, o.s(-stepSize));
    }
}
