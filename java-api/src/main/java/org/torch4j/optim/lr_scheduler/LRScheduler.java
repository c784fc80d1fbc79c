package org.torch4j.optim.lr_scheduler;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.ParamGroup;

/**
 * Base of the epoch/iteration schedulers, PyTorch 1.13's {@code torch.optim.lr_scheduler._LRScheduler}:
 * at construction every group gets {@code initial_lr} (unless resuming with {@code lastEpoch >= 0},
 * which requires it), {@code baseLrs} are those, and one step is taken (so the group lr is the
 * schedule's value at epoch 0). {@link #step()} advances {@code lastEpoch} and writes the
 * chainable form's values ({@link #getLr()}) into the groups; {@link #step(int)} jumps to an epoch
 * with the closed form where the scheduler has one (PyTorch's deprecated {@code step(epoch)}).
 * Learning rates are computed in Java doubles with PyTorch's formulas and operation order.
 *
 * <p>A subclass sets its fields and then calls {@link #initialStep()} at the end of its
 * constructor (Java runs the base constructor before the subclass's fields are set). A scheduler
 * on a closed optimizer throws IllegalStateException. Not thread-safe.
 */
public abstract class LRScheduler {
    /** The optimizer whose parameter groups' lrs this scheduler sets. */
    protected final Optimizer optimizer;
    /** {@code base_lrs}: the groups' {@code initial_lr}. */
    protected double[] baseLrs;
    /** {@code last_epoch}: -1 before the initial step. */
    protected int lastEpoch;
    /** {@code _step_count}: steps taken, the initial one included. */
    protected int stepCount;
    private double[] lastLr;

    /** {@code _LRScheduler(optimizer, last_epoch)}. */
    protected LRScheduler(Optimizer optimizer, int lastEpoch) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<ParamGroup> groups = optimizer.paramGroups(); // IllegalStateException if closed
        if (lastEpoch == -1) {
            for (ParamGroup g : groups) {
                if (!g.has("initial_lr")) {
                    g.set("initial_lr", g.lr());
                }
            }
        } else {
            for (int i = 0; i < groups.size(); i++) {
                if (!groups.get(i).has("initial_lr")) {
                    throw new IllegalArgumentException("param 'initial_lr' is not specified in param_groups[" + i + "] when resuming an optimizer");
                }
            }
        }
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            baseLrs[i] = groups.get(i).getDouble("initial_lr");
        }
        this.lastEpoch = lastEpoch;
    }

    /** {@code _initial_step()}: resets the step count and takes the first step; called last by each constructor. */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /** The optimizer this scheduler drives. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** {@code last_epoch}. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** {@code get_last_lr()}: the learning rate of each group after the last step. */
    public double[] getLastLr() {
        return lastLr.clone();
    }

    /** The chainable form: each group's lr for {@code lastEpoch} (just advanced), from the current group lrs. */
    protected abstract double[] getLr();

    /** The closed form for {@code lastEpoch}, or null when the scheduler has none (then {@link #getLr()} is used). */
    protected double[] closedFormLr() {
        return null;
    }

    /** {@code scheduler.step()}: the next epoch (or iteration) of the schedule. */
    public void step() {
        List<ParamGroup> groups = optimizer.paramGroups(); // IllegalStateException if closed
        stepCount++;
        lastEpoch++;
        apply(groups, getLr());
    }

    /**
     * {@code scheduler.step(epoch)} (deprecated in PyTorch): sets {@code lastEpoch = epoch} and
     * uses the closed form where there is one.
     */
    public void step(int epoch) {
        List<ParamGroup> groups = optimizer.paramGroups();
        stepCount++;
        lastEpoch = epoch;
        double[] closed = closedFormLr();
        apply(groups, closed != null ? closed : getLr());
    }

    /** Writes {@code values} into the groups and remembers them as the last lrs. */
    final void apply(List<ParamGroup> groups, double[] values) {
        for (int i = 0; i < groups.size() && i < values.length; i++) {
            groups.get(i).setLr(values[i]);
        }
        recordLastLr();
    }

    final void recordLastLr() {
        List<ParamGroup> groups = optimizer.paramGroups();
        lastLr = new double[groups.size()];
        for (int i = 0; i < lastLr.length; i++) {
            lastLr[i] = groups.get(i).lr();
        }
    }

    /** The current lr of each group ({@code [group['lr'] for group in optimizer.param_groups]}). */
    protected final double[] groupLrs() {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(i).lr();
        }
        return out;
    }

    /**
     * {@code scheduler.state_dict()}: the schedule's progress under PyTorch's names
     * ({@code last_epoch}, {@code base_lrs}, {@code _step_count}, {@code _last_lr}, and the
     * scheduler's own counters). Hyper-parameters are the constructor's and are not restored.
     */
    public Map<String, Object> stateDict() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("last_epoch", lastEpoch);
        d.put("base_lrs", toList(baseLrs));
        d.put("_step_count", stepCount);
        d.put("_last_lr", toList(lastLr));
        return d;
    }

    /** {@code scheduler.load_state_dict(state_dict)}: restores what {@link #stateDict()} saved. */
    public void loadStateDict(Map<String, Object> d) {
        Objects.requireNonNull(d, "stateDict");
        lastEpoch = ((Number) d.get("last_epoch")).intValue();
        baseLrs = toArray(d.get("base_lrs"));
        stepCount = ((Number) d.get("_step_count")).intValue();
        lastLr = toArray(d.get("_last_lr"));
    }

    static List<Double> toList(double[] a) {
        return a == null ? null : Arrays.stream(a).boxed().toList();
    }

    static double[] toArray(Object o) {
        if (o == null) {
            return null;
        }
        List<?> l = (List<?>) o;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return a;
    }

    /** {@code optimizer}, after checking an argument before the base constructor touches the groups (as PyTorch checks first). */
    static Optimizer require(Optimizer optimizer, boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
        return optimizer;
    }

    /** One value per group: {@code values} when it has one per group, or {@code value} repeated (PyTorch's _format_param). */
    static double[] perGroup(Optimizer o, String name, double[] values) {
        int n = o.paramGroups().size();
        if (values.length == 1) {
            double[] out = new double[n];
            Arrays.fill(out, values[0]);
            return out;
        }
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values for " + name + ", got " + values.length);
        }
        return values.clone();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(last_epoch=" + lastEpoch + ", last_lr=" + Arrays.toString(lastLr) + ")";
    }
}
