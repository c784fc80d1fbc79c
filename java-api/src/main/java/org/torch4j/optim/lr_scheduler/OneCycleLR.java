package org.torch4j.optim.lr_scheduler;

import java.util.List;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * {@code OneCycleLR(optimizer, max_lr, total_steps, ...)}: the 1cycle policy, stepped once per batch.
 * The lr rises from {@code max_lr / div_factor} to {@code max_lr} over {@code pct_start} of the
 * steps and anneals to {@code initial_lr / final_div_factor}; with {@code cycleMomentum} the
 * momentum (or Adam's beta1) moves the opposite way. Writes {@code initial_lr}, {@code max_lr},
 * {@code min_lr} (and {@code max_momentum}, {@code base_momentum}) into the groups, as PyTorch.
 * <pre>{@code
 * new OneCycleLR(optimizer, new OneCycleLR.Options(0.1, 1000).withAnnealStrategy("linear"));
 * }</pre>
 */
public final class OneCycleLR extends LRScheduler {
    /**
     * OneCycleLR's options with PyTorch's defaults ({@code pct_start=0.3, anneal_strategy='cos',
     * cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.,
     * final_div_factor=1e4, three_phase=False}). {@code maxLr}, {@code baseMomentum} and
     * {@code maxMomentum} hold one value for every group or one per group.
     */
    public record Options(double[] maxLr, int totalSteps, double pctStart, String annealStrategy, boolean cycleMomentum,
            double[] baseMomentum, double[] maxMomentum, double divFactor, double finalDivFactor, boolean threePhase) {
        /** Validates {@code totalSteps}, {@code pctStart} and {@code annealStrategy} with PyTorch's messages. */
        public Options {
            if (totalSteps <= 0) {
                throw new IllegalArgumentException("Expected positive integer total_steps, but got " + totalSteps);
            }
            if (pctStart < 0 || pctStart > 1) {
                throw new IllegalArgumentException("Expected float between 0 and 1 pct_start, but got " + pctStart);
            }
            if (!annealStrategy.equals("cos") && !annealStrategy.equals("linear")) {
                throw new IllegalArgumentException("anneal_strategy must by one of 'cos' or 'linear', instead got " + annealStrategy);
            }
        }

        /** {@code OneCycleLR(optimizer, max_lr, total_steps)}. */
        public Options(double maxLr, int totalSteps) {
            this(new double[] {maxLr}, totalSteps, 0.3, "cos", true, new double[] {0.85}, new double[] {0.95}, 25., 1e4, false);
        }

        /** {@code OneCycleLR(optimizer, max_lr, epochs=epochs, steps_per_epoch=stepsPerEpoch)}. */
        public static Options ofEpochs(double maxLr, int epochs, int stepsPerEpoch) {
            if (epochs <= 0) {
                throw new IllegalArgumentException("Expected positive integer epochs, but got " + epochs);
            }
            if (stepsPerEpoch <= 0) {
                throw new IllegalArgumentException("Expected positive integer steps_per_epoch, but got " + stepsPerEpoch);
            }
            return new Options(maxLr, epochs * stepsPerEpoch);
        }

        /** {@code max_lr} per group (one value applies to every group). */
        public Options withMaxLr(double... maxLr) {
            return new Options(maxLr.clone(), totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code pct_start}: fraction of the cycle spent increasing the lr (PyTorch's default 0.3). */
        public Options withPctStart(double pctStart) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code "cos"} or {@code "linear"}. */
        public Options withAnnealStrategy(String annealStrategy) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code cycle_momentum}: cycle the momentum inversely to the lr (PyTorch's default True). */
        public Options withCycleMomentum(boolean cycleMomentum) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code base_momentum}: lower momentum boundary, one value for every group or one per group (PyTorch's default 0.85). */
        public Options withBaseMomentum(double... baseMomentum) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum.clone(), maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code max_momentum}: upper momentum boundary, one value for every group or one per group (PyTorch's default 0.95). */
        public Options withMaxMomentum(double... maxMomentum) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum.clone(), divFactor, finalDivFactor, threePhase);
        }

        /** {@code div_factor}: the initial lr is {@code max_lr / div_factor} (PyTorch's default 25). */
        public Options withDivFactor(double divFactor) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code final_div_factor}: the minimum lr is {@code initial_lr / final_div_factor} (PyTorch's default 1e4). */
        public Options withFinalDivFactor(double finalDivFactor) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }

        /** {@code three_phase}: use a third phase that anneals to the minimum lr (PyTorch's default False). */
        public Options withThreePhase(boolean threePhase) {
            return new Options(maxLr, totalSteps, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
        }
    }

    private record Phase(double endStep, String startLr, String endLr, String startMomentum, String endMomentum) {
    }

    private final int totalSteps;
    private final Phase[] phases;
    private final boolean linear;
    private final boolean cycleMomentum;
    private boolean useBeta1;

    /** {@code OneCycleLR(optimizer, max_lr, total_steps)}. */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, new Options(maxLr, totalSteps), -1);
    }

    /** {@code OneCycleLR(optimizer, **options)}. */
    public OneCycleLR(Optimizer optimizer, Options options) {
        this(optimizer, options, -1);
    }

    /** {@code OneCycleLR(optimizer, **options, last_epoch=lastEpoch)}. */
    public OneCycleLR(Optimizer optimizer, Options o, int lastEpoch) {
        super(prepare(optimizer, o, lastEpoch), lastEpoch);
        totalSteps = o.totalSteps();
        if (o.threePhase()) {
            phases = new Phase[] {
                new Phase(o.pctStart() * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(2 * o.pctStart() * totalSteps - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                new Phase(totalSteps - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            };
        } else {
            phases = new Phase[] {
                new Phase(o.pctStart() * totalSteps - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new Phase(totalSteps - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            };
        }
        linear = o.annealStrategy().equals("linear");
        cycleMomentum = o.cycleMomentum();
        useBeta1 = optimizer.defaultOptions().containsKey("betas");
        initialStep();
    }

    /** Writes initial_lr/max_lr/min_lr (and the momenta) into the groups before the base constructor reads initial_lr. */
    private static Optimizer prepare(Optimizer optimizer, Options o, int lastEpoch) {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] maxLrs = perGroup(optimizer, "max_lr", o.maxLr());
        if (lastEpoch == -1) {
            for (int i = 0; i < groups.size(); i++) {
                ParamGroup g = groups.get(i);
                g.set("initial_lr", maxLrs[i] / o.divFactor());
                g.set("max_lr", maxLrs[i]);
                g.set("min_lr", g.getDouble("initial_lr") / o.finalDivFactor());
            }
        }
        if (o.cycleMomentum()) {
            boolean beta1 = optimizer.defaultOptions().containsKey("betas");
            if (!optimizer.defaultOptions().containsKey("momentum") && !beta1) {
                throw new IllegalArgumentException("optimizer must support momentum with `cycle_momentum` option enabled");
            }
            double[] maxM = perGroup(optimizer, "max_momentum", o.maxMomentum());
            double[] baseM = perGroup(optimizer, "base_momentum", o.baseMomentum());
            if (lastEpoch == -1) {
                for (int i = 0; i < groups.size(); i++) {
                    ParamGroup g = groups.get(i);
                    setMomentum(g, beta1, maxM[i]);
                    g.set("max_momentum", maxM[i]);
                    g.set("base_momentum", baseM[i]);
                }
            }
        }
        return optimizer;
    }

    static void setMomentum(ParamGroup g, boolean beta1, double m) {
        if (beta1) {
            g.set("betas", List.of(m, g.getDouble("betas", 1)));
        } else {
            g.set("momentum", m);
        }
    }

    private double anneal(double start, double end, double pct) {
        if (linear) {
            return (end - start) * pct + start;
        }
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    @Override
    protected double[] getLr() {
        int stepNum = lastEpoch;
        if (stepNum > totalSteps) {
            throw new IllegalStateException("Tried to step " + (stepNum + 1) + " times. The specified number of total steps is " + totalSteps);
        }
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int k = 0; k < lrs.length; k++) {
            ParamGroup g = groups.get(k);
            double startStep = 0;
            double lr = 0;
            double momentum = 0;
            for (int i = 0; i < phases.length; i++) {
                Phase ph = phases[i];
                double endStep = ph.endStep();
                if (stepNum <= endStep || i == phases.length - 1) {
                    double pct = (stepNum - startStep) / (endStep - startStep);
                    lr = anneal(g.getDouble(ph.startLr()), g.getDouble(ph.endLr()), pct);
                    if (cycleMomentum) {
                        momentum = anneal(g.getDouble(ph.startMomentum()), g.getDouble(ph.endMomentum()), pct);
                    }
                    break;
                }
                startStep = ph.endStep();
            }
            lrs[k] = lr;
            if (cycleMomentum) {
                setMomentum(g, useBeta1, momentum);
            }
        }
        return lrs;
    }
}
