package org.torch4j.distributed;

import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.torch4j.Cuda;
import org.torch4j.TorchException;

/**
 * Makes the c10d backend behind a {@link ProcessGroup}: gloo (CPU tensors) or nccl (CUDA tensors,
 * LibTorch's GPU build: {@code -Pcuda}). The presets' {@code ProcessGroupNCCL} class ships in the
 * same Java jar as the CPU classes, so this compiles in both builds; its native part exists only in
 * the GPU build, which is why nccl is refused, with the reason, before the class is touched when
 * CUDA is unusable here.
 */
final class Backends {
    static final String GLOO = "gloo";
    static final String NCCL = "nccl";

    private Backends() {
    }

    /** The lower-case backend name; IAE for an unknown one, NPE for null. */
    static String normalize(String backend) {
        if (backend == null) {
            throw new NullPointerException("initProcessGroup: backend is null");
        }
        String b = backend.toLowerCase(Locale.ROOT);
        if (!b.equals(GLOO) && !b.equals(NCCL)) {
            throw new IllegalArgumentException("initProcessGroup: unknown backend '" + backend + "' (expected gloo or nccl)");
        }
        return b;
    }

    /** nccl needs CUDA devices: a TorchException saying what is missing when there are none. */
    static void checkUsable(String backend) {
        if (!backend.equals(NCCL)) {
            return;
        }
        if (!Cuda.isAvailable() || Cuda.deviceCount() == 0) {
            String why = Cuda.unavailableReason();
            throw new TorchException("initProcessGroup: backend 'nccl' needs NVIDIA GPUs and LibTorch's CUDA build "
                    + "(build with -Pcuda); CUDA is not available here" + (why == null ? "" : ": " + why)
                    + ". Use \"gloo\" for CPU tensors");
        }
    }

    /** A new backend over {@code store} (owned by LibTorch) for {@code rank} of {@code size}. */
    static Backend create(String backend, Store store, int rank, int size, Duration timeout, String host) {
        if (backend.equals(NCCL)) {
            return nccl(store, rank, size, timeout);
        }
        try (ProcessGroupGloo.Options o = ProcessGroupGloo.Options.create(new Milliseconds(timeout.toMillis()))) {
            o.devices(devices(host));
            return new ProcessGroupGloo(store, rank, size, o);
        }
    }

    private static Backend nccl(Store store, int rank, int size, Duration timeout) {
        try {
            org.bytedeco.pytorch.nccl.ProcessGroupNCCL.Options o = org.bytedeco.pytorch.nccl.ProcessGroupNCCL.Options.create();
            o.timeout(new Milliseconds(timeout.toMillis()));
            return new org.bytedeco.pytorch.nccl.ProcessGroupNCCL(store, rank, size, o);
        } catch (LinkageError e) {
            throw new TorchException("initProcessGroup: backend 'nccl' is not in this LibTorch build (" + e.getMessage()
                    + "); build with -Pcuda", e);
        }
    }

    /** Gloo's transport device: GLOO_SOCKET_IFNAME if set, loopback for a loopback master, else the host name's address. */
    private static GlooDeviceVector devices(String host) {
        GlooDeviceVector v = new GlooDeviceVector(1);
        String ifname = System.getenv("GLOO_SOCKET_IFNAME");
        if (ifname != null && !ifname.isEmpty()) {
            v.put(0, ProcessGroupGloo.createDeviceForInterface(ifname));
        } else if (host.equals("localhost") || host.startsWith("127.")) {
            v.put(0, ProcessGroupGloo.createDeviceForHostname("127.0.0.1"));
        } else {
            v.put(0, ProcessGroupGloo.createDefaultDevice());
        }
        return v;
    }
}
