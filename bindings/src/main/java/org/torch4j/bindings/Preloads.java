package org.torch4j.bindings;

import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.ClassProperties;
import org.bytedeco.javacpp.Loader;

/**
 * Keeps JavaCPP's {@code Loader.load(torch.class)} from looking for libraries the CPU build does
 * not use (start-up, issue 13).
 *
 * <p>The presets' preload list names 30 CUDA libraries (cudart, cuBLAS, cuDNN, NCCL, …,
 * {@code c10_cuda}, {@code torch_cuda}) and OpenBLAS a second time. On the CPU build JavaCPP
 * searches its preload paths and {@code java.library.path} for each (and loads the system's
 * {@code libcudart}/{@code libcupti} when {@code /usr/local/cuda} exists), then loads a second,
 * byte-identical copy of OpenBLAS ({@code libopenblas.so.0} beside the {@code libopenblas_nolapack.so.0}
 * torch4j loaded first, both with SONAME {@code libopenblas.so.0}), which starts a second
 * OpenBLAS thread pool. Measured: about a fifth of the load time and several MiB of RSS.
 *
 * <p>How: JavaCPP skips a preload whose entry in its {@code Loader.foundLibraries} map is an empty
 * array (it treats it as "searched, not found", as it records its own failed searches). We add such
 * entries for the names nobody needs before {@code Loader.load(torch.class)}. They must stay: every
 * presets class's static initialiser calls {@code Loader.load} again, which walks the same preload
 * list, and removing them made each of those calls search again (measured). OpenBLAS's JNI library
 * ({@code libjniopenblas.so}) still loads and binds by SONAME to the OpenBLAS already in the process.
 * One consequence: in a JVM that runs torch4j's CPU build, the bytedeco CUDA presets would also find
 * {@code cudart} and friends marked absent; {@code -Dtorch4j.loader.skipUnusedPreloads=false} turns
 * this off. When the map is not reachable (JavaCPP on the module path, or changed), nothing is
 * skipped and the load behaves as before.
 */
final class Preloads {
    private Preloads() {
    }

    /**
     * Marks every preload and link library of {@code presetsClass} whose name is not in {@code keep}
     * and that JavaCPP has not searched yet as absent. Returns how many were marked, or -1 when
     * JavaCPP's map is not reachable.
     */
    static int skipAllBut(Class<?> presetsClass, Set<String> keep) {
        Map<String, URL[]> found = foundLibraries();
        if (found == null) {
            return -1;
        }
        ClassProperties p = Loader.loadProperties(presetsClass, Loader.loadProperties(), true);
        List<String> names = new ArrayList<>(p.get("platform.preload"));
        names.addAll(p.get("platform.link"));
        int n = 0;
        synchronized (Loader.class) { // Loader's own methods that touch the map are static synchronized
            for (String name : names) {
                String key = name.endsWith("!") ? name.substring(0, name.length() - 1) : name;
                if (!keep.contains(libraryName(key)) && !found.containsKey(name)) {
                    found.put(name, new URL[0]);
                    n++;
                }
            }
        }
        return n;
    }

    /** "openblas@.0#openblas@.0" → "openblas"; "gomp@.1" → "gomp"; "torch_cpu" → "torch_cpu". */
    static String libraryName(String preload) {
        String s = preload;
        int cut = s.indexOf('#');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        cut = s.indexOf('@');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        cut = s.indexOf(':');
        return cut >= 0 ? s.substring(0, cut) : s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, URL[]> foundLibraries() {
        try {
            Field f = Loader.class.getDeclaredField("foundLibraries");
            f.setAccessible(true);
            Object m = f.get(null);
            return m instanceof Map ? (Map<String, URL[]>) m : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
