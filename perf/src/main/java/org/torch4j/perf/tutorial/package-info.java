/**
 * One iteration of each tutorial step, through the facade and (steps 2 and 3) through the raw
 * presets. Steps 4–8 are facade only: their nn modules, optimizers and custom function have no
 * raw-presets twin worth keeping in step; the report compares them with Python and DJL instead.
 *
 * <h2>Adding a step</h2>
 * Add a class {@code StepNIteration} here with {@code @Benchmark} methods named {@code facade}
 * and, where the presets can run it, {@code raw} (copy {@link org.torch4j.perf.tutorial.Step3Iteration}: same annotations, set-up
 * that builds the step's data and parameters, a set-up check that both paths compute the same
 * numbers). Add the Python twin to {@code TUTORIAL} in {@code perf/python/bench.py} under the key
 * {@code stepN}. The report finds every {@code StepNIteration.facade/raw} pair in the JMH JSON and
 * every {@code stepN} entry in the Python JSON by name; nothing else needs to change.
 */
package org.torch4j.perf.tutorial;
