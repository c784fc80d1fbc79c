package org.torch4j.bindings;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.Loader;

/**
 * Finds and loads the CUDA libraries that LibTorch's GPU build links, before LibTorch itself, each
 * by absolute path.
 *
 * <p>The GPU build's {@code libtorch_cpu.so} needs {@code libcudart.so.13} and {@code libcupti.so.13};
 * {@code libtorch_cuda.so} and the presets' {@code libjnitorch_cuda.so} also need cuBLAS, cuFFT, cuRAND,
 * cuSPARSE, cuSOLVER, cuFile, NCCL and cuDNN. Maven Central serves only part of them for
 * {@code cuda-redist 13.1-9.19-1.5.13} (cudart, cupti, cufft, curand, nvJitLink, nvrtc, cufile); the
 * rest must come from a CUDA install on the machine. Search order for each library:
 * {@code -Dtorch4j.cuda.libraryPath} (a path list), the cuda-redist jars (extracted by JavaCPP into
 * its cache), {@code LD_LIBRARY_PATH}, the CUDA directories the presets themselves search
 * ({@code /usr/local/cuda-13.1/lib64}, {@code /usr/local/cuda/lib64}, …) and the distribution's
 * library directories.
 *
 * <p>The library names, their versions and their order come from the presets' own preload list
 * (what JavaCPP would load), so they follow the presets' CUDA version without code changes.
 */
final class CudaLibraries {
    /** System property: extra directories (path-separator list) searched first for CUDA libraries. */
    static final String LIBRARY_PATH_PROPERTY = "torch4j.cuda.libraryPath";

    /**
     * Libraries without which {@code libtorch_cuda.so} or the presets' {@code libjnitorch_cuda.so}
     * cannot load (their ELF NEEDED entries, and nvJitLink which cuSPARSE needs). Base names.
     */
    static final Set<String> REQUIRED = Set.of("cudart", "cupti", "cublasLt", "cublas", "cufft", "curand",
            "nvJitLink", "cusparse", "cusolver", "cufile", "nccl", "cudnn", "cudnn_graph", "cudnn_ops",
            "cudnn_adv", "cudnn_cnn");

    /** CUDA libraries of the preload list worth loading (others are TensorRT, RDMA or Windows-only). */
    private static final List<String> CUDA_PREFIXES = List.of("cudart", "cublas", "cufft", "cupti", "curand",
            "nvJitLink", "cusparse", "cusolver", "cudnn", "cufile", "nccl", "nvrtc");

    /** The presets 2.10.0-1.5.13 list, used if the presets' properties cannot be read. */
    private static final List<String> FALLBACK = List.of("cudart@.13", "cublasLt@.13", "cublas@.13", "cufft@.12",
            "cupti@.13", "curand@.10", "nvJitLink@.13", "cusparse@.12", "cusolver@.12", "cudnn@.9", "cufile@.0",
            "nccl@.2", "nvrtc@.13", "nvrtc-builtins@.13.1", "cudnn_graph@.9", "cudnn_engines_precompiled@.9",
            "cudnn_engines_runtime_compiled@.9", "cudnn_heuristic@.9", "cudnn_ops@.9", "cudnn_adv@.9",
            "cudnn_cnn@.9");

    /** JavaCPP name ({@code cudart@.13}) → file loaded. */
    final Map<String, File> loaded = new LinkedHashMap<>();
    /** JavaCPP name → why it was not loaded (not found, or the linker's message). */
    final Map<String, String> failed = new LinkedHashMap<>();
    /** Directories searched, in order (for the report). */
    final List<File> searched = new ArrayList<>();
    /** Directories extracted from cuda-redist jars. */
    final List<File> redistDirs = new ArrayList<>();

    private CudaLibraries() {
    }

    /** Finds and loads every CUDA library the GPU build uses; never throws for a missing one. */
    static CudaLibraries load(Class<?> presets, String platform) {
        CudaLibraries c = new CudaLibraries();
        List<String> names = preloadNames(presets);
        c.searchPath(presets, platform);
        for (String name : names) {
            String file = fileName(name);
            File f = c.find(file);
            if (f == null) {
                c.failed.put(name, "not found");
                continue;
            }
            try {
                System.load(f.getAbsolutePath());
                c.loaded.put(name, f);
            } catch (UnsatisfiedLinkError e) {
                c.failed.put(name, e.getMessage());
            }
        }
        return c;
    }

