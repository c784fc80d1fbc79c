package org.torch4j.optim;

import java.util.Map;

/**
 * The hyper-parameters of a built-in optimizer (its {@code Options} record): the defaults of
 * its parameter groups.
 */
public interface GroupOptions {
    /** The options under PyTorch's names, as an entry of {@code param_groups} holds them (a new map each call). */
    Map<String, Object> toMap();
}
