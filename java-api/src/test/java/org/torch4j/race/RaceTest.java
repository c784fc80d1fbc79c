package org.torch4j.race;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One pass of every race of {@link Races} in forked JVMs ({@link RaceRunner#pass}): a crash, a
 * hang, an undocumented exception, a wrong gradient or a leaked tensor fails the race it happened
 * in. {@code bash ci/races.sh 20} runs them 20 times.
 */
class RaceTest {
    @Test
    void everyRacePasses() throws Exception {
        List<RaceRunner.Outcome> outcomes = RaceRunner.pass(new ArrayList<>(Races.ALL.keySet()));
        StringBuilder failed = new StringBuilder();
        for (RaceRunner.Outcome o : outcomes) {
            System.out.println(o.race() + ": " + o.verdict());
            if (!o.passed()) {
                failed.append(o.race()).append(": ").append(o.verdict()).append('\n').append(RaceRunner.tail(o.output()));
            }
        }
        assertEquals(Races.ALL.size(), outcomes.size(), "one outcome per race");
        assertEquals("", failed.toString());
    }
}
