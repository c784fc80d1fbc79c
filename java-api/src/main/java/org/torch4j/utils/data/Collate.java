package org.torch4j.utils.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Native;

/**
 * The collate function of a DataLoader: turns the samples of one batch into the batch.
 * {@link #defaultCollate()} is PyTorch's {@code default_collate} for the shapes Java datasets
 * produce: tensors are stacked along a new dimension 0; {@code Double}/{@code Float} become a
 * float64 tensor and {@code Integer}/{@code Long} an int64 tensor ({@code torch.tensor(batch)});
 * lists (a TensorDataset's samples) are collated position by position into a list; maps key by
 * key into a map. Results are owned by the current Scope of the calling thread (the DataLoader
 * takes them over); the samples are left to the caller.
 */
@FunctionalInterface
public interface Collate<T, B> {
    /** The batch made of {@code samples}. */
    B collate(List<T> samples);

    /** PyTorch's {@code default_collate}, see the class comment. */
    static <T, B> Collate<T, B> defaultCollate() {
        return samples -> {
            @SuppressWarnings("unchecked")
            B b = (B) collateAny(new ArrayList<>(samples));
            return b;
        };
    }

    private static Object collateAny(List<Object> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("default_collate: empty batch");
        }
        Object elem = batch.get(0);
        if (elem instanceof Tensor) {
            return stack(batch);
        }
        if (elem instanceof Double || elem instanceof Float) {
            double[] v = new double[batch.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) batch.get(i)).doubleValue();
            }
            return Torch.tensor(v);
        }
        if (elem instanceof Integer || elem instanceof Long || elem instanceof Short || elem instanceof Byte) {
            long[] v = new long[batch.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) batch.get(i)).longValue();
            }
            return Torch.tensor(v);
        }
        if (elem instanceof Map<?, ?> first) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object key : first.keySet()) {
                List<Object> column = new ArrayList<>(batch.size());
                for (Object o : batch) {
                    column.add(((Map<?, ?>) o).get(key));
                }
                out.put(key, collateAny(column));
            }
            return out;
        }
        if (elem instanceof List<?> first) {
            int width = first.size();
            List<Object> out = new ArrayList<>(width);
            for (int k = 0; k < width; k++) {
                List<Object> column = new ArrayList<>(batch.size());
                for (Object o : batch) {
                    List<?> l = (List<?>) o;
                    if (l.size() != width) {
                        throw new IllegalArgumentException("each element in list of batch should be of equal size");
                    }
                    column.add(l.get(k));
                }
                out.add(collateAny(column));
            }
            return out;
        }
        throw new IllegalArgumentException("default_collate: batch must contain tensors, numbers, lists or maps; found "
                + (elem == null ? "null" : elem.getClass().getName()));
    }

    /** {@code torch.stack(batch, 0)}. */
    private static Tensor stack(List<Object> batch) {
        Tensor[] ts = new Tensor[batch.size()];
        for (int i = 0; i < ts.length; i++) {
            if (!(batch.get(i) instanceof Tensor t)) {
                throw new IllegalArgumentException("default_collate: element " + i + " is not a tensor");
            }
            ts[i] = t;
        }
        org.bytedeco.pytorch.Tensor[] ns = Native.leaseAll(ts, "default_collate");
        try (TensorVector v = new TensorVector(ns)) {
            return Native.adopt(torch.stack(v, 0));
        } catch (RuntimeException e) {
            throw Native.fail(e, "default_collate (stack)", (Object[]) ts);
        } finally {
            Native.releaseAll(ts);
        }
    }
}
