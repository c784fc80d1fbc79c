package org.torch4j.bindings;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.CUDAHooksInterface;
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
 *       whose SONAME is already loaded reuses it, so the system copy is never consulted. Each
 *       library is also registered with JavaCPP under the name it would load it by, so JavaCPP
 *       never falls back to {@code System.loadLibrary("torch")} (which finds the system copy).</li>
 *   <li>Per-op cost: JavaCPP reads the process RSS on every allocation when
 *       {@code maxPhysicalBytes > 0} (about 1.5 µs per returned object). torch4j frees
 *       deterministically through scopes and keeps its own native-bytes safety net, so it sets
 *       {@code maxPhysicalBytes=0} unless the user set it.</li>
 * </ul>
 *
 * <h2>CPU and GPU builds</h2>
 * The presets ship LibTorch twice: {@code pytorch-…-linux-x86_64.jar} (CPU, brought by
 * torch4j-native-cpu) with its libraries under {@code org/bytedeco/pytorch/linux-x86_64/}, and
 * {@code pytorch-…-linux-x86_64-gpu.jar} (CUDA, brought by torch4j-native-cuda) under
 * {@code linux-x86_64-gpu/}, which adds {@code libc10_cuda.so}, {@code libtorch_cuda.so} and
 * {@code libtorch_cuda_linalg.so}. The GPU build is used when its jar is on the classpath (as
 * JavaCPP itself prefers it) unless {@code -Dorg.bytedeco.javacpp.platform.extension} names another
 * extension. Its CUDA libraries are loaded first ({@link CudaLibraries}); when some cannot be found
 * (Maven Central does not serve cuBLAS, cuDNN, … for this CUDA version), the GPU build still runs
 * on the CPU: only {@code libtorch_cpu.so} and {@code libc10_cuda.so} are loaded, CUDA reports itself
 * unavailable, and {@link #cudaUnavailableReason()} names what is missing.
 */
public final class LibTorch {
    /** The CPU build's libraries, in the order the dynamic linker needs them, with their JavaCPP names. */
    private static final String[][] CPU_BUILD = {
        {"libgomp.so.1", "gomp@.1"}, {"libc10.so", "c10"}, {"libtorch_cpu.so", "torch_cpu"}, {"libtorch.so", "torch"},
    };
    /** {@code -Dtorch4j.loader.skipUnusedPreloads=false} lets JavaCPP search every preload of the presets, as before issue 13. */
    public static final String SKIP_PRELOADS_PROPERTY = "torch4j.loader.skipUnusedPreloads";
    /** JavaCPP library names of the CPU build's libraries (which JavaCPP's preload loop may still look at). */
    private static final java.util.Set<String> CPU_LIBRARY_NAMES = java.util.Set.of("gomp", "c10", "torch_cpu", "torch");
    /** The GPU build's libraries that need only the CUDA runtime and CUPTI (both in the cuda-redist jar). */
    private static final String[][] GPU_BUILD_BASE = {
        {"libgomp.so.1", "gomp@.1"}, {"libc10.so", "c10"}, {"libc10_cuda.so", "c10_cuda"}, {"libtorch_cpu.so", "torch_cpu"},
    };
    /** The GPU build's libraries that need the whole CUDA stack (cuBLAS, cuSPARSE, cuSOLVER, cuDNN, NCCL, …). */
    private static final String[][] GPU_BUILD_CUDA = {
        {"libtorch_cuda.so", "torch_cuda"}, {"libtorch_cuda_linalg.so", "torch_cuda_linalg"}, {"libtorch.so", "torch"},
    };

    /** Oldest NVIDIA driver branch for each CUDA major version (NVIDIA's minor-version compatibility table). */
    private static final String[][] MIN_DRIVER = {{"13", "580"}, {"12", "525"}, {"11", "450"}};

    private static volatile boolean loaded;
    private static String loadedFrom = "(not loaded)";
    private static boolean gpuBuild;
    private static boolean cpuJarUnused;
    /** CUDA libraries found for the GPU build, or null for the CPU build. */
    private static CudaLibraries cudaLibraries;
    /** Why the GPU build's CUDA half could not be loaded, or null. */
    private static String cudaLoadFailure;
    private static volatile Boolean cudaAvailable;
    private static volatile int cudaDeviceCount = -1;

    private LibTorch() {
    }

    /** Loads LibTorch if this JVM has not yet; cheap after the first call. */
    public static void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    /**
     * Loads once, and survives interrupts. JavaCPP extracts and locks the cached libraries through
     * interruptible file channels and loads them from static initialisers, so an interrupt pending
     * on (or arriving at) the loading thread used to fail the load — and with it the static
     * initialiser of every torch4j class, for the JVM's lifetime. The load therefore runs on a
     * private thread that nothing can interrupt; the caller waits for it, and an interrupt it
     * receives meanwhile stays set on it when this returns.
     */
    private static synchronized void load() {
        if (loaded) {
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread loader = new Thread(() -> {
            try {
                loadOnce();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "torch4j-loader");
        loader.setDaemon(true);
        loader.start();
        boolean interrupted = false;
        while (true) {
            try {
                loader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure[0];
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error er) {
            throw er;
        }
        if (t != null) {
            throw new IllegalStateException("torch4j: loading LibTorch failed: " + t, t);
        }
    }

    /** Where the load's time went: phase name to milliseconds, in order (see {@link #loadTimings()}). */
    private static final java.util.Map<String, Double> TIMINGS = new java.util.LinkedHashMap<>();
    private static long phaseStart;

    private static void phase(String name) {
        long now = System.nanoTime();
        TIMINGS.put(name, (now - phaseStart) / 1e6);
        phaseStart = now;
    }

    /**
     * Milliseconds each phase of the load took in this JVM, in order: JavaCPP's {@code Loader}
     * initialising, finding the native jar, loading OpenBLAS, the extraction-cache check, each
     * LibTorch library's {@code dlopen}, the presets' JNI library and classes, error and thread
     * set-up. Empty before the load. For start-up measurements (perf's StartupProbe).
     */
    public static java.util.Map<String, Double> loadTimings() {
        synchronized (LibTorch.class) {
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(TIMINGS));
        }
    }

    private static void loadOnce() {
        phaseStart = System.nanoTime();
        // Must happen before org.bytedeco.javacpp.Pointer initialises (it reads them once).
        setDefault("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        setDefault("org.bytedeco.javacpp.maxBytes", "0");
        // libjnitorch's JNI_OnLoad loads ~1,650 presets classes: load them meanwhile on another core.
        ClassPreloader.start(torch.class);
        String platform = Loader.getPlatform();
        phase("JavaCPP Loader init");
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        boolean gpuJar = hasNativeDir(platform + "-gpu");
        boolean cpuJar = hasNativeDir(platform);
        if (!gpuJar && !cpuJar) {
            throw new IllegalStateException("torch4j: no LibTorch native jar for " + platform + " is on the classpath; add "
                    + "the torch4j-native-cpu (or torch4j-native-cuda) dependency");
        }
        gpuBuild = gpuJar && (extension.isEmpty() || extension.endsWith("-gpu") || !cpuJar);
        cpuJarUnused = gpuBuild && cpuJar;
        String dir = "/org/bytedeco/pytorch/" + platform + (gpuBuild ? "-gpu" : "") + "/";
        String artifact = gpuBuild ? "torch4j-native-cuda" : "torch4j-native-cpu";
        phase("find native jar");
        Threads.applyEnvDefaults(); // before OpenBLAS and libgomp read their environment at load
        phase("thread environment defaults");
        try {
            // libtorch_cpu needs libopenblas.so.0: load JavaCPP's copy first so the system's is never used.
            Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("torch4j: OpenBLAS for " + platform + " could not be loaded; add the "
                    + artifact + " dependency: " + e.getMessage(), e);
        }
        phase("OpenBLAS (presets + dlopen)");
        File libDir;
        try {
            libDir = findDir(Loader.cacheResources(torch.class, dir));
        } catch (IOException e) {
            throw new IllegalStateException("torch4j: cannot extract LibTorch's native libraries from the "
                    + "pytorch-" + platform + (gpuBuild ? "-gpu" : "") + " jar (is " + artifact + " on the classpath?): "
                    + e.getMessage(), e);
        }
        if (libDir == null) {
            throw new IllegalStateException("torch4j: no libtorch_cpu.so under " + dir + " in the pytorch jar on the classpath");
        }
        phase("extraction cache check");
        if (gpuBuild) {
            loadGpuBuild(libDir, platform);
        } else {
            loadAll(libDir, CPU_BUILD);
        }
        loadedFrom = libDir.getAbsolutePath();
        phase("dlopen gomp, c10, torch_cpu, torch");
        // The CPU build needs none of the presets' CUDA preloads nor a second OpenBLAS (see Preloads).
        if (!gpuBuild && Boolean.parseBoolean(System.getProperty(SKIP_PRELOADS_PROPERTY, "true"))) {
            Preloads.skipAllBut(torch.class, CPU_LIBRARY_NAMES);
        }
        try {
            try {
                // The presets initialise the full OpenBLAS presets' class first (its JNI library binds to the
                // OpenBLAS loaded above); done here only so that its cost is a phase of its own.
                Class.forName("org.bytedeco.openblas.global.openblas", true, torch.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // not inherited by these presets: Loader.load(torch.class) below does what they need
            }
            phase("OpenBLAS JNI (full presets class)");
            Loader.load(torch.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("torch4j: LibTorch for " + platform + " could not be loaded; add the "
                    + "torch4j-native-cpu (or torch4j-native-cuda) dependency: " + e.getMessage(), e);
        }
        phase("presets: jnitorch, its JNI_OnLoad classes, torch class");
        NativeErrors.install();
        Threads.applyDefault(); // OpenBLAS's pool starts with one thread
        phase("error handler + threads");
        loaded = true;
    }

    private static void loadGpuBuild(File libDir, String platform) {
        cudaLibraries = CudaLibraries.load(torch.class, platform);
        try {
            loadAll(libDir, GPU_BUILD_BASE);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("torch4j: LibTorch's GPU build could not be loaded: " + e.getMessage()
                    + " (its libtorch_cpu.so needs libcudart and libcupti from the cuda-redist jar, which "
                    + "torch4j-native-cuda brings; CUDA libraries found: " + cudaLibraries.describeSources() + ")", e);
        }
        List<String> missing = cudaLibraries.missingRequired();
        if (missing.isEmpty()) {
            try {
                loadAll(libDir, GPU_BUILD_CUDA);
            } catch (UnsatisfiedLinkError e) {
                cudaLoadFailure = e.getMessage();
            }
        } else {
            cudaLoadFailure = "not found: " + String.join(", ", missing);
        }
        cudaLibraries.register();
        if (cudaLoadFailure != null) {
            // Run on the CPU: libjnitorch.so needs only libtorch_cpu.so and libc10.so. JavaCPP would still
            // try to preload torch_cuda and link torch, and when that fails it falls back to
            // System.loadLibrary, which finds a system libtorch (Debian's 1.13 with libtorch-dev).
            String[] names = new String[GPU_BUILD_CUDA.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = GPU_BUILD_CUDA[i][1];
            }
            if (!markSkipped(names)) {
                String system = systemLibTorch(names);
                if (system != null) {
                    throw new IllegalStateException("torch4j: the GPU build cannot run without its CUDA libraries here ("
                            + cudaLoadFailure + "): JavaCPP would then load " + system + " from java.library.path "
                            + "instead. Install the CUDA libraries (README, \"CUDA\"), or use torch4j-native-cpu.");
                }
            }
        }
    }

    /**
     * Records JavaCPP library names as already handled, without loading anything, so that JavaCPP
     * neither loads them nor falls back to a system copy. This writes JavaCPP's own bookkeeping map
     * ({@code Loader.loadedLibraries}): its public {@code loadLibrary} cannot record a name without
     * loading a file of that name, and registering an unrelated file makes JavaCPP replace the cached
     * library with a symbolic link to it. The value holds no '/', so JavaCPP never treats it as a path.
     * Returns false when that map is not reachable (JavaCPP on the module path, or changed).
     */
    private static boolean markSkipped(String... javacppNames) {
        try {
            java.lang.reflect.Field f = Loader.class.getDeclaredField("loadedLibraries");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            java.util.Map<String, String> map = (java.util.Map<String, String>) f.get(null);
            for (String name : javacppNames) {
                map.putIfAbsent(name, name + " (not loaded by torch4j: its CUDA libraries are missing)");
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The first system copy of one of these libraries that {@code System.loadLibrary} would find, or null. */
    private static String systemLibTorch(String... javacppNames) {
        for (String dir : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            for (String name : javacppNames) {
                File f = new File(dir, System.mapLibraryName(name));
                if (!dir.isEmpty() && f.exists()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    /** Loads each library present in {@code libDir} by absolute path, in order, and registers it with JavaCPP. */
    private static void loadAll(File libDir, String[][] libs) {
        for (String[] lib : libs) {
            File f = new File(libDir, lib[0]);
            if (f.isFile()) {
                System.load(f.getAbsolutePath());
                register(f, lib[1]);
            }
        }
    }

    /**
     * Tells JavaCPP that its library {@code javacppName} is {@code file}, which this JVM has already
     * loaded: {@link Loader#loadLibrary} then only records it (loading an already-loaded file is a no-op),
     * and every later request for that name returns at once. The presets' class gives the class loader
     * JavaCPP loads LibTorch for.
     */
    static void register(File file, String javacppName) {
        Loader.loadLibrary(torch.class, new java.net.URL[] {CudaLibraries.url(file)}, javacppName);
    }

    /**
     * Whether a pytorch native jar for {@code platformDir} is present. JavaCPP's lookup, not
     * {@code torch.class.getResource}: on the module path the native jar is a module of its own
     * ({@code org.bytedeco.pytorch.linux.x86_64}), which {@code Class.getResource} of a class in
     * {@code org.bytedeco.pytorch} does not search; the class loader does (the native module is open).
     */
    private static boolean hasNativeDir(String platformDir) {
        try {
            return Loader.findResources(torch.class, "/org/bytedeco/pytorch/" + platformDir + "/libjnitorch.so").length > 0;
        } catch (IOException e) {
            return false;
        }
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

    /** True when the GPU build of LibTorch (torch4j-native-cuda) was loaded, whether or not CUDA works. */
    public static boolean isGpuBuild() {
        ensureLoaded();
        return gpuBuild;
    }

    /** Whether LibTorch can use a CUDA device here (computed once). */
    public static boolean cudaAvailable() {
        ensureLoaded();
        Boolean a = cudaAvailable;
        if (a == null) {
            synchronized (LibTorch.class) {
                a = cudaAvailable;
                if (a == null) {
                    a = gpuBuild && cudaLoadFailure == null && torch.cuda_is_available();
                    cudaAvailable = a;
                }
            }
        }
        return a;
    }

    /** Number of CUDA devices LibTorch sees (0 when CUDA is not available). */
    public static int cudaDeviceCount() {
        int n = cudaDeviceCount;
        if (n < 0) {
            n = cudaAvailable() ? torch.cuda_device_count() : 0;
            cudaDeviceCount = n;
        }
        return n;
    }

    /**
     * Why CUDA cannot be used here, in one sentence that says what to do, or {@code null} when it can.
     * Used as the detail of torch4j's "CUDA is not available: …" errors.
     */
    public static String cudaUnavailableReason() {
        if (cudaAvailable()) {
            return null;
        }
        String[] v = expectedCudaVersions();
        if (!gpuBuild) {
            return "this is LibTorch's CPU build (torch4j-native-cpu); use the torch4j-native-cuda artifact "
                    + "(mvn -Pcuda) on a machine with an NVIDIA GPU, CUDA " + v[0] + " and cuDNN " + v[1];
        }
        if (cudaLoadFailure != null) {
            return "the GPU build's CUDA libraries could not be loaded (" + cudaLoadFailure + "); Maven Central does "
                    + "not serve cuBLAS, cuSPARSE, cuSOLVER, cuDNN and NCCL for CUDA " + v[0] + ": install CUDA "
                    + major(v[0]) + ".x with cuDNN " + major(v[1]) + " and NCCL 2, or point -D"
                    + CudaLibraries.LIBRARY_PATH_PROPERTY + " at their directories";
        }
        String driver = driverVersion();
        if (driver == null) {
            return "no NVIDIA driver is loaded (/proc/driver/nvidia/version is absent); CUDA " + v[0]
                    + " needs an NVIDIA GPU and driver " + minDriver(v[0]) + " or newer";
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        return "the NVIDIA driver " + driver + " reports no usable CUDA device"
                + (visible != null ? " (CUDA_VISIBLE_DEVICES=" + visible + ")" : "")
                + "; CUDA " + v[0] + " needs driver " + minDriver(v[0]) + " or newer and a GPU it supports";
    }

    /**
     * CUDA and cuDNN versions the GPU build of these presets was made with, e.g. {@code {"13.1", "9.19"}},
     * read from the pytorch presets' own pom (its dependency on the CUDA presets).
     */
    public static String[] expectedCudaVersions() {
        try (InputStream in = torch.class.getResourceAsStream("/META-INF/maven/org.bytedeco/pytorch/pom.xml")) {
            if (in != null) {
                String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("<artifactId>cuda</artifactId>\\s*<version>(\\d+\\.\\d+)-(\\d+\\.\\d+)-").matcher(pom);
                if (m.find()) {
                    return new String[] {m.group(1), m.group(2)};
                }
            }
        } catch (IOException e) {
            // fall through to the versions of presets 1.5.13
        }
        return new String[] {"13.1", "9.19"};
    }

    /** The NVIDIA kernel driver's version from /proc/driver/nvidia/version, or null when there is none. */
    public static String driverVersion() {
        Path p = Path.of("/proc/driver/nvidia/version");
        try {
            if (Files.isReadable(p)) {
                Matcher m = Pattern.compile("Module.*?\\s(\\d{3,}\\.\\d+(?:\\.\\d+)?)\\s").matcher(Files.readString(p));
                return m.find() ? m.group(1) : "present (version unreadable)";
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static String minDriver(String cudaVersion) {
        for (String[] row : MIN_DRIVER) {
            if (row[0].equals(major(cudaVersion))) {
                return row[1];
            }
        }
        return "(see NVIDIA's compatibility table)";
    }

    /** A version ({@code cudaDriverGetVersion}, {@code cudaRuntimeGetVersion}) through the CUDA presets, e.g. {@code 13.0}; null if unknown. */
    private static String cudaVersionFromCudart(String method) {
        if (!gpuBuild || driverVersion() == null) {
            return null; // the CUDA presets' JNI library needs the driver's libcuda.so.1
        }
        try {
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
            Method m = cudart.getMethod(method, int[].class);
            int[] v = new int[1];
            Object rc = m.invoke(null, (Object) v);
            return rc instanceof Integer code && code == 0 && v[0] > 0 ? cudaVersion(v[0]) : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** 13010 → "13.1". */
    static String cudaVersion(long v) {
        return (v / 1000) + "." + (v % 1000) / 10;
    }

    /** 91900 → "9.19.0". */
    static String cudnnVersion(long v) {
        return String.format(Locale.ROOT, "%d.%d.%d", v / 10000, (v % 10000) / 100, v % 100);
    }

    /** A multi-line human-readable report: versions, threads, CUDA, where the libraries came from. */
    public static String info() {
        ensureLoaded();
        StringBuilder sb = new StringBuilder();
        sb.append("torch4j LibTorch info\n");
        sb.append(String.format(Locale.ROOT, "  LibTorch          %s (presets %s)%n", libtorchVersion(), presetsVersion()));
        sb.append(String.format(Locale.ROOT, "  JavaCPP           %s%n", javacppVersion()));
        sb.append(String.format(Locale.ROOT, "  platform          %s%n", Loader.getPlatform()));
        sb.append(String.format(Locale.ROOT, "  native build      %s%n", gpuBuild
                ? "GPU (pytorch " + Loader.getPlatform() + "-gpu jar, torch4j-native-cuda)"
                        + (cpuJarUnused ? "; the CPU jar is on the classpath too and is not used" : "")
                : "CPU (pytorch " + Loader.getPlatform() + " jar, torch4j-native-cpu)"));
        sb.append(String.format(Locale.ROOT, "  intra-op threads  %d (OpenBLAS %d, inter-op %d)%n", torch.get_num_threads(),
                Threads.blas(), torch.get_num_interop_threads()));
        sb.append(String.format(Locale.ROOT, "  thread env        %s%n", Threads.envDefaults()));
        String[] v = expectedCudaVersions();
        if (gpuBuild) {
            sb.append(String.format(Locale.ROOT, "  CUDA expected     CUDA %s, cuDNN %s, NVIDIA driver %s or newer%n",
                    v[0], v[1], minDriver(v[0])));
            sb.append(String.format(Locale.ROOT, "  CUDA libraries    %s%n", cudaLibraries.describeSources()));
            List<String> missing = cudaLibraries.missingRequired();
            if (!missing.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  CUDA missing      %s%n", String.join(", ", missing)));
            }
            List<String> optional = cudaLibraries.missingOptional();
            if (!optional.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  CUDA optional     not found: %s%n", String.join(", ", optional)));
            }
        } else {
            sb.append(String.format(Locale.ROOT, "  CUDA expected     none (CPU build; the GPU build expects CUDA %s, cuDNN %s)%n",
                    v[0], v[1]));
        }
        String driver = driverVersion();
        String driverApi = cudaVersionFromCudart("cudaDriverGetVersion");
        sb.append(String.format(Locale.ROOT, "  NVIDIA driver     %s%s%n", driver != null ? driver : "none found",
                driverApi != null ? " (CUDA driver API " + driverApi + ")" : ""));
        boolean available = cudaAvailable();
        if (available) {
            sb.append(String.format(Locale.ROOT, "  CUDA runtime      %s%n", cudaRuntimeReport()));
        }
        sb.append(String.format(Locale.ROOT, "  CUDA available    %s (devices: %d)%s%n", available, cudaDeviceCount(),
                available ? "" : ": " + cudaUnavailableReason()));
        sb.append(String.format(Locale.ROOT, "  native libraries  %s%n", loadedFrom));
        sb.append(String.format(Locale.ROOT, "  maxPhysicalBytes  %s%n", System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")));
        sb.append(String.format(Locale.ROOT, "  java              %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name")));
        return sb.toString();
    }

    /** "CUDA 13.1 (built with 13.1), cuDNN 9.19.0 (built with 9.19.0)" when CUDA is available. */
    private static String cudaRuntimeReport() {
        StringBuilder sb = new StringBuilder();
        try {
            CUDAHooksInterface hooks = torch.getCUDAHooks();
            String runtime = cudaVersionFromCudart("cudaRuntimeGetVersion");
            sb.append("CUDA ").append(runtime != null ? runtime : "?")
                    .append(" (built with ").append(cudaVersion(hooks.versionCUDART())).append(")");
            if (hooks.hasCuDNN()) {
                sb.append(", cuDNN ").append(cudnnVersion(hooks.versionRuntimeCuDNN()))
                        .append(" (built with ").append(cudnnVersion(hooks.versionCuDNN())).append(")");
            } else {
                sb.append(", cuDNN not usable");
            }
        } catch (RuntimeException e) {
            sb.append(" (versions unreadable: ").append(NativeErrors.firstLine(e)).append(")");
        }
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
