package org.torch4j;

/**
 * The generated op surface of {@link Tensor} (placeholder until the generator writes it).
 */
abstract class TensorMethods {
    TensorMethods() {
    }
}
