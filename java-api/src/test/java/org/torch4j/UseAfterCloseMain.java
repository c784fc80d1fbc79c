package org.torch4j;

import static org.torch4j.Torch.scalar;
import static org.torch4j.Torch.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Uses every kind of object the facade hands out after it was closed. Run in a forked JVM by
 * {@link UseAfterCloseTest}: prints one line per case, "ok <case> <exception>", and exits 0 —
 * a native crash would kill the JVM and fail the test instead.
 */
public final class UseAfterCloseMain {
    private UseAfterCloseMain() {
    }

    public static void main(String[] args) {
        List<String> failures = new ArrayList<>();
        // a tensor closed directly
        Tensor t = tensor(new float[] {1, 2, 3});
        t.close();
        t.close(); // double close is a no-op
        check("tensor.add", failures, () -> t.add(1.0));
        check("tensor.item", failures, () -> t.sum());
        check("tensor.shape", failures, () -> t.shape());
        check("tensor as argument", failures, () -> tensor(new float[] {1, 2, 3}).add(t));
        check("tensor.backward", failures, () -> {
            t.backward();
            return null;
        });
        check("tensor.toFloatArray", failures, () -> t.toFloatArray());
        check("tensor.sub_", failures, () -> t.sub_(1.0));
        // a grad, closed by its scope; the parameter itself stays usable
        Tensor p = scalar(2.0).requiresGrad(true);
        Tensor g;
        try (Scope s = Scope.open()) {
            p.mul(p).backward();
            g = p.grad();
        }
        Tensor grad = g;
        check("grad after scope", failures, () -> grad.item());
        check("grad as argument", failures, () -> p.sub(grad));
        if (p.grad().item() != 4.0) {
            failures.add("parameter grad changed after a handed-out grad was closed");
        }
        // a view / slice closed by its scope; its base stays valid
        Tensor base = tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor view;
        Tensor slice;
        try (Scope s = Scope.open()) {
            view = base.view(4);
            slice = base.index(Slice.ALL, 0);
        }
        Tensor v = view;
        Tensor sl = slice;
        check("view after scope", failures, () -> v.sum());
        check("slice after scope", failures, () -> sl.fill_(0));
        if (base.sum().item() != 10.0) {
            failures.add("base changed when its views were closed");
        }
        // a parameter-like tensor handed to an owner and closed by it
        Tensor param = scalar(1.0).requiresGrad(true).unscoped();
        param.close();
        check("parameter after close", failures, () -> param.requiresGrad(false));
        check("parameter.grad after close", failures, () -> param.grad());
        check("parameter.setGrad after close", failures, () -> param.setGrad(null));
        // max(dim) pair closed
        ValuesIndices vi = base.max(1, false);
        vi.close();
        check("values after close", failures, () -> vi.values().sum());
        check("indices after close", failures, () -> vi.indices().toLongArray());

        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("FAIL " + f));
            System.exit(2);
        }
        System.out.println("ALL OK");
    }

    private static void check(String name, List<String> failures, Supplier<Object> use) {
        try {
            Object r = use.get();
            failures.add(name + ": no exception, returned " + r);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("closed")) {
                failures.add(name + ": message does not say closed: " + e.getMessage());
            } else {
                System.out.println("ok " + name + " -> " + e.getMessage());
            }
        } catch (RuntimeException e) {
            failures.add(name + ": expected IllegalStateException, got " + e);
        }
    }
}
