package org.torch4j.distributed;

/** {@code torch.distributed.ReduceOp}: how a reducing collective combines the ranks' tensors. */
public enum ReduceOp {
    /** Element-wise sum. */
    SUM,
    /** Element-wise mean over the group (gloo: sum then divide; integer tensors divide exactly as PyTorch's). */
    AVG,
    /** Element-wise product. */
    PRODUCT,
    /** Element-wise minimum. */
    MIN,
    /** Element-wise maximum. */
    MAX,
    /** Bitwise and (integer and bool tensors). */
    BAND,
    /** Bitwise or (integer and bool tensors). */
    BOR,
    /** Bitwise xor (integer and bool tensors). */
    BXOR;

    /** A fresh native ReduceOp (the caller frees it). */
    org.bytedeco.pytorch.ReduceOp toNative() {
        return new org.bytedeco.pytorch.ReduceOp(org.bytedeco.pytorch.ReduceOp.RedOpType.valueOf(name()));
    }
}
