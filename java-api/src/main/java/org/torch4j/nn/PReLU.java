package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.PReLU(num_parameters=1, init=0.25)}: {@code max(0, x) + a * min(0, x)} with a
 * learnable {@code a}, one for all channels or one per channel (dimension 1 of the input).
 *
 * <p>The parameter {@code weight} is PyTorch 1.13's {@code torch.empty(num_parameters).fill_(init)}:
 * no random draw, so building one does not move the default generator.
 */
public final class PReLU extends Module {
    private final long numParameters;
    private final double init;
    private final Tensor weight;

    /** {@code PReLU()}: one parameter, {@code init=0.25}. */
    public PReLU() {
        this(1);
    }

    /** {@code PReLU(num_parameters)}: {@code init=0.25}. */
    public PReLU(long numParameters) {
        this(numParameters, 0.25);
    }

    /**
     * {@code PReLU(num_parameters, init)}.
     *
     * @throws IllegalArgumentException if {@code numParameters} is less than 1
     */
    public PReLU(long numParameters, double init) {
        if (numParameters < 1) {
            throw new IllegalArgumentException("PReLU: num_parameters must be >= 1 (1 or the number of input channels), got "
                    + numParameters);
        }
        this.numParameters = numParameters;
        this.init = init;
        try (Scope s = Scope.open()) {
            this.weight = registerParameter("weight", Torch.full(new long[] {numParameters}, init, DType.FLOAT32));
        }
    }

    /** {@code self.weight}: shape {@code [num_parameters]}; owned by this module. */
    public Tensor weight() {
        checkOpen();
        return weight;
    }

    /** {@code num_parameters}. */
    public long numParameters() {
        return numParameters;
    }

    /**
     * {@code F.prelu(input, weight)}.
     *
     * @throws IllegalArgumentException if {@code num_parameters} is not 1 and differs from the input's
     *                                  channel count ({@code input.size(1)}, or 1 below 2 dimensions)
     */
    @Override
    public Tensor forward(Tensor input) {
        checkOpen();
        java.util.Objects.requireNonNull(input, "PReLU: input is null");
        if (numParameters != 1) {
            long[] s = input.shape();
            long channels = s.length >= 2 ? s[1] : 1;
            if (channels != numParameters) {
                throw new IllegalArgumentException("PReLU(num_parameters=" + numParameters + "): expected input with " + numParameters
                        + " channels (dimension 1), got " + Reprs.shape(s));
            }
        }
        return Ops.prelu(input, weight);
    }

    @Override
    protected Module newInstance() {
        return new PReLU(numParameters, init);
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
