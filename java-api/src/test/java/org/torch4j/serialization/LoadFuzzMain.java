package org.torch4j.serialization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.torch4j.Scope;
import org.torch4j.Torch;
import org.torch4j.TorchException;

/**
 * Child JVM of {@link LoadFuzzTest}: loads {@code count} randomly damaged variants of the valid
 * files given as arguments (truncations, bit flips, swapped or dropped zip entries, damaged
 * pickles re-zipped with valid framing). A variant may load or fail with a TorchException;
 * anything else is printed as {@code UNDOCUMENTED}. Prints {@code fuzz: loaded= failed= undocumented= live=}.
 */
public final class LoadFuzzMain {
    private LoadFuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        List<byte[]> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Files.readAllBytes(Path.of(args[i])));
        }
        Random rnd = new Random(seed);
        long live0 = Torch.liveTensorCount();
        int loaded = 0;
        int failed = 0;
        int undocumented = 0;
        for (int i = 0; i < count; i++) {
            byte[] v = mutate(files.get(rnd.nextInt(files.size())), rnd);
            try (Scope s = Scope.open()) {
                Torch.load(v);
                loaded++;
            } catch (TorchException e) {
                failed++;
            } catch (Throwable t) {
                undocumented++;
                System.out.println("UNDOCUMENTED variant " + i + ": " + t);
                t.printStackTrace(System.out);
            }
        }
        System.gc();
        System.out.println("fuzz: loaded=" + loaded + " failed=" + failed + " undocumented=" + undocumented
                + " live=" + (Torch.liveTensorCount() - live0));
    }

    static byte[] mutate(byte[] f, Random rnd) {
        switch (rnd.nextInt(5)) {
            case 0 -> { // truncation
                return java.util.Arrays.copyOf(f, rnd.nextInt(f.length));
            }
            case 1 -> { // raw bit flips anywhere (CRC and framing damage)
                byte[] b = f.clone();
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 2 -> { // swapped entry contents, re-zipped
                Map<String, byte[]> e = Zips.entries(f);
                List<String> keys = new ArrayList<>(e.keySet());
                String a = keys.get(rnd.nextInt(keys.size()));
                String b = keys.get(rnd.nextInt(keys.size()));
                byte[] t = e.get(a);
                e.put(a, e.get(b));
                e.put(b, t);
                return Zips.zip(e);
            }
            case 3 -> { // a dropped entry, re-zipped
                Map<String, byte[]> e = Zips.entries(f);
                List<String> keys = new ArrayList<>(e.keySet());
                e.remove(keys.get(rnd.nextInt(keys.size())));
                return Zips.zip(e);
            }
            default -> { // bit flips and byte changes inside data.pkl, re-zipped (the unpickler sees them)
                Map<String, byte[]> e = Zips.entries(f);
                String pkl = e.keySet().stream().filter(k -> k.endsWith("data.pkl")).findFirst().orElseThrow();
                byte[] b = e.get(pkl).clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    int at = rnd.nextInt(b.length);
                    b[at] = rnd.nextBoolean() ? (byte) (b[at] ^ (1 << rnd.nextInt(8))) : (byte) rnd.nextInt(256);
                }
                if (rnd.nextInt(4) == 0) {
                    b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                }
                e.put(pkl, b);
                return Zips.zip(e);
            }
        }
    }
}
