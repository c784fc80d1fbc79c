package org.torch4j.race;

import org.torch4j.Torch;

/**
 * Runs races of {@link Races} in this JVM, one after another: {@code RaceMain all} or
 * {@code RaceMain <name>[:reps] ...}. Prints {@code RACE begin <name>} before each race (so a crash
 * is attributed to it), then {@code RACE <name> ok reps=... calls=... refused=... live=...} or
 * {@code RACE <name> FAILED ...} with each failure. Exits 0 when all passed, 1 otherwise (a crash
 * exits otherwise).
 */
public final class RaceMain {
    private RaceMain() {
    }

    public static void main(String[] args) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.equals("all")) {
                names.addAll(Races.ALL.keySet());
            } else {
                names.add(a);
            }
        }
        Torch.zeros(1).close();
        boolean allOk = true;
        for (String spec : names) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            int reps = colon < 0 ? Races.ALL.get(name) : Integer.parseInt(spec.substring(colon + 1));
            System.out.println("RACE begin " + name);
            allOk &= runOne(name, reps);
        }
        System.exit(allOk ? 0 : 1);
    }

    private static boolean runOne(String name, int reps) throws Exception {
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
            return true;
        }
        System.out.println("RACE " + name + " FAILED " + stats);
        for (String f : r.failures) {
            System.out.println("RACE " + name + "   " + f);
        }
        return false;
    }
}
