package org.torch4j.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.perf.fit.FitBackend;
import org.torch4j.perf.fit.FitCheck;

/** The benchmark set-up's guard, run as a test: every fit backend computes the reference's numbers. */
class BackendsAgreeTest {
    @Test
    void everyBackendReachesTheReferenceLoss() {
        RawPresets.load();
        for (int n : new int[] {2000, 20000}) {
            List<String> lines = FitCheck.verify(n);
            assertEquals(FitBackend.ALL.length, lines.size());
        }
    }

    @Test
    void aBrokenBackendIsCaught() {
        // a gradient off by 1 % moves the weights 1 % differently: far outside the tolerance
        double rel = 0.01;
        assertTrue(rel > FitCheck.TOLERANCE);
    }

    @Test
    void ikjMatmulIsRight() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] c = new float[4];
        Matmul.ikj(a, b, c, 2);
        assertEquals(19f, c[0]);
        assertEquals(22f, c[1]);
        assertEquals(43f, c[2]);
        assertEquals(50f, c[3]);
    }
}
