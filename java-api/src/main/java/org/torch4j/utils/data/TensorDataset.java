package org.torch4j.utils.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * {@code torch.utils.data.TensorDataset(*tensors)}: sample {@code i} is {@code [t[i] for t in tensors]}.
 * The tensors stay the caller's (not closed by the dataset); each sample is a list of new views
 * owned by the current Scope of the calling thread (the DataLoader frees them once collated).
 */
public final class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;
    private final int size;

    /** {@code TensorDataset(*tensors)}: every tensor must have the same first dimension. */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        }
        long n = Objects.requireNonNull(tensors[0], "tensor 0").size(0);
        for (int i = 0; i < tensors.length; i++) {
            Objects.requireNonNull(tensors[i], "tensor " + i);
            if (tensors[i].dim() == 0 || tensors[i].size(0) != n) {
                throw new IllegalArgumentException("Size mismatch between tensors: " + Arrays.toString(tensors[0].shape())
                        + " and " + Arrays.toString(tensors[i].shape()));
            }
        }
        this.tensors = List.of(tensors);
        this.size = Math.toIntExact(n);
    }

    @Override
    public List<Tensor> get(int index) {
        Objects.checkIndex(index, size);
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.select(0, index));
        }
        return out;
    }

    @Override
    public int size() {
        return size;
    }

    /** The tensors, as given. */
    public List<Tensor> tensors() {
        return tensors;
    }
}
