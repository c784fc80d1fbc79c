package org.torch4j.nn;

import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True)}: normalises each
 * group of channels of each sample; {@code weight} ones and {@code bias} zeros of shape
 * {@code [num_channels]}.
 */
public final class GroupNorm extends Module {
    private final long numGroups;
    private final long numChannels;
    private final double eps;
    private final boolean affine;
    private final Tensor weight;
    private final Tensor bias;

    /** {@code GroupNorm(num_groups, num_channels)}. */
    public GroupNorm(long numGroups, long numChannels) {
        this(numGroups, numChannels, 1e-5, true);
    }

    /** {@code GroupNorm(num_groups, num_channels, eps, affine)}; {@code num_channels} must be divisible by {@code num_groups}. */
    public GroupNorm(long numGroups, long numChannels, double eps, boolean affine) {
        if (numGroups <= 0 || numChannels % numGroups != 0) {
            throw new IllegalArgumentException("GroupNorm: num_channels must be divisible by num_groups (num_groups=" + numGroups
                    + ", num_channels=" + numChannels + ")");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.affine = affine;
        try (Scope s = Scope.open()) {
            weight = registerParameter("weight", affine ? Torch.ones(numChannels) : null);
            bias = registerParameter("bias", affine ? Torch.zeros(numChannels) : null);
        }
    }

    /** {@code reset_parameters()}: weight ones, bias zeros. */
    public void resetParameters() {
        checkOpen();
        if (affine) {
            init.ones_(weight);
            init.zeros_(bias);
        }
    }

    /** The learnable per-channel {@code weight} (initially ones), or null without affine. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** The learnable per-channel {@code bias} (initially zeros), or null without affine. */
    public Tensor bias() {
        checkOpen();
        return bias;
    }

    /** {@code F.group_norm(input, num_groups, weight, bias, eps)}. */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        String label = "GroupNorm(" + numGroups + ", " + numChannels + ")";
        java.util.Objects.requireNonNull(input, () -> label + ": input is null");
        long[] s = input.shape();
        if (s.length < 2 || s[1] != numChannels) {
            throw new IllegalArgumentException(label + ": expected input [N, " + numChannels + ", *], got " + Reprs.shape(s));
        }
        return Ops.groupNorm(input, numGroups, weight, bias, eps);
    }

    @Override
    protected Module newInstance() {
        return new GroupNorm(numGroups, numChannels, eps, affine);
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + Reprs.f(eps) + ", affine=" + Reprs.b(affine);
    }
}
