package org.torch4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link OscillatingTailRule} accepts what it should and rejects each kind of departure, on a real recording. */
class OscillatingTailRuleTest {
    static final OscillatingTailRule RULE = Samples.STEP6_RULE;
    static final List<String> REC = Parity.recording(6, 0).orElseThrow();

    /** The recording with line {@code i}'s word {@code k} (a number) multiplied by {@code factor}, plus {@code add}. */
    static List<String> change(int i, int k, double factor, double add) {
        List<String> out = new ArrayList<>(REC);
        String[] w = out.get(i).split(" ");
        w[k] = String.format(Locale.ROOT, "%.17g", Double.parseDouble(w[k]) * factor + add);
        out.set(i, String.join(" ", w));
        return out;
    }

    static int lineOf(String t) {
        for (int i = 0; i < REC.size(); i++) {
            if (REC.get(i).startsWith(t + " ")) {
                return i;
            }
        }
        throw new AssertionError("no line " + t);
    }

    @Test
    void theRecordingItselfPasses() {
        Parity.Verdict v = RULE.check(REC, REC);
        assertTrue(v.pass(), v.summary());
        assertEquals(0.0, v.worstRelativeError());
        assertEquals(9, v.band(OscillatingTailRule.STRICT).count(), "t = 99 .. 899");
        assertEquals(11, v.band(OscillatingTailRule.OSCILLATING).count(), "t = 999 .. 1999");
        assertEquals(4, v.band(OscillatingTailRule.RESULT).count());
    }

    @Test
    void strictPhaseDepartureFails() {
        assertTrue(RULE.check(REC, change(lineOf("899"), 1, 1 + 5e-5, 0)).pass());
        Parity.Verdict v = RULE.check(REC, change(lineOf("899"), 1, 1 + 2e-4, 0));
        assertFalse(v.pass());
        assertFalse(v.band(OscillatingTailRule.STRICT).pass());
    }

    @Test
    void oscillatingPhaseAllowsSpikesButNotDivergence() {
        assertTrue(RULE.check(REC, change(lineOf("1999"), 1, 1.25, 0)).pass(), "a spike like torch4j's seed-1 one");
        Parity.Verdict v = RULE.check(REC, change(lineOf("1399"), 1, 1.5, 0));
        assertFalse(v.pass());
        assertFalse(v.band(OscillatingTailRule.OSCILLATING).pass());
    }

    @Test
    void convergedLevelMustMatch() {
        List<String> shifted = REC;
        for (String t : List.of("1599", "1699", "1799", "1899", "1999")) {
            List<String> base = shifted;
            int i = lineOf(t);
            shifted = new ArrayList<>(base);
            String[] w = shifted.get(i).split(" ");
            w[1] = String.valueOf(Double.parseDouble(w[1]) * 1.05);
            shifted.set(i, String.join(" ", w));
        }
        Parity.Verdict v = RULE.check(REC, shifted);
        assertFalse(v.pass());
        assertFalse(v.band(OscillatingTailRule.CONVERGED).pass());
        assertTrue(v.band(OscillatingTailRule.OSCILLATING).pass(), "each line alone is within 30%");
    }

    @Test
    void resultCoefficientsMustMatch() {
        int last = REC.size() - 1;
        assertTrue(RULE.check(REC, change(last, 5, 1, 4e-3)).pass());
        Parity.Verdict v = RULE.check(REC, change(last, 5, 1, 6e-3));
        assertFalse(v.pass());
        assertFalse(v.band(OscillatingTailRule.RESULT).pass());
    }

    @Test
    void structureMustMatch() {
        List<String> missing = new ArrayList<>(REC);
        missing.remove(3);
        assertFalse(RULE.check(REC, missing).pass(), "a missing line");
        List<String> word = new ArrayList<>(REC);
        word.set(REC.size() - 1, word.get(REC.size() - 1).replace("x^3", "x^4"));
        assertFalse(RULE.check(REC, word).pass(), "a changed word");
        List<String> nan = new ArrayList<>(REC);
        nan.set(lineOf("1999"), "1999 nan");
        assertFalse(RULE.check(REC, nan).pass(), "NaN");
    }
}
