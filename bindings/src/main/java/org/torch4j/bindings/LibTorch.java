package org.torch4j.bindings;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads LibTorch once per JVM, safely and with torch4j's JavaCPP settings.
 *
 * <p>Two measured problems are handled here (see docs/presets-findings):
 * <ul>
 *   <li>Cold cache crash: JavaCPP extracts and loads {@code libtorch.so} before
 *       {@code libtorch_cpu.so} sits beside it, so the dynamic linker resolves the latter from the
 *       system path (Debian's libtorch 1.13 when python3-torch is installed) and the JVM dies in
 *       {@code System.load}. We extract the whole native directory first, then load
 *       the libraries in dependency order by absolute path; a later {@code dlopen} of a library
 *       whose SONAME is already loaded reuses it, so the system copy is never consulted.</li>
 *   <li>Per-op cost: JavaCPP reads the process RSS on every allocation when
 *       {@code maxPhysicalBytes > 0} (about 1.5 µs per returned object). torch4j frees
 *       deterministically through scopes and keeps its own native-bytes safety net, so it sets
 *       {@code maxPhysicalBytes=0} unless the user set it.</li>
 * </ul>
 */
public final class LibTorch {
    /** Native libraries of the pytorch jar, in the order the dynamic linker needs them. */
    private static final String[] LOAD_ORDER = {"libgomp.so.1", "libc10.so", "libtorch_cpu.so", "libtorch.so"};

    private static volatile boolean loaded;
    private static String loadedFrom = "(not loaded)";

    private LibTorch() {
    }

    /** Loads LibTorch if this JVM has not yet; cheap after the first call. */
    public static void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    private static synchronized void load() {
        if (loaded) {
            return;
        }
        // Must happen before org.bytedeco.javacpp.Pointer initialises (it reads them once).
        setDefault("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        setDefault("org.bytedeco.javacpp.maxBytes", "0");
        String platform = Loader.getPlatform();
        String dir = "/org/bytedeco/pytorch/" + platform + "/";
        try {
            // libtorch_cpu needs libopenblas.so.0: load JavaCPP's copy first so the system's is never used.
            Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("torch4j: OpenBLAS for " + platform + " could not be loaded; add the "
                    + "torch4j-native-cpu dependency: " + e.getMessage(), e);
        }
        try {
            File[] cached = Loader.cacheResources(torch.class, dir);
            File libDir = findDir(cached);
            if (libDir != null) {
                for (String lib : LOAD_ORDER) {
                    File f = new File(libDir, lib);
                    if (f.isFile()) {
                        System.load(f.getAbsolutePath());
                    }
                }
                loadedFrom = libDir.getAbsolutePath();
            }
        } catch (IOException e) {
            throw new IllegalStateException("torch4j: cannot extract LibTorch's native libraries from the "
                    + "pytorch-" + platform + " jar (is torch4j-native-cpu on the classpath?): " + e.getMessage(), e);
        }
        try {
            Loader.load(torch.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("torch4j: LibTorch for " + platform + " could not be loaded; add the "
                    + "torch4j-native-cpu (or torch4j-native-cuda) dependency: " + e.getMessage(), e);
        }
        NativeErrors.install();
        if (loadedFrom.startsWith("(")) {
            try {
                loadedFrom = String.valueOf(Loader.getCacheDir());
            } catch (IOException e) {
                loadedFrom = "(unknown: " + e.getMessage() + ")";
            }
        }
        loaded = true;
    }

    private static File findDir(File[] files) {
        if (files == null) {
            return null;
        }
        for (File f : files) {
            if (f.isDirectory() && new File(f, "libtorch_cpu.so").isFile()) {
                return f;
            }
            if (f.isFile() && f.getName().equals("libtorch_cpu.so")) {
                return f.getParentFile();
            }
        }
        return null;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Directory the native libraries were loaded from. */
    public static String loadedFrom() {
        ensureLoaded();
        return loadedFrom;
    }

    /** A multi-line human-readable report: versions, threads, CUDA, where the libraries came from. */
    public static String info() {
        ensureLoaded();
        StringBuilder sb = new StringBuilder();
        sb.append("torch4j LibTorch info\n");
        sb.append(String.format(Locale.ROOT, "  LibTorch          %s (presets %s)%n", libtorchVersion(), presetsVersion()));
        sb.append(String.format(Locale.ROOT, "  JavaCPP           %s%n", javacppVersion()));
        sb.append(String.format(Locale.ROOT, "  platform          %s%n", Loader.getPlatform()));
        sb.append(String.format(Locale.ROOT, "  intra-op threads  %d%n", torch.get_num_threads()));
        sb.append(String.format(Locale.ROOT, "  CUDA available    %s (devices: %d)%n", torch.cuda_is_available(), (int) torch.cuda_device_count()));
        sb.append(String.format(Locale.ROOT, "  native libraries  %s%n", loadedFrom));
        sb.append(String.format(Locale.ROOT, "  maxPhysicalBytes  %s%n", System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")));
        sb.append(String.format(Locale.ROOT, "  java              %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name")));
        return sb.toString();
    }

    /** LibTorch version the presets were built from, e.g. {@code 2.10.0}. */
    public static String libtorchVersion() {
        String v = presetsVersion();
        int dash = v.lastIndexOf('-');
        return dash > 0 ? v.substring(0, dash) : v;
    }

    /** Version of the pytorch presets artifact, e.g. {@code 2.10.0-1.5.13}. */
    public static String presetsVersion() {
        String v = torch.class.getPackage().getImplementationVersion();
        return v != null ? v : version("org.bytedeco", "pytorch");
    }

    /** Version of JavaCPP itself. */
    public static String javacppVersion() {
        return version("org.bytedeco", "javacpp");
    }

    private static String version(String group, String artifact) {
        try {
            String v = Loader.getVersion(group, artifact);
            return v != null ? v : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
