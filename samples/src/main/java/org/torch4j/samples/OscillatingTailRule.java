package org.torch4j.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parity rule for a training log whose loss reaches an oscillating phase that amplifies
 * last-bit differences (step 6: RMSprop with a fixed learning rate keeps taking steps of about
 * {@code lr} around the optimum; which way each step goes depends on the last bits of the
 * gradient, so two correct runs whose kernels round one input differently part ways once they
 * get there). The log is {@code t loss} lines and a final {@code Result:} line. Bands:
 * <ol>
 *   <li>{@value #STRICT}: every loss with {@code t <= strictUntil} within {@code strictTolerance}
 *       relative;</li>
 *   <li>{@value #OSCILLATING}: every later loss within {@code oscillatingTolerance} relative (a
 *       sanity bound: no divergence, no NaN);</li>
 *   <li>{@value #CONVERGED}: the median of the last {@code convergedLines} losses (the level the
 *       oscillation settles at; a median so one loss spike on a printed line does not decide)
 *       within {@code convergedTolerance} relative;</li>
 *   <li>{@value #RESULT}: every number of the {@code Result:} line within {@code resultAbsolute}
 *       absolute.</li>
 * </ol>
 * Lines and words must match as in {@link Parity#compare(List, List, double)}.
 */
public record OscillatingTailRule(long strictUntil, double strictTolerance, double oscillatingTolerance,
        int convergedLines, double convergedTolerance, double resultAbsolute) implements ParityRule {

    public static final String STRICT = "loss before the oscillating phase";
    public static final String OSCILLATING = "loss in the oscillating phase";
    public static final String CONVERGED = "converged loss (median of the last printed losses)";
    public static final String RESULT = "Result coefficients";

    @Override
    public Parity.Verdict check(List<String> recorded, List<String> printed) {
        // Structure (same lines, same words, no NaN): every number accepted as far as size goes.
        Parity.Verdict shape = Parity.compare(recorded, printed, Double.POSITIVE_INFINITY);
        String mismatch = shape.firstMismatch();

        Acc strict = new Acc(STRICT, Parity.Kind.RELATIVE, strictTolerance);
        Acc osc = new Acc(OSCILLATING, Parity.Kind.RELATIVE, oscillatingTolerance);
        Acc result = new Acc(RESULT, Parity.Kind.ABSOLUTE, resultAbsolute);
        List<Double> recLosses = new ArrayList<>();
        List<Double> outLosses = new ArrayList<>();
        int n = Math.min(recorded.size(), printed.size());
        for (int i = 0; i < n; i++) {
            String[] e = recorded.get(i).strip().split("\\s+");
            String[] a = printed.get(i).strip().split("\\s+");
            if (e.length != a.length) {
                continue; // reported by the structural check
            }
            String where = printed.get(i).strip();
            if (e[0].equals("Result:")) {
                for (int k = 1; k < e.length; k++) {
                    Double ev = Parity.number(e[k]);
                    Double av = Parity.number(a[k]);
                    if (ev != null && av != null) {
                        result.add(Math.abs(av - ev), where);
                    }
                }
            } else if (e.length == 2) {
                Double t = Parity.number(e[0]);
                Double ev = Parity.number(e[1]);
                Double av = Parity.number(a[1]);
                if (t == null || ev == null || av == null) {
                    continue;
                }
                double err = Parity.relativeError(av, ev);
                (t <= strictUntil ? strict : osc).add(err, where);
                recLosses.add(ev);
                outLosses.add(av);
            }
        }
        Acc converged = new Acc(CONVERGED, Parity.Kind.RELATIVE, convergedTolerance);
        if (recLosses.size() >= convergedLines && outLosses.size() >= convergedLines) {
            double em = medianOfLast(recLosses, convergedLines);
            double am = medianOfLast(outLosses, convergedLines);
            converged.add(Parity.relativeError(am, em),
                    String.format(Locale.ROOT, "median %s vs recorded %s", am, em));
        }
        List<Parity.Band> bands = List.of(strict.band(), osc.band(), converged.band(), result.band());
        boolean pass = mismatch == null && strict.count > 0 && converged.count == 1 && result.count > 0;
        for (Parity.Band b : bands) {
            if (!b.pass() && mismatch == null) {
                mismatch = b.name() + " out of bound at \"" + b.worstAt() + "\"";
            }
            pass &= b.pass();
        }
        if (mismatch == null && !pass) {
            mismatch = "the log lacks the loss or Result lines this rule checks";
        }
        return new Parity.Verdict(pass, strict.worst, strict.worstAt, mismatch, bands);
    }

    private static double medianOfLast(List<Double> xs, int k) {
        double[] tail = xs.subList(xs.size() - k, xs.size()).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(tail);
        return k % 2 == 1 ? tail[k / 2] : (tail[k / 2 - 1] + tail[k / 2]) / 2;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT,
                "loss within relative %s up to t=%d, within %s after; median of the last %d losses within %s; Result within %s absolute",
                strictTolerance, strictUntil, oscillatingTolerance, convergedLines, convergedTolerance, resultAbsolute);
    }

    private static final class Acc {
        final String name;
        final Parity.Kind kind;
        final double bound;
        double worst;
        String worstAt;
        int count;

        Acc(String name, Parity.Kind kind, double bound) {
            this.name = name;
            this.kind = kind;
            this.bound = bound;
        }

        void add(double err, String where) {
            count++;
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            if (err > worst || worstAt == null) {
                worst = err;
                worstAt = where;
            }
        }

        Parity.Band band() {
            return new Parity.Band(name, kind, bound, worst, worstAt, count);
        }
    }
}