    /** Required libraries that are not loaded, as file names ({@code libcublas.so.13}). */
    List<String> missingRequired() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : failed.entrySet()) {
            if (REQUIRED.contains(baseName(e.getKey()))) {
                out.add(fileName(e.getKey()) + ("not found".equals(e.getValue()) ? "" : " (" + e.getValue() + ")"));
            }
        }
        return out;
    }

    /** Optional libraries that are not loaded, as file names. */
    List<String> missingOptional() {
        List<String> out = new ArrayList<>();
        for (String name : failed.keySet()) {
            if (!REQUIRED.contains(baseName(name))) {
                out.add(fileName(name));
            }
        }
        return out;
    }

    /** Registers every loaded library under its JavaCPP name, so JavaCPP never loads another copy. */
    void register() {
        for (Map.Entry<String, File> e : loaded.entrySet()) {
            LibTorch.register(e.getValue(), e.getKey());
        }
    }

    /** "cuda-redist: cudart cupti …; /usr/local/cuda/lib64: cublas …" */
    String describeSources() {
        Map<String, List<String>> byDir = new LinkedHashMap<>();
        for (Map.Entry<String, File> e : loaded.entrySet()) {
            File dir = e.getValue().getParentFile();
            String label = redistDirs.contains(dir) ? "cuda-redist jar" : String.valueOf(dir);
            byDir.computeIfAbsent(label, k -> new ArrayList<>()).add(baseName(e.getKey()));
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : byDir.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append(": ").append(String.join(" ", e.getValue()));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private void searchPath(Class<?> presets, String platform) {
        Set<File> dirs = new LinkedHashSet<>();
        addPathList(dirs, System.getProperty(LIBRARY_PATH_PROPERTY));
        try {
            File[] cached = Loader.cacheResources(presets, "/org/bytedeco/cuda/" + platform + "/");
            if (cached != null) {
                for (File f : cached) {
                    File d = f.isDirectory() ? f : f.getParentFile();
                    if (d != null) {
                        dirs.add(d);
                        redistDirs.add(d);
                    }
                }
            }
        } catch (IOException e) {
            failed.put("(cuda-redist)", "cannot extract the cuda-redist jar: " + e.getMessage());
        }
        addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
        for (String p : presetsPaths(presets)) {
            if (p.contains("cuda")) {
                dirs.add(new File(p));
            }
        }
        for (String p : new String[] {"/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/x86_64-linux-gnu",
                "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"}) {
            dirs.add(new File(p));
        }
        searched.addAll(dirs);
    }

    private static void addPathList(Set<File> dirs, String list) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String p : list.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                dirs.add(new File(p.strip()));
            }
        }
    }

    private File find(String file) {
        for (File d : searched) {
            File f = new File(d, file);
            if (f.isFile()) {
                return f;
            }
        }
        return null;
    }

    /** The presets' preload list restricted to CUDA libraries, in the presets' order. */
    static List<String> preloadNames(Class<?> presets) {
        List<String> out = new ArrayList<>();
        try {
            ClassProperties p = Loader.loadProperties(presets, Loader.loadProperties(), true);
            for (String s : p.get("platform.preload")) {
                String base = baseName(s);
                if (s.contains("#") || base.equals("cufile_rdma")) {
                    continue;
                }
                for (String prefix : CUDA_PREFIXES) {
                    if (base.startsWith(prefix)) {
                        out.add(s);
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        return out.isEmpty() ? FALLBACK : out;
    }

    private static List<String> presetsPaths(Class<?> presets) {
        try {
            return Loader.loadProperties(presets, Loader.loadProperties(), true).get("platform.preloadpath");
        } catch (RuntimeException e) {
            return List.of("/usr/local/cuda-13.1/lib64/", "/usr/local/cuda/lib64/");
        }
    }

    /** {@code cudart@.13} → {@code cudart}. */
    static String baseName(String javacppName) {
        int at = javacppName.indexOf('@');
        return at < 0 ? javacppName : javacppName.substring(0, at);
    }

    /** {@code cudart@.13} → {@code libcudart.so.13} (Linux naming, as JavaCPP builds it). */
    static String fileName(String javacppName) {
        int at = javacppName.indexOf('@');
        String base = at < 0 ? javacppName : javacppName.substring(0, at);
        String version = at < 0 ? "" : javacppName.substring(at + 1);
        return "lib" + base + ".so" + version;
    }

    static URL url(File f) {
        try {
            return f.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
