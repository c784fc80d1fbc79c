package org.torch4j.optim;

import org.torch4j.Tensor;

/**
 * The closure of {@link Optimizer#step(Closure)}: re-evaluates the model (typically
 * {@code zeroGrad(); loss = ...; loss.backward(); return loss;}) and returns the loss.
 */
@FunctionalInterface
public interface Closure {
    /** Computes the loss and its gradients; runs with grad mode enabled. */
    Tensor call();
}
