package org.torch4j.perf.djl;

import ai.djl.ndarray.NDManager;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Started as a fresh JVM by {@link DjlStartup}, DJL's peer of {@code org.torch4j.perf.StartupProbe}:
 * loads DJL's PyTorch engine (offline, from the native jar), runs {@code ones(3).add(1).sum()} and
 * prints one JSON line: ms since JVM start to main, to the engine loaded, to the first op done,
 * the RSS after the first op and the number of classes loaded.
 */
public final class DjlStartupProbe {
    private DjlStartupProbe() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis() - jvmStart;
        Djl.offline();
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        long loadedAt = System.currentTimeMillis() - jvmStart;
        float value;
        try (NDManager m = engine.newBaseManager()) {
            value = m.ones(new ai.djl.ndarray.types.Shape(3)).add(1f).sum().getFloat();
        }
        long firstOpAt = System.currentTimeMillis() - jvmStart;
        if (value != 6.0f) {
            throw new IllegalStateException("first op gave " + value);
        }
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println(String.format(Locale.ROOT,
                "{\"mode\":\"djl\",\"mainMs\":%d,\"loadedMs\":%d,\"firstOpMs\":%d,\"rssMiB\":%.1f,\"classes\":%d,\"engine\":\"%s\"}",
                mainAt, loadedAt, firstOpAt, Djl.rssKb() / 1024.0, classes, engine.getVersion()));
    }
}
