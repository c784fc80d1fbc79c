package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile against this build, so they stay true. Each {@code ```java}
 * block is compiled on its own: a block that declares a public class is a whole source file; any
 * other block is a fragment (its imports, then statements and local classes) and is compiled inside
 * a method body, with the imports the README states every fragment assumes:
 * {@code import org.torch4j.*;} and {@code import static org.torch4j.Torch.*;}.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("(?m)^public (?:final )?class (\\w+)");

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path dir) throws IOException {
        List<String> blocks = javaBlocks(Files.readString(README));
        assertTrue(blocks.size() >= 3, "expected the README's java blocks, found " + blocks.size());
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:none",
                "-d", dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path")));
        for (int i = 0; i < blocks.size(); i++) {
            Path src = dir.resolve("block" + (i + 1));
            Files.createDirectories(src);
            String block = blocks.get(i);
            Matcher whole = PUBLIC_CLASS.matcher(block);
            boolean isWholeFile = whole.find();
            String name = isWholeFile ? whole.group(1) : "ReadmeBlock" + (i + 1);
            Path file = src.resolve(name + ".java");
            Files.writeString(file, isWholeFile ? block : fragment(name, block));
            args.add(file.toString());
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, log, log, args.toArray(new String[0]));
        assertEquals(0, rc, "README java blocks do not compile (files under " + dir + "):\n"
                + log.toString(StandardCharsets.UTF_8));
    }

    /** The text of every {@code ```java} block, in order. */
    static List<String> javaBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A fragment as a compilation unit: its imports on top, the rest as the body of one method. */
    private static String fragment(String className, String block) {
        StringBuilder imports = new StringBuilder("import org.torch4j.*;\nimport static org.torch4j.Torch.*;\n");
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "class " + className + " {\n    void run() throws Exception {\n" + body + "    }\n}\n";
    }

    @Test
    void fragmentsAreWrappedAndWholeFilesAreNot() {
        List<String> blocks = javaBlocks("x\n```java\nimport a.B;\nint x = 1;\n```\n```xml\n<a/>\n```\n"
                + "```java\npublic class Hello {}\n```\n");
        assertEquals(List.of("import a.B;\nint x = 1;\n", "public class Hello {}\n"), blocks);
        String f = fragment("F", blocks.get(0));
        assertTrue(f.startsWith("import org.torch4j.*;\nimport static org.torch4j.Torch.*;\nimport a.B;\nclass F {"), f);
        assertTrue(f.contains("void run() throws Exception {\nint x = 1;\n"), f);
        assertTrue(PUBLIC_CLASS.matcher(blocks.get(1)).find());
    }
}
