package org.torch4j.utils.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Recordings;

/**
 * DistributedSampler against samples/parity/recordings/distributed_sampler_cases.txt (real PyTorch
 * 1.13, samples/parity/distributed_sampler_cases.py): every (n, replicas, rank, shuffle, seed,
 * drop_last, epoch) index list and len, exactly.
 */
class DistributedSamplerTest {
    @Test
    void indexListsMatchPyTorch() {
        List<String[]> rows = Recordings.rows("distributed_sampler_cases.txt");
        assertEquals(true, rows.size() > 500, "recordings present");
        for (String[] f : rows) {
            int n = Integer.parseInt(f[0]);
            int replicas = Integer.parseInt(f[1]);
            int rank = Integer.parseInt(f[2]);
            boolean shuffle = f[3].equals("1");
            long seed = Long.parseLong(f[4]);
            boolean dropLast = f[5].equals("1");
            long epoch = Long.parseLong(f[6]);
            int len = Integer.parseInt(f[7]);
            List<Integer> want = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                want.add(Integer.parseInt(f[i]));
            }
            DistributedSampler s = new DistributedSampler(n, replicas, rank, shuffle, seed, dropLast);
            s.setEpoch(epoch);
            List<Integer> got = new ArrayList<>();
            s.forEach(got::add);
            String c = String.join(" ", java.util.Arrays.copyOf(f, 8));
            assertEquals(len, s.size(), c);
            assertEquals(want, got, c);
        }
    }

    @Test
    void badRankIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DistributedSampler(10, 2, 2, true, 0, false));
        assertEquals("Invalid rank 2, rank should be in the interval [0, 1]", e.getMessage());
    }
}
