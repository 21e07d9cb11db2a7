package twisted.conch.manhole;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.lang.model.SourceVersion;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.jspecify.annotations.Nullable;

/**
 * Compiles a session's namespace into one class of static fields, so that a single
 * {@code import static ...Namespace.*;} snippet brings every name into JShell's scope (declaring
 * one JShell variable per name costs one compilation each, seconds for a Spring context's beans).
 *
 * <p>Each field has the most specific public type the compiler can see: the object's class, else
 * its nearest public superclass, else its interfaces (a JDK proxy's or a lambda's), else
 * {@code Object}. Generated classes (CGLIB's {@code $$}), hidden and synthetic classes and
 * packages a module does not export are skipped; a type the compiler still rejects falls back to
 * the next candidate. Names that are not Java identifiers are left out (they stay reachable
 * through the objects that hold them, such as {@code context.getBean("my-bean")}).
 */
final class NamespaceCompiler {

    static final String CLASS_NAME = "Namespace";

    private NamespaceCompiler() {
    }

    /** What was compiled: the class to import, and the names bound. */
    record Compiled(String className, List<String> names) {
    }

    static Compiled compile(String session, String packageName, Map<String, @Nullable Object> namespace,
            List<Path> classPath, Path outputDirectory) {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        namespace.forEach((name, value) -> {
            if (SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name) && !name.contains("$")) {
                candidates.put(name, typesOf(value));
            }
        });
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the manhole needs the JDK's compiler (module jdk.compiler); this runtime has none");
        }
        for (int attempt = 0; ; attempt++) {
            List<String> names = new ArrayList<>(candidates.keySet());
            String source = source(session, packageName, names, candidates);
            Set<Long> badLines = compileOnce(compiler, packageName, source, classPath, outputDirectory);
            if (badLines.isEmpty()) {
                return new Compiled(packageName + "." + CLASS_NAME, List.copyOf(names));
            }
            boolean changed = false;
            for (long line : badLines) {
                int index = (int) line - FIRST_FIELD_LINE;
                if (index >= 0 && index < names.size()) {
                    List<String> types = candidates.get(names.get(index));
                    if (types.size() > 1) {
                        types.remove(0);
                        changed = true;
                    }
                }
            }
            if (!changed || attempt > 20) {
                throw new IllegalStateException("cannot compile the manhole namespace: lines " + badLines + " of\n" + source);
            }
        }
    }

    private static final int FIRST_FIELD_LINE = 4;

    private static String source(String session, String packageName, List<String> names,
            Map<String, List<String>> candidates) {
        StringBuilder source = new StringBuilder();
        source.append("package ").append(packageName).append(";\n");
        source.append("@SuppressWarnings(\"rawtypes\")\n");
        source.append("public final class ").append(CLASS_NAME).append(" { private ").append(CLASS_NAME).append("() { }\n");
        for (String name : names) {
            String type = candidates.get(name).get(0);
            source.append("public static final ").append(type).append(' ').append(name).append(" = (").append(type)
                    .append(") twisted.conch.manhole.ManholeRegistry.get(\"").append(session).append("\", \"")
                    .append(name).append("\");\n");
        }
        return source.append("}\n").toString();
    }

    /** Compiles, giving the lines of the errors, none on success. */
    private static Set<Long> compileOnce(JavaCompiler compiler, String packageName, String source, List<Path> classPath,
            Path outputDirectory) {
        try {
            Path sourceFile = outputDirectory.resolve("src").resolve(packageName.replace('.', File.separatorChar))
                    .resolve(CLASS_NAME + ".java");
            Files.createDirectories(sourceFile.getParent());
            Files.writeString(sourceFile, source, StandardCharsets.UTF_8);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                String path = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
                List<String> options = List.of("-classpath", path, "-d", outputDirectory.resolve("classes").toString(),
                        "-proc:none", "-implicit:none", "-nowarn", "-encoding", "UTF-8");
                Files.createDirectories(outputDirectory.resolve("classes"));
                boolean ok = compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(sourceFile))
                        .call();
                Set<Long> lines = new LinkedHashSet<>();
                for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                    if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                        lines.add(diagnostic.getLineNumber());
                    }
                }
                if (!ok && lines.isEmpty()) {
                    lines.add(-1L);
                }
                return lines;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Type names to try for a field holding {@code value}, most specific first, ending with Object. */
    static List<String> typesOf(@Nullable Object value) {
        Set<String> types = new LinkedHashSet<>();
        if (value != null) {
            Class<?> type = value.getClass();
            Deque<Class<?>> interfaces = new ArrayDeque<>();
            if (Proxy.isProxyClass(type)) {
                interfaces.addAll(List.of(type.getInterfaces()));
            }
            else {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    if (visible(c)) {
                        types.add(c.getCanonicalName());
                    }
                    interfaces.addAll(List.of(c.getInterfaces()));
                }
            }
            Set<Class<?>> seen = new LinkedHashSet<>();
            while (!interfaces.isEmpty()) {
                Class<?> next = interfaces.removeFirst();
                if (seen.add(next)) {
                    if (visible(next)) {
                        types.add(next.getCanonicalName());
                    }
                    interfaces.addAll(List.of(next.getInterfaces()));
                }
            }
        }
        types.add("java.lang.Object");
        return new ArrayList<>(types);
    }

    private static boolean visible(Class<?> type) {
        if (type.isArray()) {
            return visible(type.getComponentType());
        }
        if (type.isPrimitive()) {
            return true;
        }
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || type.getName().contains("$$") || type.getCanonicalName() == null) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        Module module = type.getModule();
        return !module.isNamed() || module.isExported(type.getPackageName());
    }
}
