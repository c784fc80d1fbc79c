# Generates java-api/src/main/java/org/torch4j/nn/Ops.java (temporary: replaced by gen's Functional).
# spec: (java name, op name, [params as 'Type name'], tensors (ordered names), required count, native call expr)
ops = [
 ("linear", "linear", "Tensor x, Tensor w, Tensor b", "x, w, b", 2, "torch.linear(n[0], n[1], o2)"),
 ("conv1d", "conv1d", "Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv1d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("conv1d", "conv1d", "Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv1d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("conv2d", "conv2d", "Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv2d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("conv2d", "conv2d", "Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv2d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("conv3d", "conv3d", "Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv3d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("conv3d", "conv3d", "Tensor x, Tensor w, Tensor b, long[] stride, String padding, long[] dilation, long groups", "x, w, b", 2,
  "torch.conv3d(n[0], n[1], o2, stride, padding, dilation, groups)"),
 ("convTranspose1d", "conv_transpose1d", "Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation", "x, w, b", 2,
  "torch.conv_transpose1d(n[0], n[1], o2, stride, padding, outputPadding, groups, dilation)"),
 ("convTranspose2d", "conv_transpose2d", "Tensor x, Tensor w, Tensor b, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation", "x, w, b", 2,
  "torch.conv_transpose2d(n[0], n[1], o2, stride, padding, outputPadding, groups, dilation)"),
 ("maxPool1d", "max_pool1d", "Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceilMode", "x", 1,
  "torch.max_pool1d(n[0], kernel, stride, padding, dilation, ceilMode)"),
 ("maxPool2d", "max_pool2d", "Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, boolean ceilMode", "x", 1,
  "torch.max_pool2d(n[0], kernel, stride, padding, dilation, ceilMode)"),
 ("avgPool1d", "avg_pool1d", "Tensor x, long[] kernel, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad", "x", 1,
  "torch.avg_pool1d(n[0], kernel, stride, padding, ceilMode, countIncludePad)"),
 ("avgPool2d", "avg_pool2d", "Tensor x, long[] kernel, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad, LongOptional divisorOverride", "x", 1,
  "torch.avg_pool2d(n[0], kernel, stride, padding, ceilMode, countIncludePad, divisorOverride)"),
 ("adaptiveAvgPool1d", "adaptive_avg_pool1d", "Tensor x, long[] outputSize", "x", 1, "torch.adaptive_avg_pool1d(n[0], outputSize)"),
 ("adaptiveAvgPool2d", "adaptive_avg_pool2d", "Tensor x, long[] outputSize", "x", 1, "torch.adaptive_avg_pool2d(n[0], outputSize)"),
 ("adaptiveMaxPool2d", "adaptive_max_pool2d", "Tensor x, long[] outputSize", "x", 1, "FIRST:torch.adaptive_max_pool2d(n[0], outputSize)"),
 ("batchNorm", "batch_norm", "Tensor x, Tensor w, Tensor b, Tensor runningMean, Tensor runningVar, boolean training, double momentum, double eps", "x, w, b, runningMean, runningVar", 1,
  "torch.batch_norm(n[0], o1, o2, o3, o4, training, momentum, eps, true)"),
 ("instanceNorm", "instance_norm", "Tensor x, Tensor w, Tensor b, Tensor runningMean, Tensor runningVar, boolean useInputStats, double momentum, double eps", "x, w, b, runningMean, runningVar", 1,
  "torch.instance_norm(n[0], o1, o2, o3, o4, useInputStats, momentum, eps, true)"),
 ("layerNorm", "layer_norm", "Tensor x, long[] normalizedShape, Tensor w, Tensor b, double eps", "x, w, b", 1,
  "torch.layer_norm(n[0], normalizedShape, o1, o2, eps, true)"),
 ("groupNorm", "group_norm", "Tensor x, long numGroups, Tensor w, Tensor b, double eps", "x, w, b", 1,
  "torch.group_norm(n[0], numGroups, o1, o2, eps, true)"),
 ("dropout", "dropout", "Tensor x, double p, boolean train", "x", 1, "torch.dropout(n[0], p, train)"),
 ("featureDropout", "feature_dropout", "Tensor x, double p, boolean train", "x", 1, "torch.feature_dropout(n[0], p, train)"),
 ("embedding", "embedding", "Tensor w, Tensor indices, long paddingIdx, boolean scaleGradByFreq, boolean sparse", "w, indices", 2,
  "torch.embedding(n[0], n[1], paddingIdx, scaleGradByFreq, sparse)"),
 ("embeddingBag", "embedding_bag", "Tensor w, Tensor indices, Tensor offsets, boolean scaleGradByFreq, long mode, boolean sparse, Tensor perSampleWeights, boolean includeLastOffset, LongOptional paddingIdx", "w, indices, offsets, perSampleWeights", 3,
  "FIRST:torch.embedding_bag(n[0], n[1], n[2], scaleGradByFreq, mode, sparse, o3, includeLastOffset, paddingIdx)"),
 ("bilinear", "bilinear", "Tensor x1, Tensor x2, Tensor w, Tensor b", "x1, x2, w, b", 3, "torch.bilinear(n[0], n[1], n[2], o3)"),
 ("leakyRelu", "leaky_relu", "Tensor x, double negativeSlope", "x", 1, "SCALAR1:torch.leaky_relu(n[0], s1)"),
 ("gelu", "gelu", "Tensor x, String approximate", "x", 1, "torch.gelu(n[0], approximate)"),
 ("silu", "silu", "Tensor x", "x", 1, "torch.silu(n[0])"),
 ("elu", "elu", "Tensor x, double alpha", "x", 1, "SCALAR3:torch.elu(n[0], s1, s2, s3)"),
 ("hardtanh", "hardtanh", "Tensor x, double minVal, double maxVal", "x", 1, "SCALAR2:torch.hardtanh(n[0], s1, s2)"),
 ("softplus", "softplus", "Tensor x, double beta, double threshold", "x", 1, "SCALAR2:torch.softplus(n[0], s1, s2)"),
 ("softmax", "softmax", "Tensor x, long dim", "x", 1, "torch.softmax(n[0], dim)"),
 ("logSoftmax", "log_softmax", "Tensor x, long dim", "x", 1, "torch.log_softmax(n[0], dim)"),
 ("l1Loss", "l1_loss", "Tensor x, Tensor t, long reduction", "x, t", 2, "torch.l1_loss(n[0], n[1], reduction)"),
 ("mseLoss", "mse_loss", "Tensor x, Tensor t, long reduction", "x, t", 2, "torch.mse_loss(n[0], n[1], reduction)"),
 ("smoothL1Loss", "smooth_l1_loss", "Tensor x, Tensor t, long reduction, double beta", "x, t", 2, "torch.smooth_l1_loss(n[0], n[1], reduction, beta)"),
 ("huberLoss", "huber_loss", "Tensor x, Tensor t, long reduction, double delta", "x, t", 2, "torch.huber_loss(n[0], n[1], reduction, delta)"),
 ("crossEntropy", "cross_entropy", "Tensor x, Tensor t, Tensor weight, long reduction, long ignoreIndex, double labelSmoothing", "x, t, weight", 2,
  "torch.cross_entropy_loss(n[0], n[1], o2, reduction, ignoreIndex, labelSmoothing)"),
 ("nllLoss", "nll_loss", "Tensor x, Tensor t, Tensor weight, long reduction, long ignoreIndex", "x, t, weight", 2,
  "torch.nll_loss_nd(n[0], n[1], o2, reduction, ignoreIndex)"),
 ("binaryCrossEntropy", "binary_cross_entropy", "Tensor x, Tensor t, Tensor weight, long reduction", "x, t, weight", 2,
  "torch.binary_cross_entropy(n[0], n[1], o2, reduction)"),
 ("binaryCrossEntropyWithLogits", "binary_cross_entropy_with_logits", "Tensor x, Tensor t, Tensor weight, Tensor posWeight, long reduction", "x, t, weight, posWeight", 2,
  "torch.binary_cross_entropy_with_logits(n[0], n[1], o2, o3, reduction)"),
 ("klDiv", "kl_div", "Tensor x, Tensor t, long reduction, boolean logTarget", "x, t", 2, "torch.kl_div(n[0], n[1], reduction, logTarget)"),
 ("cosineEmbeddingLoss", "cosine_embedding_loss", "Tensor x1, Tensor x2, Tensor y, double margin, long reduction", "x1, x2, y", 3,
  "torch.cosine_embedding_loss(n[0], n[1], n[2], margin, reduction)"),
 ("marginRankingLoss", "margin_ranking_loss", "Tensor x1, Tensor x2, Tensor y, double margin, long reduction", "x1, x2, y", 3,
  "torch.margin_ranking_loss(n[0], n[1], n[2], margin, reduction)"),
 ("tripletMarginLoss", "triplet_margin_loss", "Tensor a, Tensor pos, Tensor neg, double margin, double p, double eps, boolean swap, long reduction", "a, pos, neg", 3,
  "torch.triplet_margin_loss(n[0], n[1], n[2], margin, p, eps, swap, reduction)"),
 ("ctcLoss", "ctc_loss", "Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths, long blank, long reduction, boolean zeroInfinity", "logProbs, targets, inputLengths, targetLengths", 4,
  "torch.ctc_loss(n[0], n[1], n[2], n[3], blank, reduction, zeroInfinity)"),
 ("uniform_", "uniform_", "Tensor x, double from, double to", "x", 1, "INPLACE:n[0].uniform_(from, to, NO_GEN)"),
 ("normal_", "normal_", "Tensor x, double mean, double std", "x", 1, "INPLACE:n[0].normal_(mean, std, NO_GEN)"),
 ("pad", "pad", "Tensor x, long[] pad, String mode", "x", 1, "torch.pad(n[0], pad, mode, NO_DOUBLE)"),
 ("increment_", "add_", "Tensor x", "x", 1, "INPLACE:n[0].add_(ONE)"),
 ("unflatten", "unflatten", "Tensor x, long dim, long[] sizes", "x", 1, "n[0].unflatten(dim, sizes)"),
 ("sign", "sign", "Tensor x", "x", 1, "torch.sign(n[0])"),
 ("diag", "diag", "Tensor x", "x", 1, "torch.diag(n[0])"),
 ("qrQ", "linalg_qr", "Tensor x", "x", 1, "FIRSTQR:torch.linalg_qr(n[0])"),
 ("qrR", "linalg_qr", "Tensor x", "x", 1, "SECONDQR:torch.linalg_qr(n[0])"),
]

scalars = {"leakyRelu": ["negativeSlope"], "elu": ["alpha", "1.0", "1.0"], "hardtanh": ["minVal", "maxVal"], "softplus": ["beta", "threshold"]}

out = []
out.append('''package org.torch4j.nn;

import java.util.Objects;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.bindings.LibTorch;
import org.torch4j.internal.Native;

/**
 * The LibTorch functions the modules call, each through the internal path (lease every tensor
 * for the call, adopt the result into the current Scope, translate failures into one-line
 * TorchExceptions naming the op). One place to point at the generated {@code Functional} when
 * it lands. Generated by ci/gen-nn-ops.py — edit that, not this file.
 */
final class Ops {
    static {
        LibTorch.ensureLoaded();
    }

    /** The empty optionals are never written to, so one of each is shared. */
    private static final TensorOptional NO_TENSOR = new TensorOptional();
    private static final GeneratorOptional NO_GEN = new GeneratorOptional();
    static final LongOptional NO_LONG = new LongOptional();
    private static final DoubleOptional NO_DOUBLE = new DoubleOptional();
    /** An integer 1, so that adding it keeps an int64 counter int64. */
    private static final Scalar ONE = new Scalar(1L);

    private Ops() {
    }

    private static org.bytedeco.pytorch.Tensor[] lease(String op, int required, Tensor[] ts) {
        for (int i = 0; i < required; i++) {
            Objects.requireNonNull(ts[i], op + ": tensor argument " + i + " is null");
        }
        return Native.leaseAll(ts, op);
    }

    private static TensorOptional opt(org.bytedeco.pytorch.Tensor n) {
        return n == null ? NO_TENSOR : new TensorOptional(n);
    }

    private static void free(TensorOptional o) {
        if (o != NO_TENSOR) {
            o.close();
        }
    }

    private static Tensor adoptCopy(org.bytedeco.pytorch.Tensor ref) {
        return Native.adopt(new org.bytedeco.pytorch.Tensor(ref));
    }
''')

for (jname, opname, params, tensors, req, call) in ops:
    tl = [t.strip() for t in tensors.split(",")]
    kind = None
    if ":" in call.split("(")[0]:
        kind, call = call.split(":", 1)
    nopt = [i for i in range(len(tl)) if f"o{i}" in call]
    body = []
    body.append(f"        Tensor[] ts = {{{tensors}}};")
    body.append(f"        var n = lease(\"{opname}\", {req}, ts);")
    for i in nopt:
        body.append(f"        TensorOptional o{i} = opt(n[{i}]);")
    sc = scalars.get(jname, []) if kind and kind.startswith("SCALAR") else []
    for k, v in enumerate(sc):
        body.append(f"        Scalar s{k+1} = new Scalar({v});")
    body.append("        try {")
    if kind in ("FIRST", "FIRSTQR", "SECONDQR"):
        body.append(f"            var r = {call};")
        body.append("            try {")
        body.append(f"                return adoptCopy(r.{'get1' if kind == 'SECONDQR' else 'get0'}());")
        body.append("            } finally {")
        body.append("                r.close();")
        body.append("            }")
    elif kind == "INPLACE":
        body.append(f"            {call};")
        body.append("            return x;")
    else:
        body.append(f"            return Native.adopt({call});")
    body.append("        } catch (RuntimeException e) {")
    body.append(f"            throw Native.fail(e, \"{opname}\", {tensors});")
    body.append("        } finally {")
    for k in range(len(sc)):
        body.append(f"            s{k+1}.close();")
    for i in nopt:
        body.append(f"            free(o{i});")
    body.append("            Native.releaseAll(ts);")
    body.append("        }")
    out.append(f"\n    /** {{@code {opname}}}. */\n    static Tensor {jname}({params}) {{\n" + "\n".join(body) + "\n    }\n")
out.append("}\n")
open("/work/wt/nn/java-api/src/main/java/org/torch4j/nn/Ops.java", "w").write("".join(out))
