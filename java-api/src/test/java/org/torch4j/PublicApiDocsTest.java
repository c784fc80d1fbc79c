package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public or protected class, constructor, method, field and enum constant of the exported
 * packages (hand-written and generated sources) has a doc comment. {@code javadoc} runs with
 * doclint's "missing" group off (it would also demand {@code @param}/{@code @return} on the
 * one-line docs this API uses), so this test is what keeps the "no comment" rule.
 */
class PublicApiDocsTest {
    /** Source roots of java-api; the generated one exists once the op generator has written it. */
    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("src/generated/java"));

    @Test
    void everyPublicMemberOfTheExportedPackagesHasADocComment() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : ROOTS) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                            .filter(p -> !root.relativize(p).startsWith(Path.of("org", "torch4j", "internal")))
                            .forEach(files::add);
                }
            }
        }
        assertTrue(files.size() > 20, "sources not found from " + Path.of("").toAbsolutePath() + ": " + files);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree cu : task.parse()) {
                new Scanner(docs, cu, missing).scan(cu, null);
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " public members without a doc comment:\n"
                + String.join("\n", missing));
    }

    /** Walks the API-visible classes of one file and records members without a doc comment. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree cu;
        private final List<String> missing;

        Scanner(DocTrees docs, CompilationUnitTree cu, List<String> missing) {
            this.docs = docs;
            this.cu = cu;
            this.missing = missing;
        }

        @Override
        public Void visitClass(ClassTree c, Void unused) {
            TreePath here = getCurrentPath(); // kept: scanning a nested class resets the current path
            if (!visible(c.getModifiers(), here)) {
                return null; // a package-private class and its members are not API
            }
            check(here, c.getSimpleName().toString());
            boolean hasConstructor = false;
            for (Tree m : c.getMembers()) {
                TreePath path = new TreePath(here, m);
                if (m instanceof MethodTree method) {
                    boolean ctor = method.getName().contentEquals("<init>");
                    hasConstructor |= ctor;
                    if (visible(method.getModifiers(), path) && !overrides(method)) {
                        check(path, (ctor ? c.getSimpleName() : method.getName()) + "(...)");
                    }
                } else if (m instanceof VariableTree field && visible(field.getModifiers(), path)) {
                    check(path, field.getName().toString());
                } else if (m instanceof ClassTree) {
                    scan(path, null);
                }
            }
            if (c.getKind() == Tree.Kind.CLASS && !hasConstructor) {
                missing.add(where(c) + c.getSimpleName() + ": implicit default constructor (declare one and document it)");
            }
            return null;
        }

        private void check(TreePath path, String name) {
            if (docs.getDocCommentTree(path) == null) {
                missing.add(where(path.getLeaf()) + name);
            }
        }

        private String where(Tree t) {
            long pos = docs.getSourcePositions().getStartPosition(cu, t);
            return Path.of(cu.getSourceFile().toUri()).getFileName() + ":" + cu.getLineMap().getLineNumber(pos) + ": ";
        }

        /** Public or protected, or implicitly public as a member of an interface (not private there). */
        private static boolean visible(ModifiersTree mods, TreePath path) {
            if (mods.getFlags().contains(Modifier.PUBLIC) || mods.getFlags().contains(Modifier.PROTECTED)) {
                return true;
            }
            Tree parent = path.getParentPath().getLeaf();
            return parent instanceof ClassTree owner
                    && (owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE)
                    && !mods.getFlags().contains(Modifier.PRIVATE);
        }

        /** {@code @Override} methods inherit their documentation. */
        private static boolean overrides(MethodTree m) {
            return m.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
        }
    }
}
