/**
 * One iteration of each tutorial step, through the facade and through the raw presets.
 *
 * <h2>Adding a step (4–8)</h2>
 * Add a class {@code StepNIteration} here with two {@code @Benchmark} methods named {@code facade}
 * and {@code raw} (copy {@link org.torch4j.perf.tutorial.Step3Iteration}: same annotations, set-up
 * that builds the step's data and parameters, a set-up check that both paths compute the same
 * numbers). Add the Python twin to {@code TUTORIAL} in {@code perf/python/bench.py} under the key
 * {@code stepN}. The report finds every {@code StepNIteration.facade/raw} pair in the JMH JSON and
 * every {@code stepN} entry in the Python JSON by name; nothing else needs to change.
 */
package org.torch4j.perf.tutorial;
