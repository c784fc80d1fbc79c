package org.torch4j.optim.lr_scheduler;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.torch4j.optim.Optimizer;

/** {@code LambdaLR(optimizer, lr_lambda)}: each group's lr is {@code base_lr * lrLambda(epoch)}. */
public final class LambdaLR extends LRScheduler {
    private final IntToDoubleFunction[] lambdas;

    /** {@code LambdaLR(optimizer, lr_lambda)}: one function for every group. */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, List.of(lrLambda), -1);
    }

    /** {@code LambdaLR(optimizer, [lr_lambda per group])}. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        this(optimizer, lrLambdas, -1);
    }

    /** {@code LambdaLR(optimizer, lr_lambdas, last_epoch)}; a single function applies to every group. */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas, int lastEpoch) {
        super(optimizer, lastEpoch);
        lambdas = MultiplicativeLR.perGroupLambdas(optimizer, lrLambdas);
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = baseLrs[i] * lambdas[i].applyAsDouble(lastEpoch);
        }
        return out;
    }
}
