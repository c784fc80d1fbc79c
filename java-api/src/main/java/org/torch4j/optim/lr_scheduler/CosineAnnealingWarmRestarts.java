package org.torch4j.optim.lr_scheduler;

import java.util.Map;
import org.torch4j.optim.ParamGroup;
import org.torch4j.optim.Optimizer;

/**
 * {@code CosineAnnealingWarmRestarts(optimizer, T_0, T_mult=1, eta_min=0)} (SGDR): cosine annealing
 * restarted every {@code T_i} epochs, {@code T_i} growing by {@code T_mult} after each restart.
 * {@link #step(double)} takes a fractional epoch, as PyTorch's {@code step(epoch + i / iters)}.
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private final int t0;
    private final int tMult;
    private final double etaMin;
    private double tI;
    private double tCur;

    /** {@code CosineAnnealingWarmRestarts(optimizer, T_0)}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, t0, 1, 0.0, -1);
    }

    /** {@code CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min)}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        this(optimizer, t0, tMult, etaMin, -1);
    }

    /** {@code CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min, last_epoch)}. */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin, int lastEpoch) {
        super(require(require(optimizer, t0 > 0, "Expected positive integer T_0, but got " + t0),
                tMult >= 1, "Expected integer T_mult >= 1, but got " + tMult), lastEpoch);
        this.t0 = t0;
        this.tI = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        this.tCur = lastEpoch;
        initialStep();
    }

    @Override
    protected double[] getLr() {
        double[] out = new double[baseLrs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
        }
        return out;
    }

    @Override
    public void step() {
        optimizer.paramGroups();
        if (lastEpoch < 0) {
            step(0.0);
            return;
        }
        int epoch = lastEpoch + 1;
        tCur = tCur + 1;
        if (tCur >= tI) {
            tCur = tCur - tI;
            tI = tI * tMult;
        }
        lastEpoch = epoch;
        write();
    }

    @Override
    public void step(int epoch) {
        step((double) epoch);
    }

    /** {@code scheduler.step(epoch)} with a fractional epoch. */
    public void step(double epoch) {
        optimizer.paramGroups();
        if (epoch < 0) {
            throw new IllegalArgumentException("Expected non-negative epoch, but got " + epoch);
        }
        if (epoch >= t0) {
            if (tMult == 1) {
                tCur = epoch % t0;
            } else {
                int n = (int) (Math.log(epoch / t0 * (tMult - 1) + 1) / Math.log(tMult));
                tCur = epoch - t0 * (Math.pow(tMult, n) - 1) / (tMult - 1);
                tI = t0 * Math.pow(tMult, n);
            }
        } else {
            tI = t0;
            tCur = epoch;
        }
        lastEpoch = (int) Math.floor(epoch);
        write();
    }

    private void write() {
        double[] lrs = getLr();
        int i = 0;
        for (ParamGroup g : optimizer.paramGroups()) {
            g.setLr(lrs[i++]);
        }
        recordLastLr();
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> d = super.stateDict();
        d.put("T_i", tI);
        d.put("T_cur", tCur);
        return d;
    }

    @Override
    public void loadStateDict(Map<String, Object> d) {
        super.loadStateDict(d);
        tI = ((Number) d.get("T_i")).doubleValue();
        tCur = ((Number) d.get("T_cur")).doubleValue();
    }
}
