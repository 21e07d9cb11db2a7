package twisted.conch.manhole;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class path that JShell's compiler needs to see the application's classes.
 *
 * <p>Under {@code mvn spring-boot:run}, an IDE or a test, that is {@code java.class.path}. In a
 * Spring Boot executable jar (one with a {@code Spring-Boot-Classes} or {@code Spring-Boot-Lib}
 * manifest attribute, or {@code BOOT-INF/classes/} or {@code BOOT-INF/lib/} directory entries) ({@code java -jar app.jar}) the class path is the one jar, whose
 * classes sit nested in it ({@code BOOT-INF/classes} and the jars in {@code BOOT-INF/lib}) where
 * no compiler can read them; such a jar is extracted, once per JVM and jar, into a new temporary
 * directory that only the JVM's user may read ({@code rwx------} where the file system has POSIX
 * permissions), which is deleted when the JVM exits. An entry that would land outside that
 * directory ({@code ../}) fails the extraction. A jar extracted with
 * {@code java -Djarmode=tools extract} needs nothing: its class path is plain.
 *
 * <p>Safe from any thread; extraction happens on the first call that needs it, so call this
 * from a thread that may block (never the reactor thread).
 *
 * @since 0.1.0
 */
public final class ManholeClassPath {

    private static final String CLASSES = "BOOT-INF/classes/";

    private static final String LIB = "BOOT-INF/lib/";

    private static final Map<Path, List<Path>> EXTRACTED = new ConcurrentHashMap<>();

    private ManholeClassPath() {
    }

    /**
     * This JVM's class path, with executable jars replaced by their extracted contents.
     *
     * @return the entries, in class path order
     * @throws UncheckedIOException when a jar cannot be read or extracted
     */
    public static List<Path> ofThisJvm() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry));
            }
        }
        return resolve(entries);
    }

    /**
     * The given class path, with executable jars replaced by their extracted contents: the
     * {@code BOOT-INF/classes} directory, then each jar of {@code BOOT-INF/lib}.
     *
     * @param entries class path entries: directories and jars
     * @return the entries a compiler can read
     * @throws UncheckedIOException when a jar cannot be read or extracted
     */
    public static List<Path> resolve(List<Path> entries) {
        List<Path> resolved = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isRegularFile(entry) && isExecutableJar(entry)) {
                resolved.addAll(EXTRACTED.computeIfAbsent(entry.toAbsolutePath().normalize(), ManholeClassPath::extract));
            }
            else {
                resolved.add(entry);
            }
        }
        return List.copyOf(resolved);
    }

    private static boolean isExecutableJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            boolean boot = manifest != null && (manifest.getMainAttributes().getValue("Spring-Boot-Classes") != null
                    || manifest.getMainAttributes().getValue("Spring-Boot-Lib") != null);
            return boot || file.getEntry(CLASSES) != null || file.getEntry(LIB) != null;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static List<Path> extract(Path jar) {
        try {
            Path target = privateDirectory();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(target), "twisted-manhole-classpath-cleanup"));
            Path classes = Files.createDirectory(target.resolve("classes"));
            Path lib = Files.createDirectory(target.resolve("lib"));
            List<Path> jars = new ArrayList<>();
            try (JarFile file = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> all = file.entries();
                while (all.hasMoreElements()) {
                    JarEntry entry = all.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(CLASSES) && !entry.isDirectory()) {
                        copy(file, entry, inside(classes, name.substring(CLASSES.length())));
                    }
                    else if (name.startsWith(LIB) && name.endsWith(".jar") && !entry.isDirectory()) {
                        Path out = inside(lib, name.substring(LIB.length()));
                        copy(file, entry, out);
                        jars.add(out);
                    }
                }
            }
            List<Path> result = new ArrayList<>();
            result.add(classes);
            jars.stream().sorted(Comparator.comparing(Path::toString)).forEach(result::add);
            return List.copyOf(result);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot extract the class path of " + jar + " for the manhole", ex);
        }
    }

    private static Path privateDirectory() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory("twisted-manhole-classpath-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("twisted-manhole-classpath-");
    }

    /** The path of a jar entry below {@code root}, refusing names that climb out of it. */
    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IOException("jar entry '" + name + "' would be extracted outside " + root);
        }
        return path;
    }

    private static void copy(JarFile file, JarEntry entry, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ex) {
            // best effort at exit: a left-over directory in the temporary directory is harmless
        }
    }
}
