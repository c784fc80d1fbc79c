package org.torch4j.bindings;

import java.io.File;
import java.net.URL;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the presets' Java classes on a second thread while the native libraries load (start-up,
 * issue 13).
 *
 * <p>When {@code libjnitorch.so} is loaded, its {@code JNI_OnLoad} asks JavaCPP to record the size
 * of every mapped C++ type, which loads about 1,650 classes of {@code org.bytedeco.pytorch} one by
 * one on the loading thread (measured: the largest single phase of start-up). None of them needs
 * the native library to be loaded, and nothing is initialised: this thread only does
 * {@code Class.forName(name, false, loader)} for each class of that package in the presets jar,
 * in parallel with OpenBLAS and the {@code dlopen} of LibTorch. {@code JNI_OnLoad} then finds them
 * loaded. On one CPU it only reorders work. Skipped when the classes do not come from a jar file
 * (module image, exploded directory); {@code -Dtorch4j.loader.preloadClasses=false} turns it off.
 */
final class ClassPreloader {
    /** Turns the preloading off. */
    static final String PROPERTY = "torch4j.loader.preloadClasses";
    private static final String PACKAGE_DIR = "org/bytedeco/pytorch/";

    private ClassPreloader() {
    }

    /** Starts loading {@code anchor}'s package's classes on a daemon thread; returns it, or null. */
    static Thread start(Class<?> anchor) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return null;
        }
        File jar = jarOf(anchor);
        if (jar == null) {
            return null;
        }
        ClassLoader loader = anchor.getClassLoader();
        Thread t = new Thread(() -> preload(jar, loader), "torch4j-class-preloader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void preload(File jar, ClassLoader loader) {
        try (JarFile f = new JarFile(jar, false)) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.startsWith(PACKAGE_DIR) && n.endsWith(".class") && n.indexOf('/', PACKAGE_DIR.length()) < 0) {
                    try {
                        Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                    } catch (ClassNotFoundException | LinkageError ignored) {
                        // JNI_OnLoad loads it again and reports the error where it matters
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // only a speed-up
        }
    }

    private static File jarOf(Class<?> c) {
        try {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            URL u = cs == null ? null : cs.getLocation();
            if (u == null || !"file".equals(u.getProtocol())) {
                return null;
            }
            File f = new File(u.toURI());
            return f.isFile() ? f : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
