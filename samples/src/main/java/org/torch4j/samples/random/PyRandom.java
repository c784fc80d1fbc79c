package org.torch4j.samples.random;

import java.math.BigInteger;

/**
 * Bit-exact port of CPython's {@code random.Random} (the module-level {@code random.seed},
 * {@code random.random}, {@code random.getrandbits}, {@code random.randrange},
 * {@code random.randint}) for integer seeds, so samples draw the same numbers as the tutorial's
 * Python code (step 8 draws {@code random.randint(4, 6)} every iteration).
 *
 * <p>Follows CPython 3.11: Modules/_randommodule.c {@code random_seed} (for an int seed: the 32-bit
 * little-endian words of {@code abs(n)}, a single zero word for 0, fed to Matsumoto–Nishimura
 * {@code init_by_array}, which starts from {@code init_genrand(19650218)}), {@code genrand_uint32}
 * (standard MT19937), {@code random_random} ({@code ((a >> 5) * 67108864 + (b >> 6)) / 2^53}),
 * {@code _random_Random_getrandbits_impl} ({@code k <= 32}: {@code genrand_uint32() >> (32 - k)};
 * otherwise 32-bit words, least significant first, the last one shifted down to the remaining
 * bits); and Lib/random.py {@code _randbelow_with_getrandbits} ({@code k = n.bit_length()}, draw
 * {@code getrandbits(k)} until below n), {@code randrange(start, stop)} (= {@code start +
 * _randbelow(stop - start)}) and {@code randint(a, b)} (= {@code randrange(a, b + 1)}).
 *
 * <p>Not thread-safe (CPython's object is protected by the GIL; this one is not synchronized).
 */
public final class PyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /** Same as {@code random.Random(seed)}. */
    public PyRandom(long seed) {
        seed(seed);
    }

    /** Same as {@code random.Random(seed)} for an arbitrarily large int seed. */
    public PyRandom(BigInteger seed) {
        seed(seed);
    }

    /** Same as {@code random.seed(seed)} for an int (negative seeds use abs, as CPython does). */
    public void seed(long seed) {
        seed(BigInteger.valueOf(seed));
    }

    /** Same as {@code random.seed(seed)} for an int of any size. */
    public void seed(BigInteger seed) {
        BigInteger n = seed.abs();
        int bits = n.bitLength();
        int keyUsed = bits == 0 ? 1 : (bits - 1) / 32 + 1;
        int[] key = new int[keyUsed];
        for (int i = 0; i < keyUsed; i++) {
            key[i] = n.shiftRight(32 * i).intValue(); // low 32 bits of each chunk
        }
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        int k = Math.max(N, key.length);
        for (; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        index = N;
    }

    /** CPython's {@code genrand_uint32}, as an int holding the unsigned value's bits. */
    private int genrandInt32() {
        if (index >= N) {
            int kk;
            int y;
            for (kk = 0; kk < N - M; kk++) {
                y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            for (; kk < N - 1; kk++) {
                y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            index = 0;
        }
        int y = mt[index++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y;
    }

    /** {@code random.random()}: a 53-bit double in [0, 1). */
    public double random() {
        long a = genrandInt32() >>> 5;
        long b = genrandInt32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /**
     * {@code random.getrandbits(k)} for 0 &le; k &le; 63, as a non-negative long. (Use
     * {@link #getrandbitsBig(int)} for more bits.)
     */
    public long getrandbits(int k) {
        if (k < 0 || k > 63) {
            throw new IllegalArgumentException("k must be in [0, 63] for a long result, got " + k);
        }
        if (k == 0) {
            return 0L;
        }
        if (k <= 32) {
            return (genrandInt32() >>> (32 - k)) & 0xffffffffL;
        }
        // Words least significant first; the last word keeps only the remaining high bits.
        long lo = genrandInt32() & 0xffffffffL;
        int rest = k - 32;
        long hi = (genrandInt32() >>> (32 - rest)) & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** {@code random.getrandbits(k)} for any k &ge; 0. */
    public BigInteger getrandbitsBig(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("number of bits must be non-negative");
        }
        if (k <= 32) {
            return BigInteger.valueOf(getrandbits(k));
        }
        int words = (k - 1) / 32 + 1;
        byte[] bigEndian = new byte[words * 4 + 1]; // leading zero byte keeps it positive
        int remaining = k;
        for (int i = 0; i < words; i++, remaining -= 32) {
            int r = genrandInt32();
            if (remaining < 32) {
                r >>>= (32 - remaining);
            }
            int off = bigEndian.length - 4 * (i + 1);
            bigEndian[off] = (byte) (r >>> 24);
            bigEndian[off + 1] = (byte) (r >>> 16);
            bigEndian[off + 2] = (byte) (r >>> 8);
            bigEndian[off + 3] = (byte) r;
        }
        return new BigInteger(bigEndian);
    }

    /** CPython's {@code _randbelow_with_getrandbits(n)}: uniform in [0, n), n &gt; 0. */
    public long randbelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        int k = 64 - Long.numberOfLeadingZeros(n); // n.bit_length(), at most 63
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return r;
    }

    /** CPython's {@code _randbelow_with_getrandbits(n)} for any positive n. */
    public BigInteger randbelow(BigInteger n) {
        if (n.signum() <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        int k = n.bitLength();
        BigInteger r = getrandbitsBig(k);
        while (r.compareTo(n) >= 0) {
            r = getrandbitsBig(k);
        }
        return r;
    }

    /** {@code random.randrange(stop)}: uniform in [0, stop). */
    public long randrange(long stop) {
        if (stop <= 0) {
            throw new IllegalArgumentException("empty range for randrange()");
        }
        return randbelow(stop);
    }

    /** {@code random.randrange(start, stop)}: uniform in [start, stop). */
    public long randrange(long start, long stop) {
        if (stop <= start) {
            throw new IllegalArgumentException(
                    "empty range for randrange() (" + start + ", " + stop + ", " + (stop - start) + ")");
        }
        long width = stop - start;
        if (width > 0) {
            return start + randbelow(width);
        }
        // width overflowed a long: fall back to exact arithmetic.
        BigInteger w = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start));
        return BigInteger.valueOf(start).add(randbelow(w)).longValueExact();
    }

    /** {@code random.randint(a, b)}: uniform in [a, b], i.e. {@code randrange(a, b + 1)}. */
    public long randint(long a, long b) {
        if (b == Long.MAX_VALUE) {
            if (a > b) {
                throw new IllegalArgumentException("empty range for randrange()");
            }
            BigInteger w = BigInteger.valueOf(b).add(BigInteger.ONE).subtract(BigInteger.valueOf(a));
            return BigInteger.valueOf(a).add(randbelow(w)).longValueExact();
        }
        return randrange(a, b + 1);
    }

    /** {@code random.randint(a, b)} for int bounds, returning an int. */
    public int randint(int a, int b) {
        return (int) randint((long) a, (long) b);
    }
}
