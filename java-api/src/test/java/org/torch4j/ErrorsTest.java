package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.ones;
import static org.torch4j.Torch.scalar;
import static org.torch4j.Torch.tensor;
import static org.torch4j.Torch.zeros;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input gives a one-line Java exception naming the op and the shapes; never a C++ frame dump. */
class ErrorsTest {
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private static <T extends Throwable> String oneLine(Class<T> type, Executable e, String... mustContain) {
        T ex = assertThrows(type, e);
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), "message must be one line: " + m);
        assertFalse(m.contains("frame #"), "no C++ frames: " + m);
        assertFalse(m.contains("Exception raised from"), "no c10 trailer: " + m);
        for (String s : mustContain) {
            assertTrue(m.contains(s), "message should contain '" + s + "': " + m);
        }
        return m;
    }

    @Test
    void shapeMismatch() {
        oneLine(TorchException.class, () -> ones(3).add(ones(4)), "add:", "float32[3]", "float32[4]", "size of tensor");
    }

    @Test
    void matmulMismatch() {
        oneLine(TorchException.class, () -> ones(2, 3).matmul(ones(2, 3)), "matmul:", "float32[2, 3]", "cannot be multiplied");
    }

    @Test
    void backwardOnNonScalar() {
        Tensor x = ones(3).requiresGrad(true);
        oneLine(TorchException.class, () -> x.mul(2.0).backward(), "backward:", "float32[3]", "scalar outputs");
    }

    @Test
    void backwardTwice() {
        Tensor x = ones(3).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        oneLine(TorchException.class, loss::backward, "backward:", "second time");
    }

    @Test
    void backwardWithoutGrad() {
        oneLine(TorchException.class, () -> ones(1).sum().backward(), "backward:", "does not require grad");
    }

    @Test
    void dtypeMismatch() {
        oneLine(TorchException.class, () -> ones(2, 2).matmul(ones(DType.FLOAT64, 2, 2)), "matmul:", "float32[2, 2]", "float64[2, 2]");
    }

    @Test
    void inPlaceOnLeafThatRequiresGrad() {
        Tensor p = scalar(1).requiresGrad(true);
        oneLine(TorchException.class, () -> p.sub_(1.0), "sub_:", "leaf Variable");
    }

    @Test
    void indexOutOfRange() {
        Tensor w = ones(2, 3);
        oneLine(IndexOutOfBoundsException.class, () -> w.get(5), "index 5", "size 2");
        oneLine(IndexOutOfBoundsException.class, () -> w.index(Slice.ALL, 3), "index 3", "size 3");
        oneLine(IndexOutOfBoundsException.class, () -> w.get(0, 0, 0), "too many indices");
        oneLine(TorchException.class, () -> w.select(0, 7), "select:", "float32[2, 3]", "out of range");
        oneLine(TorchException.class, () -> w.unsqueeze(5), "unsqueeze:", "Dimension out of range");
    }

    @Test
    void viewOfIncompatibleShape() {
        oneLine(TorchException.class, () -> ones(6).view(4, 2), "view:", "float32[6]", "[4, 2]");
    }

    @Test
    void nullArguments() {
        oneLine(NullPointerException.class, () -> ones(2).add((Tensor) null), "add");
        oneLine(NullPointerException.class, () -> ones(2).matmul(null), "matmul");
        oneLine(NullPointerException.class, () -> ones(2).to((DType) null), "dtype");
        oneLine(NullPointerException.class, () -> tensor((float[]) null), "data");
    }

    @Test
    void badArgumentsFoundInJava() {
        oneLine(IllegalArgumentException.class, () -> tensor(new float[] {1, 2, 3}, 2, 2), "[2, 2]", "4 elements", "3 values");
        oneLine(IllegalArgumentException.class, () -> zeros(2, -1), "negative size", "[2, -1]");
        oneLine(IllegalArgumentException.class, () -> ones(3).item(), "3 elements", "float32[3]");
        oneLine(IllegalArgumentException.class, () -> Device.of("tpu"), "tpu");
    }

    @Test
    void cudaWithoutGpuIsOneClearException() {
        if (Torch.cudaAvailable()) {
            return; // on a GPU machine moving to CUDA is legal; covered by the gpu tests
        }
        oneLine(TorchException.class, () -> ones(2).to(Device.cuda(0)), "CUDA is not available");
    }

    @Test
    void nativeTextStaysReachableForDebugging() {
        TorchException e = assertThrows(TorchException.class, () -> ones(3).add(ones(4)));
        assertTrue(e.nativeMessage().contains("size of tensor"), e.nativeMessage());
        assertTrue(e.nativeMessage().length() < 2000, "fixed stack-trace fetcher keeps the native text short");
    }

    @Test
    void engineStaysUsableAfterErrors() {
        for (int i = 0; i < 100; i++) {
            assertThrows(TorchException.class, () -> ones(3).add(ones(4)));
        }
        assertTrue(ones(3).add(ones(3)).sum().item() == 6.0);
    }
}
