package org.torch4j.race;

import org.torch4j.Torch;

/**
 * Runs one race of {@link Races} in this JVM: {@code RaceMain <name> [reps]}. Prints
 * {@code RACE <name> ok reps=... calls=... refused=... live=...} or {@code RACE <name> FAILED ...}
 * with each failure, and exits 0 or 1 (a crash exits otherwise).
 */
public final class RaceMain {
    private RaceMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : Races.ALL.get(name);
        Torch.zeros(1).close();
        long live0 = Torch.liveTensorCount();
        Races r = new Races();
        long t0 = System.nanoTime();
        r.run(name, reps);
        for (int i = 0; i < 200 && Torch.liveTensorCount() != live0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        long live = Torch.liveTensorCount();
        if (live != live0) {
            r.fail("liveTensorCount " + live0 + " -> " + live + " after the race");
        }
        String stats = String.format("reps=%d calls=%d refused=%d live=%d ms=%d", reps, r.ok.get(), r.refused.get(), live,
                (System.nanoTime() - t0) / 1_000_000);
        if (r.failures.isEmpty()) {
            System.out.println("RACE " + name + " ok " + stats);
            System.exit(0);
        }
        System.out.println("RACE " + name + " FAILED " + stats);
        for (String f : r.failures) {
            System.out.println("RACE " + name + "   " + f);
        }
        System.exit(1);
    }
}
