package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#dtype()} for every dtype. JavaCPP returns a fresh enum object from each native
 * call returning an enum, so a lookup by identity failed ("unsupported dtype Float") — and with it
 * every error message describing a tensor operand.
 */
class DTypeRoundTripTest {
    @Test
    void everyDTypeReadsBack() {
        try (Scope s = Scope.open()) {
            for (DType d : DType.values()) {
                assertEquals(d, Torch.zeros(d, 2).dtype());
            }
        }
    }

    @Test
    void errorMessagesDescribeOperands() {
        try (Scope s = Scope.open()) {
            TorchException e = org.junit.jupiter.api.Assertions.assertThrows(TorchException.class,
                    () -> Torch.zeros(3).add(Torch.zeros(4)));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("float32[3]") && e.getMessage().contains("float32[4]"),
                    e.getMessage());
        }
    }
}
