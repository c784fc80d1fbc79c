package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Tensor;
import org.torch4j.autograd.Grad;

/** {@link Module#loadStateDict}: PyTorch 1.13's {@code load_state_dict} checks and messages. */
public final class StateDictLoader {
    private StateDictLoader() {
    }

    /**
     * PyTorch's {@code _IncompatibleKeys}: the keys the module has that the state dict lacked, and
     * those the state dict had that the module lacks.
     */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        /** Copies the key lists (unmodifiable). */
        public IncompatibleKeys {
            missingKeys = List.copyOf(missingKeys);
            unexpectedKeys = List.copyOf(unexpectedKeys);
        }

        /** True when nothing was missing or unexpected. */
        public boolean isEmpty() {
            return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
        }

        /** PyTorch's repr: {@code <All keys matched successfully>} or the two lists. */
        @Override
        public String toString() {
            if (isEmpty()) {
                return "<All keys matched successfully>";
            }
            return "_IncompatibleKeys(missing_keys=" + pyList(missingKeys) + ", unexpected_keys=" + pyList(unexpectedKeys) + ")";
        }

        private static String pyList(List<String> keys) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('\'').append(keys.get(i)).append('\'');
            }
            return sb.append(']').toString();
        }
    }

    static IncompatibleKeys load(Module module, Map<String, Tensor> stateDict, boolean strict) {
        Objects.requireNonNull(stateDict, "loadStateDict: stateDict is null");
        Map<String, Tensor> own = module.stateEntries();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String k : stateDict.keySet()) {
            Objects.requireNonNull(k, "loadStateDict: a key is null");
        }
        findUnexpected(module, "", stateDict, unexpected);
        try (Grad.Guard g = Grad.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                String key = e.getKey();
                Tensor mine = e.getValue();
                if (!stateDict.containsKey(key)) {
                    if (key.endsWith("num_batches_tracked") && isNormCounter(module, key)) {
                        mine.zero_(); // PyTorch 1.13's _NormBase: a dict without the counter (no version metadata) loads it as 0
                    } else {
                        missing.add(key);
                    }
                    continue;
                }
                Tensor theirs = Objects.requireNonNull(stateDict.get(key), () -> "loadStateDict: the value of \"" + key + "\" is null");
                long[] want = mine.shape();
                long[] got = theirs.shape();
                if (!Arrays.equals(want, got)) {
                    errors.add("size mismatch for " + key + ": copying a param with shape " + size(got)
                            + " from checkpoint, the shape in current model is " + size(want) + ".");
                    continue;
                }
                try {
                    mine.copy_(theirs);
                } catch (RuntimeException ex) {
                    errors.add("While copying the parameter named \"" + key + "\", whose dimensions in the model are "
                            + size(want) + " and whose dimensions in the checkpoint are " + size(got)
                            + ", an exception occurred : " + ex.getMessage() + ".");
                }
            }
        }
        if (strict) {
            if (!unexpected.isEmpty()) {
                errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            }
            if (!missing.isEmpty()) {
                errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ". ");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + module.moduleName() + ":\n\t"
                    + String.join("\n\t", errors));
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    /**
     * PyTorch's rule, module by module in load order: a key under a module's prefix whose first
     * component is neither a child nor one of its own entries is unexpected.
     */
    private static void findUnexpected(Module m, String prefix, Map<String, Tensor> stateDict, List<String> out) {
        java.util.Set<String> local = m.localStateNames();
        Map<String, Module> children = m.childMap();
        for (String key : stateDict.keySet()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                if (!children.containsKey(name) && !local.contains(name)) {
                    out.add(key);
                }
            }
        }
        for (Map.Entry<String, Module> c : children.entrySet()) {
            findUnexpected(c.getValue(), prefix + c.getKey() + ".", stateDict, out);
        }
    }

    /** Whether {@code key} is the {@code num_batches_tracked} buffer of a norm module tracking running stats. */
    private static boolean isNormCounter(Module root, String key) {
        int dot = key.lastIndexOf('.');
        Module owner = dot < 0 ? root : root.namedModules().get(key.substring(0, dot));
        return owner instanceof NormBase n && n.trackRunningStats;
    }

    private static String size(long[] shape) {
        return "torch.Size(" + Arrays.toString(shape) + ")";
    }

    private static String quoted(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append('"');
        }
        return sb.toString();
    }
}
