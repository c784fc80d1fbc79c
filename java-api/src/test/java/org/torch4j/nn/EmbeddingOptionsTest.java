package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.autograd.Grad;

/**
 * Embedding's keyword options beyond what nn_cases records (max_norm, norm_type,
 * scale_grad_by_freq and padding_idx values are checked there against PyTorch 1.13): the sparse
 * gradient, the options record's defaults, and the renormalisation's effect on the weight.
 */
class EmbeddingOptionsTest {

    @Test
    void defaultsAreThoseOfPyTorch() {
        assertEquals(new Embedding.Options(null, null, 2.0, false, false), Embedding.Options.DEFAULT);
        try (Embedding e = new Embedding(4, 2)) {
            assertEquals(Embedding.Options.DEFAULT, e.options());
        }
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, Embedding.Options.DEFAULT.withPaddingIdx(4L)));
    }

    @Test
    void sparseGradientHoldsTheDenseGradientsRows() {
        try (Scope s = Scope.open(); Embedding dense = new Embedding(6, 3); Embedding sparse = new Embedding(6, 3,
                new Embedding.Options().withSparse(true))) {
            Grad.noGrad(() -> { sparse.weight().copy_(dense.weight()); });
            Tensor idx = Torch.tensor(new long[] {1, 4, 4, 0}, 2, 2);
            dense.forward(idx).mul(Torch.arange(3.0, 15.0, 1.0).view(2, 2, 3)).sum().backward();
            sparse.forward(idx).mul(Torch.arange(3.0, 15.0, 1.0).view(2, 2, 3)).sum().backward();
            Tensor g = sparse.weight().grad().coalesce();            // throws unless the gradient is sparse
            assertTrue(g.isCoalesced());
            assertEquals(3, g.values().shape()[0], "rows 0, 1 and 4 were looked up");
            // the sparse gradient, made dense by adding it to zeros, equals the dense module's
            Tensor asDense = Torch.zeros(6, 3).add(g);
            assertArrayEquals(dense.weight().grad().toFloatArray(), asDense.toFloatArray());
            assertTrue(sparse.toString().endsWith("Embedding(6, 3, sparse=True)"), sparse.toString());
        }
    }

    @Test
    void maxNormRenormalisesOnlyTheLookedUpRowsInPlace() {
        try (Scope s = Scope.open(); Embedding e = new Embedding(5, 4, new Embedding.Options().withMaxNorm(0.5))) {
            Grad.noGrad(() -> { e.weight().fill_(1.0); }); // every row has norm 2
            e.forward(Torch.tensor(new long[] {0, 3}, 2));
            float[] norms = e.weight().norm(2.0, new long[] {1}, false).toFloatArray();
            assertEquals(0.5f, norms[0], 1e-6);
            assertEquals(2.0f, norms[1], 0f);
            assertEquals(0.5f, norms[3], 1e-6);
        }
    }
}
