package org.torch4j.race;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One pass of every race of {@link Races}, each in its own forked JVM: a crash, a hang, an
 * undocumented exception, a wrong gradient or a leaked tensor fails that race. {@code bash
 * ci/races.sh 20} runs them 20 times.
 */
class RaceTest {
    static Stream<String> races() {
        return Races.ALL.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("races")
    void race(String race) throws Exception {
        RaceRunner.Outcome o = RaceRunner.runOnce(race);
        System.out.println(race + ": " + o.verdict());
        assertTrue(o.passed(), o.verdict() + "\n" + RaceRunner.tail(o.output()));
    }
}
