package org.torch4j.optim.lr_scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * {@code ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4,
 * threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)}: multiplies the lrs by {@code factor}
 * when a metric has stopped improving for {@code patience} epochs. Stepped with the metric:
 * {@link #step(double)}.
 * <pre>{@code
 * var plateau = new ReduceLROnPlateau(optimizer, new ReduceLROnPlateau.Options().withPatience(2));
 * plateau.step(validationLoss);
 * }</pre>
 */
public final class ReduceLROnPlateau {
    /** The options with PyTorch's defaults; {@code minLr} holds one value for every group or one per group. */
    public record Options(String mode, double factor, int patience, double threshold, String thresholdMode, int cooldown,
            double[] minLr, double eps) {
        /** Validates {@code factor}, {@code mode} and {@code thresholdMode} with PyTorch's messages. */
        public Options {
            if (factor >= 1.0) {
                throw new IllegalArgumentException("Factor should be < 1.0.");
            }
            if (!mode.equals("min") && !mode.equals("max")) {
                throw new IllegalArgumentException("mode " + mode + " is unknown!");
            }
            if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
                throw new IllegalArgumentException("threshold mode " + thresholdMode + " is unknown!");
            }
        }

        /** Every option at PyTorch's default. */
        public Options() {
            this("min", 0.1, 10, 1e-4, "rel", 0, new double[] {0}, 1e-8);
        }

        /** {@code "min"} or {@code "max"}. */
        public Options withMode(String mode) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code factor}: factor by which the lr is reduced, {@code new_lr = lr * factor} (PyTorch's default 0.1). */
        public Options withFactor(double factor) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code patience}: epochs with no improvement after which the lr is reduced (PyTorch's default 10). */
        public Options withPatience(int patience) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code threshold}: threshold for measuring a new optimum (PyTorch's default 1e-4). */
        public Options withThreshold(double threshold) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code "rel"} or {@code "abs"}. */
        public Options withThresholdMode(String thresholdMode) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code cooldown}: epochs to wait before resuming normal operation after a reduction (PyTorch's default 0). */
        public Options withCooldown(int cooldown) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /** {@code min_lr}: lower bound on the lr, one value for every group or one per group (PyTorch's default 0). */
        public Options withMinLr(double... minLr) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr.clone(), eps);
        }

        /** {@code eps}: minimal decay applied to the lr; smaller updates are ignored (PyTorch's default 1e-8). */
        public Options withEps(double eps) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }
    }

    private final Optimizer optimizer;
    private final Options options;
    private final double[] minLrs;
    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;
    private double[] lastLr;

    /** {@code ReduceLROnPlateau(optimizer)} with every option at its default. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, new Options());
    }

    /** {@code ReduceLROnPlateau(optimizer, **options)}. */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.options = Objects.requireNonNull(options, "options");
        minLrs = LRScheduler.perGroup(optimizer, "min_lrs", options.minLr());
        best = modeWorse();
        numBadEpochs = 0;
        cooldownCounter = 0;
        lastEpoch = 0;
    }

    private double modeWorse() {
        return options.mode().equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** {@code scheduler.step(metrics)}: one epoch with this value of the monitored metric. */
    public void step(double metric) {
        List<ParamGroup> groups = optimizer.paramGroups(); // IllegalStateException if closed
        double current = metric;
        int epoch = lastEpoch + 1;
        lastEpoch = epoch;
        if (isBetter(current, best)) {
            best = current;
            numBadEpochs = 0;
        } else {
            numBadEpochs += 1;
        }
        if (cooldownCounter > 0) {
            cooldownCounter -= 1;
            numBadEpochs = 0;
        }
        if (numBadEpochs > options.patience()) {
            for (int i = 0; i < groups.size(); i++) {
                double oldLr = groups.get(i).lr();
                double newLr = Math.max(oldLr * options.factor(), minLrs[i]);
                if (oldLr - newLr > options.eps()) {
                    groups.get(i).setLr(newLr);
                }
            }
            cooldownCounter = options.cooldown();
            numBadEpochs = 0;
        }
        lastLr = new double[groups.size()];
        for (int i = 0; i < lastLr.length; i++) {
            lastLr[i] = groups.get(i).lr();
        }
    }

    private boolean isBetter(double a, double best) {
        boolean min = options.mode().equals("min");
        boolean rel = options.thresholdMode().equals("rel");
        double t = options.threshold();
        if (min && rel) {
            return a < best * (1. - t);
        } else if (min) {
            return a < best - t;
        } else if (rel) {
            return a > best * (t + 1.);
        }
        return a > best + t;
    }

    /** {@code get_last_lr()}: each group's lr after the last step; IllegalStateException before the first. */
    public double[] getLastLr() {
        if (lastLr == null) {
            throw new IllegalStateException("ReduceLROnPlateau has not stepped yet: no last lr");
        }
        return lastLr.clone();
    }

    /** The optimizer this scheduler drives. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@code state_dict()}: the progress under PyTorch's names (best, num_bad_epochs, cooldown_counter, last_epoch, _last_lr). */
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("best", best);
        d.put("num_bad_epochs", numBadEpochs);
        d.put("cooldown_counter", cooldownCounter);
        d.put("last_epoch", lastEpoch);
        d.put("_last_lr", LRScheduler.toList(lastLr));
        return d;
    }

    /** {@code load_state_dict(state_dict)}. */
    public void loadStateDict(Map<String, Object> d) {
        best = ((Number) d.get("best")).doubleValue();
        numBadEpochs = ((Number) d.get("num_bad_epochs")).intValue();
        cooldownCounter = ((Number) d.get("cooldown_counter")).intValue();
        lastEpoch = ((Number) d.get("last_epoch")).intValue();
        lastLr = LRScheduler.toArray(d.get("_last_lr"));
    }
}
