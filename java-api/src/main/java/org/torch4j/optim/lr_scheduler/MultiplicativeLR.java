package org.torch4j.optim.lr_scheduler;

import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.torch4j.optim.Optimizer;

/** {@code MultiplicativeLR(optimizer, lr_lambda)}: each epoch multiplies every group's lr by {@code lrLambda(epoch)}. */
public final class MultiplicativeLR extends LRScheduler {
    private final IntToDoubleFunction[] lambdas;

    /** {@code MultiplicativeLR(optimizer, lr_lambda)}: one function for every group. */
    public MultiplicativeLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, List.of(lrLambda), -1);
    }

    /** {@code MultiplicativeLR(optimizer, lr_lambdas, last_epoch)}; a single function applies to every group. */
    public MultiplicativeLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas, int lastEpoch) {
        super(optimizer, lastEpoch);
        lambdas = perGroupLambdas(optimizer, lrLambdas);
        initialStep();
    }

    static IntToDoubleFunction[] perGroupLambdas(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        Objects.requireNonNull(lrLambdas, "lrLambda");
        int n = optimizer.paramGroups().size();
        IntToDoubleFunction[] out = new IntToDoubleFunction[n];
        if (lrLambdas.size() == 1) {
            java.util.Arrays.fill(out, Objects.requireNonNull(lrLambdas.get(0), "lrLambda"));
        } else if (lrLambdas.size() == n) {
            for (int i = 0; i < n; i++) {
                out[i] = Objects.requireNonNull(lrLambdas.get(i), "lrLambda");
            }
        } else {
            throw new IllegalArgumentException("Expected " + n + " lr_lambdas, but got " + lrLambdas.size());
        }
        return out;
    }

    @Override
    protected double[] getLr() {
        double[] lrs = groupLrs();
        if (lastEpoch > 0) {
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] * lambdas[i].applyAsDouble(lastEpoch);
            }
        }
        return lrs;
    }
}
