package org.torch4j.optim.lr_scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * {@code SequentialLR(optimizer, schedulers, milestones)}: runs {@code schedulers[i]} between
 * milestones i-1 and i; at a milestone the next scheduler restarts at epoch 0 (its closed form).
 * <pre>{@code
 * new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1.0, 4), new ExponentialLR(opt, 0.8)), new int[] {5});
 * }</pre>
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;
    private double[] lastLr;

    /** {@code SequentialLR(optimizer, schedulers, milestones)}. */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones) {
        this(optimizer, schedulers, milestones, -1);
    }

    /** {@code SequentialLR(optimizer, schedulers, milestones, last_epoch)}. */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones, int lastEpoch) {
        super(optimizer, lastEpoch);
        Objects.requireNonNull(schedulers, "schedulers");
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("Sequential Schedulers expects all schedulers to belong to the same optimizer, but "
                        + "got schedulers at index " + i + " to be different than the optimizer passed in.");
            }
        }
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("Sequential Schedulers expects number of schedulers provided to be one more "
                    + "than the number of milestone points, but got number of schedulers " + schedulers.size()
                    + " and the number of milestones to be equal to " + milestones.length);
        }
        this.schedulers = new ArrayList<>(schedulers);
        this.milestones = milestones.clone();
        this.lastEpoch = lastEpoch + 1;
        for (ParamGroup g : optimizer.paramGroups()) {
            g.setLr(g.getDouble("initial_lr"));
        }
        for (LRScheduler s : this.schedulers) {
            s.lastEpoch -= 1;
        }
        this.schedulers.get(0).initialStep();
        lastLr = this.schedulers.get(0).getLastLr();
    }

    @Override
    protected double[] getLr() {
        throw new UnsupportedOperationException("SequentialLR delegates to its schedulers");
    }

    @Override
    public void step() {
        optimizer.paramGroups();
        lastEpoch += 1;
        int idx = 0; // bisect_right(milestones, last_epoch)
        while (idx < milestones.length && milestones[idx] <= lastEpoch) {
            idx++;
        }
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            s.step(0);
        } else {
            s.step();
        }
        lastLr = s.getLastLr();
    }

    @Override
    public void step(int epoch) {
        throw new UnsupportedOperationException("SequentialLR.step(epoch): PyTorch's SequentialLR has no epoch argument");
    }

    @Override
    public double[] getLastLr() {
        return lastLr.clone();
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("last_epoch", lastEpoch);
        d.put("_last_lr", toList(lastLr));
        List<Map<String, Object>> subs = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            subs.add(s.stateDict());
        }
        d.put("_schedulers", subs);
        return d;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> d) {
        lastEpoch = ((Number) d.get("last_epoch")).intValue();
        lastLr = toArray(d.get("_last_lr"));
        List<Map<String, Object>> subs = (List<Map<String, Object>>) d.get("_schedulers");
        for (int i = 0; i < schedulers.size(); i++) {
            schedulers.get(i).loadStateDict(subs.get(i));
        }
    }
}
