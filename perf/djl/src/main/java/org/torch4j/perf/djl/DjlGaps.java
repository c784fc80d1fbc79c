package org.torch4j.perf.djl;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What DJL cannot run of torch4j's workloads, and why, in DJL's own words: each case is tried
 * once and its exception message recorded for the report ({@code djl-gaps.json}).
 *
 * <p>Usage: {@code DjlGaps OUT.json}
 */
public final class DjlGaps {
    private DjlGaps() {
    }

    public static void main(String[] args) throws Exception {
        JsonArray gaps = new JsonArray();
        gaps.add(attempt("step 6 with RMSprop (Optimizer.rmsprop())", () -> {
            DjlStep6 b = new DjlStep6();
            b.optimizer = "rmsprop";
            try {
                b.setUp();
                b.step();
            } finally {
                try {
                    b.tearDown();
                } catch (RuntimeException ignored) {
                    // set-up failed half way
                }
            }
        }));
        JsonObject root = new JsonObject();
        root.addProperty("djl", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        root.add("cases", gaps);
        Files.writeString(Path.of(args[0]), new GsonBuilder().setPrettyPrinting().create().toJson(root), StandardCharsets.UTF_8);
    }

    private static JsonObject attempt(String what, Runnable r) {
        JsonObject o = new JsonObject();
        o.addProperty("case", what);
        try {
            r.run();
            o.addProperty("runs", true);
        } catch (RuntimeException | Error e) {
            o.addProperty("runs", false);
            String msg = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            o.addProperty("error", msg);
        }
        System.out.println("djl gap: " + o);
        return o;
    }
}
