package twisted.conch.manhole;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ManholeClassPathTests {

    @TempDir
    Path dir;

    private static Path jar(Path path, boolean bootManifest, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bootManifest) {
            manifest.getMainAttributes().putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        }
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return path;
    }

    @Test
    void nestedClassesAndLibrariesOfABootJarAreExtractedPrivately() throws IOException {
        byte[] inner = Files.readAllBytes(jar(this.dir.resolve("inner.jar"), false,
                Map.of("demo/lib/Helper.class", new byte[] { 1 })));
        Path boot = jar(this.dir.resolve("app.jar"), true, Map.of("BOOT-INF/classes/demo/App.class", new byte[] { 2 },
                "BOOT-INF/lib/inner.jar", inner, "org/springframework/boot/loader/Launcher.class", new byte[] { 3 }));
        Path plain = jar(this.dir.resolve("plain.jar"), false, Map.of("x/Y.class", new byte[] { 4 }));

        List<Path> resolved = ManholeClassPath.resolve(List.of(plain, boot, this.dir));

        assertThat(resolved).hasSize(4);
        assertThat(resolved.get(0)).isEqualTo(plain);
        assertThat(resolved.get(1).resolve("demo/App.class")).hasBinaryContent(new byte[] { 2 });
        assertThat(resolved.get(2)).hasFileName("inner.jar").hasBinaryContent(inner);
        assertThat(resolved.get(3)).isEqualTo(this.dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resolved.get(1).getParent())))
                .isEqualTo("rwx------");
        assertThat(ManholeClassPath.resolve(List.of(boot))).as("extracted once per JVM")
                .isEqualTo(resolved.subList(1, 3));
    }

    @Test
    void anEntryClimbingOutOfTheExtractionDirectoryFails() throws IOException {
        Path evil = jar(this.dir.resolve("evil.jar"), true,
                Map.of("BOOT-INF/lib/../../../escaped.jar", "x".getBytes(StandardCharsets.UTF_8)));
        assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> ManholeClassPath.resolve(List.of(evil)))
                .withMessageContaining("cannot extract");
    }
}
