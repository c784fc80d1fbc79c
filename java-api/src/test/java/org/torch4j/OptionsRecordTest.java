package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.nn.Functional;
import org.torch4j.nn.Reduction;

/**
 * The generated options records (ops with four or more keyword arguments): {@code DEFAULTS} gives
 * what the short overload gives, {@code withX} changes exactly one argument, and every record has
 * its overload.
 */
class OptionsRecordTest {
    @Test
    void crossEntropyOptionsMatchTheOverloads() {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(3);
            Tensor x = Torch.randn(5, 4);
            Tensor y = Torch.tensor(new long[] {0, 3, 1, 2, 1});
            assertTrue(Functional.crossEntropy(x, y, Functional.CrossEntropyOptions.DEFAULTS)
                    .equal(Functional.crossEntropy(x, y)));
            var o = Functional.CrossEntropyOptions.DEFAULTS.withReduction(Reduction.SUM).withLabelSmoothing(0.1);
            assertTrue(Functional.crossEntropy(x, y, o).equal(Functional.crossEntropy(x, y, null, -100, Reduction.SUM, 0.1)));
            assertFalse(Functional.crossEntropy(x, y, o).equal(Functional.crossEntropy(x, y)));
            assertEquals(Reduction.MEAN, Functional.CrossEntropyOptions.DEFAULTS.reduction(), "withX copies, DEFAULTS stays");
        }
    }

    @Test
    void conv2dAndMaxPool2dOptions() {
        try (Scope s = Scope.open()) {
            Torch.manualSeed(4);
            Tensor x = Torch.randn(1, 2, 6, 6);
            Tensor w = Torch.randn(3, 2, 3, 3);
            assertTrue(Functional.conv2d(x, w, Functional.Conv2dOptions.DEFAULTS).equal(Functional.conv2d(x, w)));
            Tensor strided = Torch.conv2d(x, w, Torch.Conv2dOptions.DEFAULTS.withStride(2).withPadding(1));
            assertTrue(strided.equal(Torch.conv2d(x, w, null, new long[] {2}, new long[] {1}, new long[] {1}, 1)));
            assertEquals(List.of(1L, 3L, 3L, 3L), List.of(strided.shape()[0], strided.shape()[1], strided.shape()[2], strided.shape()[3]));
            // stride None (= the kernel size) is PyTorch's default of max_pool2d
            assertTrue(Functional.maxPool2d(x, new long[] {2}, Functional.MaxPool2dOptions.DEFAULTS)
                    .equal(Functional.maxPool2d(x, 2)));
        }
    }

    @Test
    void arrayComponentsCannotChangeTheDefaults() {
        long[] stride = Functional.AvgPool2dOptions.DEFAULTS.withStride(2, 2).stride();
        stride[0] = 5; // a copy: neither the record nor DEFAULTS changes
        assertEquals(2L, Functional.AvgPool2dOptions.DEFAULTS.withStride(2, 2).stride()[0]);
        long[] padding = Functional.AvgPool2dOptions.DEFAULTS.padding();
        padding[0] = 7;
        assertEquals(0L, Functional.AvgPool2dOptions.DEFAULTS.padding()[0]);
        long[] mine = {3, 3};
        Functional.AvgPool2dOptions o = Functional.AvgPool2dOptions.DEFAULTS.withStride(mine);
        mine[0] = 9; // the record copied the caller's array
        assertEquals(3L, o.stride()[0]);
    }

    @Test
    void everyOptionsRecordHasDefaultsAndAnOverload() throws Exception {
        List<String> problems = new ArrayList<>();
        int records = 0;
        for (Class<?> owner : List.of(Tensor.class, Torch.class, Functional.class)) {
            for (Class<?> c : owner.getClasses()) {
                if (!c.isRecord() || !c.getSimpleName().endsWith("Options")) {
                    continue;
                }
                records++;
                Field d = c.getField("DEFAULTS");
                assertTrue(Modifier.isStatic(d.getModifiers()) && Modifier.isFinal(d.getModifiers()), c + ".DEFAULTS");
                assertNotNull(d.get(null), c + ".DEFAULTS");
                boolean overload = false;
                for (Method m : owner.getMethods()) {
                    overload |= m.getParameterCount() > 0 && m.getParameterTypes()[m.getParameterCount() - 1] == c;
                }
                if (!overload) {
                    problems.add(owner.getSimpleName() + "." + c.getSimpleName() + " has no overload taking it");
                }
                if (c.getRecordComponents().length < 4) {
                    problems.add(c.getSimpleName() + " has fewer than 4 keyword arguments");
                }
            }
        }
        assertTrue(records >= 20, "expected the generated options records, found " + records);
        assertEquals(List.of(), problems);
    }
}
