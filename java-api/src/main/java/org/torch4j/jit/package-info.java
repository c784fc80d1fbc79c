/**
 * TorchScript: run models saved by Python's {@code torch.jit.script} / {@code torch.jit.trace}
 * ({@code .save(path)}) from Java, as {@code torch.jit.load} does. See {@link org.torch4j.jit.ScriptModule}.
 */
package org.torch4j.jit;
