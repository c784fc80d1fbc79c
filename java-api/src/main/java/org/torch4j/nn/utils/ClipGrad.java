package org.torch4j.nn.utils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Tensor;
import org.torch4j.TorchException;
import org.torch4j.autograd.Grad;
import org.torch4j.internal.Native;

/**
 * {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}, with PyTorch 1.13's op
 * sequence (so the clipped gradients and the returned norm are PyTorch's numbers).
 */
public final class ClipGrad {
    private ClipGrad() {
    }

    /** {@code clip_grad_norm_(parameters, max_norm)}: the 2-norm. */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /** {@code clip_grad_norm_(parameters, max_norm, norm_type)}; {@code Double.POSITIVE_INFINITY} for the max-norm. */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType) {
        return clipGradNorm_(parameters, maxNorm, normType, false);
    }

    /**
     * {@code clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)}: scales the
     * gradients of {@code parameters} in place so that their total norm (the norm of the vector of
     * every gradient's norm) is at most {@code maxNorm}; returns the total norm before clipping, a
     * 0-dim tensor owned by the current Scope ({@code tensor(0.)} when no parameter has a gradient).
     * Parameters without a gradient are skipped.
     *
     * @throws TorchException if {@code errorIfNonfinite} and the total norm is nan or infinite
     */
    public static Tensor clipGradNorm_(Iterable<Tensor> parameters, double maxNorm, double normType, boolean errorIfNonfinite) {
        Objects.requireNonNull(parameters, "parameters");
        List<Tensor> params = new ArrayList<>();
        for (Tensor p : parameters) {
            params.add(Objects.requireNonNull(p, "clipGradNorm_: a parameter is null"));
        }
        Tensor[] ps = params.toArray(new Tensor[0]);
        org.bytedeco.pytorch.Tensor[] ns = Native.leaseAll(ps, "clipGradNorm_");
        List<Pointer> temps = new ArrayList<>();
        try (Grad.Guard ng = Grad.noGrad()) {
            List<org.bytedeco.pytorch.Tensor> grads = new ArrayList<>();
            for (org.bytedeco.pytorch.Tensor n : ns) {
                org.bytedeco.pytorch.Tensor g = n.grad(); // a reference into n, used within this call
                if (g.defined()) {
                    grads.add(g);
                }
            }
            if (grads.isEmpty()) {
                return org.torch4j.Torch.scalar(0.0); // torch.tensor(0.)
            }
            org.bytedeco.pytorch.Device device = keep(temps, grads.get(0).device());
            org.bytedeco.pytorch.Tensor total;
            if (normType == Double.POSITIVE_INFINITY) {
                TensorVector norms = keep(temps, new TensorVector());
                for (org.bytedeco.pytorch.Tensor g : grads) {
                    org.bytedeco.pytorch.Tensor m = keep(temps, keep(temps, g.detach()).abs());
                    norms.push_back(keep(temps, keep(temps, m.max()).to(device, m.scalar_type())));
                }
                total = grads.size() == 1 ? norms.get(0).clone() : torch.max(keep(temps, torch.stack(norms)));
            } else {
                ScalarOptional p = keep(temps, new ScalarOptional(keep(temps, new Scalar(normType))));
                TensorVector norms = keep(temps, new TensorVector());
                for (org.bytedeco.pytorch.Tensor g : grads) {
                    org.bytedeco.pytorch.Tensor d = keep(temps, g.detach());
                    long[] dims = new long[(int) d.dim()];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = i;
                    }
                    org.bytedeco.pytorch.Tensor nrm = keep(temps, torch.norm(d, p, dims, false));
                    norms.push_back(keep(temps, nrm.to(device, nrm.scalar_type())));
                }
                org.bytedeco.pytorch.Tensor stacked = keep(temps, torch.stack(norms));
                total = torch.norm(stacked, p, new long[] {0}, false);
            }
            Tensor result = Native.adopt(total);
            if (errorIfNonfinite) {
                double v = total.item().toDouble();
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw new TorchException("The total norm of order " + normType + " for gradients from `parameters` is non-finite, so it cannot be clipped. "
                            + "To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
                }
            }
            // clip_coef = max_norm / (total_norm + 1e-6): Tensor.__rtruediv__ is reciprocal() * max_norm
            org.bytedeco.pytorch.Tensor coef = keep(temps, keep(temps, keep(temps, total.add(keep(temps, new Scalar(1e-6)))).reciprocal())
                    .mul(keep(temps, new Scalar(maxNorm))));
            org.bytedeco.pytorch.Tensor clamped = keep(temps, torch.clamp(coef, keep(temps, new ScalarOptional()),
                    keep(temps, new ScalarOptional(keep(temps, new Scalar(1.0))))));
            for (org.bytedeco.pytorch.Tensor g : grads) {
                org.bytedeco.pytorch.Tensor c = keep(temps, clamped.to(keep(temps, g.device()), clamped.scalar_type()));
                keep(temps, g.detach()).mul_(c);
            }
            return result;
        } catch (RuntimeException e) {
            throw Native.fail(e, "clipGradNorm_");
        } finally {
            for (int i = temps.size() - 1; i >= 0; i--) {
                temps.get(i).close();
            }
            Native.releaseAll(ps);
        }
    }

    /** {@code clip_grad_value_(parameters, clip_value)}: clamps every gradient in place to {@code [-clipValue, clipValue]}. */
    public static void clipGradValue_(Iterable<Tensor> parameters, double clipValue) {
        Objects.requireNonNull(parameters, "parameters");
        try (Grad.Guard ng = Grad.noGrad();
                Scalar lo = new Scalar(-clipValue);
                Scalar hi = new Scalar(clipValue);
                ScalarOptional min = new ScalarOptional(lo);
                ScalarOptional max = new ScalarOptional(hi)) {
            for (Tensor p : parameters) {
                org.bytedeco.pytorch.Tensor n = Native.lease(p, "clipGradValue_");
                try {
                    org.bytedeco.pytorch.Tensor g = n.grad();
                    if (g.defined()) {
                        g.clamp_(min, max);
                    }
                } catch (RuntimeException e) {
                    throw Native.fail(e, "clipGradValue_", p);
                } finally {
                    Native.release(p);
                }
            }
        }
    }

    private static <P extends Pointer> P keep(List<Pointer> temps, P p) {
        temps.add(p);
        return p;
    }
}
