package org.torch4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * One parameter group of an {@link Optimizer} ({@code optimizer.param_groups[i]}): its parameters
 * and its options under PyTorch's names ({@code "lr"}, {@code "momentum"}, {@code "betas"} as a
 * {@code List<Double>}, ...). Options are read by the optimizer at every step, so a change (by
 * hand or by an LR scheduler, which also adds {@code "initial_lr"}) takes effect at the next step.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options;

    ParamGroup(List<Tensor> params, Map<String, Object> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    /** The parameters of this group, as they were given (read-only). */
    public List<Tensor> params() {
        return params;
    }

    /** Every option of this group, read-only ({@code param_group} without {@code 'params'}). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    /** {@code param_group[key]}, or null when absent. */
    public Object get(String key) {
        return options.get(key);
    }

    /** Whether the group has the option {@code key}. */
    public boolean has(String key) {
        return options.containsKey(key);
    }

    /** {@code param_group[key]} as a double; IllegalArgumentException when absent or not a number. */
    public double getDouble(String key) {
        Object v = options.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("param group option '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
    }

    /** {@code param_group[key]} as a boolean; IllegalArgumentException when absent or not a boolean. */
    public boolean getBoolean(String key) {
        Object v = options.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("param group option '" + key + "' is " + (v == null ? "missing" : "not a boolean: " + v));
    }

    /** Element {@code i} of a tuple option such as {@code betas}. */
    public double getDouble(String key, int i) {
        Object v = options.get(key);
        if (v instanceof List<?> l && i < l.size() && l.get(i) instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof double[] a && i < a.length) {
            return a[i];
        }
        throw new IllegalArgumentException("param group option '" + key + "' has no number at index " + i + ": " + v);
    }

    /** {@code param_group[key] = value}; takes effect at the next step. */
    public void set(String key, Object value) {
        if (key.equals("params")) {
            throw new IllegalArgumentException("a group's params cannot be replaced");
        }
        if (key.equals("lr")) {
            Optimizer.checkLr(((Number) value).doubleValue());
        }
        options.put(key, value);
    }

    /** {@code param_group['lr']}. */
    public double lr() {
        return getDouble("lr");
    }

    /** {@code param_group['lr'] = lr}; takes effect at the next step. */
    public void setLr(double lr) {
        Optimizer.checkLr(lr);
        options.put("lr", lr);
    }

    void replaceOptions(Map<String, Object> o) {
        options.clear();
        options.putAll(o);
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
