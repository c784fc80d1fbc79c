package org.torch4j.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/**
 * Which LibTorch got loaded, from where, and what the report says about CUDA. Runs on whichever
 * native artifact the build selected (torch4j-native-cpu by default, torch4j-native-cuda with -Pcuda).
 */
class LibTorchLoadingTest {

    /** Every mapped file of LibTorch's own libraries (libtorch*, libc10*), from /proc/self/maps. */
    private static List<String> mappedTorchLibraries() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(l -> l.indexOf('/') >= 0 ? l.substring(l.indexOf('/')) : "")
                .filter(f -> {
                    String name = new File(f).getName();
                    return name.startsWith("libtorch") || name.startsWith("libc10");
                })
                .distinct().collect(Collectors.toList());
    }

    @Test
    void everyLibTorchLibraryComesFromTheJarWeChose() throws IOException {
        LibTorch.ensureLoaded();
        assertEquals(3.0, torch.ones(3).sum().item_double());
        String dir = new File(LibTorch.loadedFrom()).getCanonicalPath();
        List<String> mapped = mappedTorchLibraries();
        assertTrue(mapped.stream().anyMatch(f -> f.endsWith("/libtorch_cpu.so")), "libtorch_cpu.so is mapped: " + mapped);
        for (String f : mapped) {
            assertEquals(dir, new File(f).getCanonicalFile().getParent(),
                    "LibTorch library loaded from outside the presets' jar (a system libtorch?): " + f);
        }
        assertTrue(dir.endsWith(LibTorch.isGpuBuild() ? "-gpu" : "linux-x86_64"), dir);
    }

    @Test
    void theCpuBuildLoadsOneOpenBlasAndNoCudaLibrary() throws IOException {
        // issue 13: JavaCPP's preload list used to load a second, identical OpenBLAS (a second thread
        // pool) and, where /usr/local/cuda exists, the system's libcudart and libcupti
        LibTorch.ensureLoaded();
        if (LibTorch.isGpuBuild()) {
            return;
        }
        assertEquals(2.0, org.bytedeco.openblas.global.openblas.cblas_sdot(1, new float[] {1}, 1, new float[] {2}, 1),
                "the full OpenBLAS presets still work, bound to the one OpenBLAS");
        List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(l -> l.indexOf('/') >= 0 ? new File(l.substring(l.indexOf('/'))).getName() : "")
                .filter(n -> n.startsWith("libopenblas") || n.startsWith("libcudart") || n.startsWith("libcupti"))
                .distinct().collect(Collectors.toList());
        assertEquals(List.of("libopenblas_nolapack.so.0"), mapped, "OpenBLAS once, no CUDA runtime: " + mapped);
    }

    @Test
    void theCachedLibTorchLibrariesAreTheJarsOwnFiles() throws IOException {
        // JavaCPP replaces a cached library with a symbolic link when told that another file is that
        // library; LibTorch's own libraries must stay real files (a link would load the wrong code later)
        LibTorch.ensureLoaded();
        File dir = new File(LibTorch.loadedFrom());
        String[] names = LibTorch.isGpuBuild()
                ? new String[] {"libc10.so", "libtorch_cpu.so", "libtorch.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch_cuda_linalg.so"}
                : new String[] {"libc10.so", "libtorch_cpu.so", "libtorch.so"};
        for (String name : names) {
            Path p = new File(dir, name).toPath();
            assertTrue(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS), p + " is the jar's file, not a link");
        }
    }

    @Test
    void theGpuBuildLoadsItsCudaHalfOnlyWhenCudaCanWork() throws IOException {
        LibTorch.ensureLoaded();
        List<String> mapped = mappedTorchLibraries();
        boolean torchCuda = mapped.stream().anyMatch(f -> f.endsWith("/libtorch_cuda.so"));
        if (!LibTorch.isGpuBuild()) {
            assertTrue(!torchCuda && mapped.stream().noneMatch(f -> f.contains("_cuda")), "CPU build maps no CUDA library: " + mapped);
        } else if (!torchCuda) {
            // the GPU build running on the CPU: it says so, and why
            String reason = LibTorch.cudaUnavailableReason();
            assertNotNull(reason);
            assertTrue(reason.contains("could not be loaded"), reason);
        }
    }

    @Test
    void reasonIsNullExactlyWhenCudaIsAvailable() {
        boolean available = LibTorch.cudaAvailable();
        String reason = LibTorch.cudaUnavailableReason();
        if (available) {
            assertNull(reason);
            assertTrue(LibTorch.cudaDeviceCount() > 0);
        } else {
            assertNotNull(reason);
            assertEquals(0, LibTorch.cudaDeviceCount());
        }
    }

    @Test
    void infoReportsBuildExpectedVersionsAndCuda() {
        String info = LibTorch.info();
        assertTrue(info.contains("LibTorch          2.10.0"), info);
        assertTrue(info.contains("native build      " + (LibTorch.isGpuBuild() ? "GPU" : "CPU")), info);
        assertTrue(info.contains("CUDA expected"), info);
        assertTrue(info.contains("CUDA 13.1") && info.contains("cuDNN 9.19"), info);
        assertTrue(info.contains("NVIDIA driver"), info);
        assertTrue(info.contains("CUDA available    " + LibTorch.cudaAvailable()), info);
        if (!LibTorch.cudaAvailable()) {
            assertTrue(info.contains(LibTorch.cudaUnavailableReason()), info);
        }
        if (LibTorch.isGpuBuild()) {
            assertTrue(info.contains("CUDA libraries    "), info);
            assertTrue(info.contains("cudart"), "libcudart comes from the cuda-redist jar: " + info);
        }
    }

    @Test
    void expectedVersionsComeFromThePresetsPom() {
        assertArrayEquals(new String[] {"13.1", "9.19"}, LibTorch.expectedCudaVersions());
    }

    @Test
    void versionFormatting() {
        assertEquals("13.1", LibTorch.cudaVersion(13010));
        assertEquals("12.8", LibTorch.cudaVersion(12080));
        assertEquals("9.19.0", LibTorch.cudnnVersion(91900));
        assertEquals("9.1.1", LibTorch.cudnnVersion(90101));
    }

    @Test
    void cudaLibraryNamesFollowThePresets() {
        List<String> names = CudaLibraries.preloadNames(torch.class);
        assertTrue(names.contains("cudart@.13") && names.contains("cublas@.13") && names.contains("cudnn@.9"), names.toString());
        assertTrue(names.indexOf("cudart@.13") < names.indexOf("cublas@.13"), names.toString());
        assertTrue(names.indexOf("cublasLt@.13") < names.indexOf("cublas@.13"), names.toString());
        assertTrue(names.indexOf("nvJitLink@.13") < names.indexOf("cusparse@.12"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("cufile_rdma") || n.startsWith("nvinfer") || n.startsWith("myelin")), names.toString());
        assertEquals("libcudart.so.13", CudaLibraries.fileName("cudart@.13"));
        assertEquals("libnvrtc-builtins.so.13.1", CudaLibraries.fileName("nvrtc-builtins@.13.1"));
        assertEquals("cudnn_ops", CudaLibraries.baseName("cudnn_ops@.9"));
        for (String required : CudaLibraries.REQUIRED) {
            assertTrue(names.stream().anyMatch(n -> CudaLibraries.baseName(n).equals(required)),
                    required + " is in the presets' preload list " + names);
        }
    }
}
