package org.torch4j.optim.lr_scheduler;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * {@code CyclicLR(optimizer, base_lr, max_lr, ...)}: cyclical learning rates between
 * {@code baseLr} and {@code maxLr}, stepped once per batch; with {@code cycleMomentum} (default,
 * needs an optimizer with {@code momentum}) the momentum cycles inversely.
 * <pre>{@code
 * new CyclicLR(sgd, new CyclicLR.Options(0.01, 0.1).withStepSizeUp(4).withMode("triangular2"));
 * }</pre>
 */
public final class CyclicLR extends LRScheduler {
    /**
     * CyclicLR's options with PyTorch's defaults ({@code step_size_up=2000, step_size_down=None
     * (0 here: same as up), mode='triangular', gamma=1., scale_fn=None, scale_mode='cycle',
     * cycle_momentum=True, base_momentum=0.8, max_momentum=0.9}). The {@code double[]} options
     * hold one value for every group or one per group.
     */
    public record Options(double[] baseLr, double[] maxLr, double stepSizeUp, double stepSizeDown, String mode, double gamma,
            DoubleUnaryOperator scaleFn, String scaleMode, boolean cycleMomentum, double[] baseMomentum, double[] maxMomentum) {
        /** Validates {@code mode}: one of the built-in modes unless a {@code scaleFn} is given (PyTorch's message otherwise). */
        public Options {
            if (scaleFn == null && !List.of("triangular", "triangular2", "exp_range").contains(mode)) {
                throw new IllegalArgumentException("mode is invalid and scale_fn is None");
            }
        }

        /** {@code CyclicLR(optimizer, base_lr, max_lr)}. */
        public Options(double baseLr, double maxLr) {
            this(new double[] {baseLr}, new double[] {maxLr}, 2000, 0, "triangular", 1., null, "cycle", true, new double[] {0.8}, new double[] {0.9});
        }

        /** {@code base_lr}: lower lr boundary of the cycle, one value for every group or one per group. */
        public Options withBaseLr(double... baseLr) {
            return new Options(baseLr.clone(), maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code max_lr}: upper lr boundary of the cycle, one value for every group or one per group. */
        public Options withMaxLr(double... maxLr) {
            return new Options(baseLr, maxLr.clone(), stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code step_size_up}: iterations in the increasing half of a cycle (PyTorch's default 2000). */
        public Options withStepSizeUp(double stepSizeUp) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code step_size_down}; 0 means "as step_size_up" (PyTorch's None). */
        public Options withStepSizeDown(double stepSizeDown) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code "triangular"}, {@code "triangular2"} or {@code "exp_range"}. */
        public Options withMode(String mode) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code gamma}: constant of the {@code 'exp_range'} scaling, {@code gamma**(cycle iterations)} (PyTorch's default 1.0). */
        public Options withGamma(double gamma) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** A custom {@code scale_fn} applied per {@code scaleMode} ({@code "cycle"} or {@code "iterations"}); replaces the mode's. */
        public Options withScaleFn(DoubleUnaryOperator scaleFn, String scaleMode) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code cycle_momentum}: cycle the momentum inversely to the lr (PyTorch's default True). */
        public Options withCycleMomentum(boolean cycleMomentum) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum);
        }

        /** {@code base_momentum}: lower momentum boundary, one value for every group or one per group (PyTorch's default 0.8). */
        public Options withBaseMomentum(double... baseMomentum) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum.clone(), maxMomentum);
        }

        /** {@code max_momentum}: upper momentum boundary, one value for every group or one per group (PyTorch's default 0.9). */
        public Options withMaxMomentum(double... maxMomentum) {
            return new Options(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum.clone());
        }
    }

    private final double[] maxLrs;
    private final double totalSize;
    private final double stepRatio;
    private final DoubleUnaryOperator scaleFn;
    private final boolean scaleByCycle;
    private final boolean cycleMomentum;
    private double[] baseMomentums;
    private double[] maxMomentums;

    /** {@code CyclicLR(optimizer, base_lr, max_lr)}. */
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr) {
        this(optimizer, new Options(baseLr, maxLr), -1);
    }

    /** {@code CyclicLR(optimizer, **options)}. */
    public CyclicLR(Optimizer optimizer, Options options) {
        this(optimizer, options, -1);
    }

    /** {@code CyclicLR(optimizer, **options, last_epoch=lastEpoch)}. */
    public CyclicLR(Optimizer optimizer, Options o, int lastEpoch) {
        super(prepare(optimizer, o, lastEpoch), lastEpoch);
        double[] base = perGroup(optimizer, "base_lr", o.baseLr());
        maxLrs = perGroup(optimizer, "max_lr", o.maxLr());
        double up = o.stepSizeUp();
        double down = o.stepSizeDown() > 0 ? o.stepSizeDown() : up;
        totalSize = up + down;
        stepRatio = up / totalSize;
        double gamma = o.gamma();
        if (o.scaleFn() != null) {
            scaleFn = o.scaleFn();
            scaleByCycle = !"iterations".equals(o.scaleMode());
        } else if (o.mode().equals("triangular")) {
            scaleFn = x -> 1.;
            scaleByCycle = true;
        } else if (o.mode().equals("triangular2")) {
            scaleFn = x -> 1 / Math.pow(2., x - 1);
            scaleByCycle = true;
        } else {
            scaleFn = x -> Math.pow(gamma, x);
            scaleByCycle = false;
        }
        cycleMomentum = o.cycleMomentum();
        if (cycleMomentum) {
            List<ParamGroup> groups = optimizer.paramGroups();
            baseMomentums = new double[groups.size()];
            for (int i = 0; i < baseMomentums.length; i++) {
                baseMomentums[i] = groups.get(i).getDouble("momentum");
            }
            maxMomentums = perGroup(optimizer, "max_momentum", o.maxMomentum());
        }
        baseLrs = base;
        initialStep();
    }

    /** Sets each group's lr (and momentum) to its base value before the base constructor records initial_lr. */
    private static Optimizer prepare(Optimizer optimizer, Options o, int lastEpoch) {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] base = perGroup(optimizer, "base_lr", o.baseLr());
        if (lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                groups.get(i).setLr(base[i]);
            }
        }
        if (o.cycleMomentum()) {
            if (!optimizer.defaultOptions().containsKey("momentum")) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            double[] baseM = perGroup(optimizer, "base_momentum", o.baseMomentum());
            if (lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    groups.get(i).set("momentum", baseM[i]);
                }
            }
        }
        return optimizer;
    }

    @Override
    protected double[] getLr() {
        double cycle = Math.floor(1 + lastEpoch / totalSize);
        double x = 1. + lastEpoch / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double scale = scaleFn.applyAsDouble(scaleByCycle ? cycle : lastEpoch);
        double[] lrs = new double[baseLrs.length];
        for (int i = 0; i < lrs.length; i++) {
            double baseHeight = (maxLrs[i] - baseLrs[i]) * scaleFactor;
            lrs[i] = baseLrs[i] + baseHeight * scale;
        }
        if (cycleMomentum) {
            List<ParamGroup> groups = optimizer.paramGroups();
            for (int i = 0; i < groups.size(); i++) {
                double baseHeight = (maxMomentums[i] - baseMomentums[i]) * scaleFactor;
                groups.get(i).set("momentum", maxMomentums[i] - baseHeight * scale);
            }
        }
        return lrs;
    }
}
