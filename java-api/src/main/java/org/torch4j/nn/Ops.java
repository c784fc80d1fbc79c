package org.torch4j.nn;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.Tensors4;
import org.torch4j.Torch;
import org.torch4j.internal.Args;
import org.torch4j.internal.Native;

/**
 * The functions the nn modules call, each one line onto the generated op surface ({@link Torch},
 * {@link Functional}, {@link Tensor}; codegen/), so modules and users share one path: the same
 * leases, adoption into the current Scope and one-line TorchExceptions naming the op. Names and
 * argument orders are the ATen ones the modules were written against. The one exception is the QR
 * decomposition of orthogonal init ({@code torch.linalg} is not generated; see below).
 */
final class Ops {
    /** None for an optional integer argument ({@code divisor_override}, {@code padding_idx}). */
    static final LongOptional NO_LONG = Args.NO_LONG;

    private Ops() {
    }

    private static Long value(LongOptional o) {
        return o.has_value() ? o.get() : null;
    }

    private static Reduction reduction(long code) {
        return switch ((int) code) {
            case 0 -> Reduction.NONE;
            case 1 -> Reduction.MEAN;
            case 2 -> Reduction.SUM;
            default -> throw new IllegalArgumentException("reduction code " + code + " is not 0 (none), 1 (mean) or 2 (sum)");
        };
    }

    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return Functional.linear(x, w, b);
    }

    static Tensor conv1d(Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups) {
        return Torch.conv1d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor conv1d(Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups) {
        return Torch.conv1d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups) {
        return Torch.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups) {
        return Torch.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor conv3d(Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups) {
        return Torch.conv3d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor conv3d(Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups) {
        return Torch.conv3d(x, w, b, stride, padding, dilation, groups);
    }

    static Tensor convTranspose1d(Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation) {
        return Torch.convTranspose1d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    static Tensor convTranspose2d(Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation) {
        return Torch.convTranspose2d(x, w, b, stride, padding, outputPadding, groups, dilation);
    }

    static Tensor maxPool1d(Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        return Torch.maxPool1d(x, kernel, stride, padding, dilation, ceilMode);
    }

    static Tensor maxPool2d(Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        return Torch.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    static Tensor avgPool1d(Tensor x, long[] kernel, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad) {
        return Torch.avgPool1d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    static Tensor avgPool2d(Tensor x, long[] kernel, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad, LongOptional divisorOverride) {
        return Functional.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad, value(divisorOverride));
    }

    static Tensor adaptiveAvgPool1d(Tensor x, long[] outputSize) {
        return Torch.adaptiveAvgPool1d(x, outputSize);
    }

    static Tensor adaptiveAvgPool2d(Tensor x, long[] outputSize) {
        return Functional.adaptiveAvgPool2d(x, outputSize);
    }

    /** The output of {@code adaptive_max_pool2d} (F.adaptive_max_pool2d without return_indices). */
    static Tensor adaptiveMaxPool2d(Tensor x, long[] outputSize) {
        return Functional.adaptiveMaxPool2d(x, outputSize);
    }

    static Tensor batchNorm(Tensor x, Tensor w, Tensor b, Tensor runningMean, Tensor runningVar, boolean training, double momentum, double eps) {
        return Torch.batchNorm(x, w, b, runningMean, runningVar, training, momentum, eps, true);
    }

    static Tensor instanceNorm(Tensor x, Tensor w, Tensor b, Tensor runningMean, Tensor runningVar, boolean useInputStats, double momentum, double eps) {
        return Torch.instanceNorm(x, w, b, runningMean, runningVar, useInputStats, momentum, eps, true);
    }

    static Tensor layerNorm(Tensor x, long[] normalizedShape, Tensor w, Tensor b, double eps) {
        return Torch.layerNorm(x, normalizedShape, w, b, eps, true);
    }

    static Tensor groupNorm(Tensor x, long numGroups, Tensor w, Tensor b, double eps) {
        return Torch.groupNorm(x, numGroups, w, b, eps, true);
    }

    static Tensor dropout(Tensor x, double p, boolean train) {
        return Torch.dropout(x, p, train);
    }

    static Tensor featureDropout(Tensor x, double p, boolean train) {
        return Torch.featureDropout(x, p, train);
    }

    static Tensor embedding(Tensor w, Tensor indices, long paddingIdx, boolean scaleGradByFreq, boolean sparse) {
        return Torch.embedding(w, indices, paddingIdx, scaleGradByFreq, sparse);
    }

    /** The output of {@code embedding_bag}; its three bookkeeping tensors are freed at once. */
    static Tensor embeddingBag(Tensor w, Tensor indices, Tensor offsets, boolean scaleGradByFreq, long mode, boolean sparse, Tensor perSampleWeights, boolean includeLastOffset, LongOptional paddingIdx) {
        Tensors4 r = Torch.embeddingBag(w, indices, offsets, scaleGradByFreq, mode, sparse, perSampleWeights, includeLastOffset, value(paddingIdx));
        r.second().close();
        r.third().close();
        r.fourth().close();
        return r.first();
    }

    static Tensor bilinear(Tensor x1, Tensor x2, Tensor w, Tensor b) {
        return Torch.bilinear(x1, x2, w, b);
    }

    static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Functional.leakyRelu(x, negativeSlope);
    }

    static Tensor gelu(Tensor x, String approximate) {
        return Functional.gelu(x, approximate);
    }

    static Tensor silu(Tensor x) {
        return Functional.silu(x);
    }

    static Tensor elu(Tensor x, double alpha) {
        return Functional.elu(x, alpha);
    }

    static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        return Functional.hardtanh(x, minVal, maxVal);
    }

    static Tensor softplus(Tensor x, double beta, double threshold) {
        return Functional.softplus(x, beta, threshold);
    }

    static Tensor prelu(Tensor x, Tensor weight) {
        return Functional.prelu(x, weight);
    }

    static Tensor relu6(Tensor x) {
        return Functional.relu6(x);
    }

    static Tensor selu(Tensor x) {
        return Functional.selu(x);
    }

    static Tensor celu(Tensor x, double alpha) {
        return Functional.celu(x, alpha);
    }

    static Tensor mish(Tensor x) {
        return Functional.mish(x);
    }

    static Tensor hardswish(Tensor x) {
        return Functional.hardswish(x);
    }

    static Tensor hardsigmoid(Tensor x) {
        return Functional.hardsigmoid(x);
    }

    static Tensor hardshrink(Tensor x, double lambd) {
        return Functional.hardshrink(x, lambd);
    }

    static Tensor softshrink(Tensor x, double lambd) {
        return Functional.softshrink(x, lambd);
    }

    /** PyTorch writes it in Python ({@code input - input.tanh()}); {@link Functional#tanhshrink} does the same. */
    static Tensor tanhshrink(Tensor x) {
        return Functional.tanhshrink(x);
    }

    /** PyTorch writes it in Python ({@code input / (input.abs() + 1)}); {@link Functional#softsign} does the same. */
    static Tensor softsign(Tensor x) {
        return Functional.softsign(x);
    }

    static Tensor logsigmoid(Tensor x) {
        return Functional.logsigmoid(x);
    }

    /** PyTorch writes it in Python ({@code (-input).softmax(dim)}); {@link Functional#softmin} does the same. */
    static Tensor softmin(Tensor x, long dim) {
        return Functional.softmin(x, dim);
    }

    static Tensor threshold(Tensor x, double threshold, double value) {
        return Functional.threshold(x, threshold, value);
    }

    static Tensor glu(Tensor x, long dim) {
        return Functional.glu(x, dim);
    }

    static Tensor pixelShuffle(Tensor x, long upscaleFactor) {
        return Functional.pixelShuffle(x, upscaleFactor);
    }

    static Tensor pixelUnshuffle(Tensor x, long downscaleFactor) {
        return Functional.pixelUnshuffle(x, downscaleFactor);
    }

    static Tensor cosineSimilarity(Tensor x1, Tensor x2, long dim, double eps) {
        return Functional.cosineSimilarity(x1, x2, dim, eps);
    }

    static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        return Functional.pairwiseDistance(x1, x2, p, eps, keepdim);
    }

    static Tensor softmax(Tensor x, long dim) {
        return Torch.softmax(x, dim);
    }

    static Tensor logSoftmax(Tensor x, long dim) {
        return Torch.logSoftmax(x, dim);
    }

    static Tensor l1Loss(Tensor x, Tensor t, long reduction) {
        return Functional.l1Loss(x, t, reduction(reduction));
    }

    static Tensor mseLoss(Tensor x, Tensor t, long reduction) {
        return Functional.mseLoss(x, t, reduction(reduction));
    }

    static Tensor smoothL1Loss(Tensor x, Tensor t, long reduction, double beta) {
        return Functional.smoothL1Loss(x, t, reduction(reduction), beta);
    }

    static Tensor huberLoss(Tensor x, Tensor t, long reduction, double delta) {
        return Functional.huberLoss(x, t, reduction(reduction), delta);
    }

    static Tensor crossEntropy(Tensor x, Tensor t, Tensor weight, long reduction, long ignoreIndex, double labelSmoothing) {
        return Functional.crossEntropy(x, t, weight, ignoreIndex, reduction(reduction), labelSmoothing);
    }

    static Tensor nllLoss(Tensor x, Tensor t, Tensor weight, long reduction, long ignoreIndex) {
        return Functional.nllLoss(x, t, weight, ignoreIndex, reduction(reduction));
    }

    static Tensor binaryCrossEntropy(Tensor x, Tensor t, Tensor weight, long reduction) {
        return Functional.binaryCrossEntropy(x, t, weight, reduction(reduction));
    }

    static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor t, Tensor weight, Tensor posWeight, long reduction) {
        return Torch.binaryCrossEntropyWithLogits(x, t, weight, posWeight, reduction);
    }

    static Tensor klDiv(Tensor x, Tensor t, long reduction, boolean logTarget) {
        return Torch.klDiv(x, t, reduction, logTarget);
    }

    static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, double margin, long reduction) {
        return Torch.cosineEmbeddingLoss(x1, x2, y, margin, reduction);
    }

    static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, double margin, long reduction) {
        return Torch.marginRankingLoss(x1, x2, y, margin, reduction);
    }

    static Tensor tripletMarginLoss(Tensor a, Tensor pos, Tensor neg, double margin, double p, double eps, boolean swap, long reduction) {
        return Torch.tripletMarginLoss(a, pos, neg, margin, p, eps, swap, reduction);
    }

    static Tensor ctcLoss(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths, long blank, long reduction, boolean zeroInfinity) {
        return Functional.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction(reduction), zeroInfinity);
    }

    static Tensor uniform_(Tensor x, double from, double to) {
        return x.uniform_(from, to);
    }

    static Tensor normal_(Tensor x, double mean, double std) {
        return x.normal_(mean, std);
    }

    static Tensor pad(Tensor x, long[] pad, String mode) {
        return Functional.pad(x, pad, mode);
    }

    static Tensor pad(Tensor x, long[] pad, String mode, double value) {
        return Functional.pad(x, pad, mode, value);
    }

    /** Adds an integer 1 in place, so an int64 counter stays int64. */
    static Tensor increment_(Tensor x) {
        return x.add_(1L);
    }

    static Tensor unflatten(Tensor x, long dim, long[] sizes) {
        return x.unflatten(dim, sizes);
    }

    static Tensor sign(Tensor x) {
        return Torch.sign(x);
    }

    static Tensor diag(Tensor x) {
        return Torch.diag(x, 0);
    }

    // torch.linalg.* is not part of the generated surface (Tensor, torch.*, F.*), and torch.qr prints
    // LibTorch's once-per-process deprecation warning; so Q and R come from at::linalg_qr directly.

    /** Q of the reduced QR decomposition ({@code torch.linalg.qr(x).Q}). */
    static Tensor qrQ(Tensor x) {
        return qrPart(x, 0);
    }

    /** R of the reduced QR decomposition ({@code torch.linalg.qr(x).R}). */
    static Tensor qrR(Tensor x) {
        return qrPart(x, 1);
    }

    private static Tensor qrPart(Tensor x, int part) {
        org.bytedeco.pytorch.Tensor n = Native.lease(x, "linalg_qr");
        try (var r = torch.linalg_qr(n)) {
            return Native.adopt(new org.bytedeco.pytorch.Tensor(part == 0 ? r.get0() : r.get1()));
        } catch (RuntimeException e) {
            throw Native.fail(e, "linalg_qr", x);
        } finally {
            Native.release(x);
        }
    }
}
