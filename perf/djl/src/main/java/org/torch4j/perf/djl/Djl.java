package org.torch4j.perf.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every DJL peer shares: DJL configured offline (the native library comes from the
 * pytorch-native-cpu jar on the class path, extracted once into DJL's cache; nothing is downloaded)
 * and the PyTorch engine's base manager. This module never has torch4j on its class path: DJL's
 * LibTorch 2.7.1 and torch4j's 2.10 must not meet in one process.
 */
public final class Djl {
    private Djl() {
    }

    static {
        offline();
    }

    /** Sets DJL's offline switches (idempotent); call before the first DJL class that loads the engine. */
    public static void offline() {
        System.setProperty("ai.djl.offline", "true");
        // no usage report, no model-zoo lookups; the engine is the only one on the class path
        System.setProperty("ai.djl.default_engine", "PyTorch");
        // DJL logs through SLF4J without a provider here: keep SLF4J's three-line "no providers"
        // notice out of every JMH fork's output
        System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    /** The PyTorch engine, loaded on first use. */
    public static Engine engine() {
        offline();
        return Engine.getEngine("PyTorch");
    }

    /** A fresh base manager on the CPU (the caller closes it). */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** VmRSS of this process in KiB, or -1. */
    public static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The first three fields of /proc/loadavg, or "?". */
    public static String loadAvg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
