package twisted.internet.endpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fuzz target: the PEM reader behind {@code ssl:} and {@code tls:} strings ({@code PemFiles}), with
 * any file contents. Reading a private key, reading certificates, and building a trust context
 * either succeed or fail with {@link IOException} or {@link GeneralSecurityException} (which
 * {@code Endpoints} turns into "could not be loaded"), never another exception: a malformed file
 * must give the user that message, not a stack trace from Base64 or the JDK's parsers.
 */
class PemFilesFuzzTests {

    private static final Path FILE = temporaryFile();

    @FuzzTest
    void pemFilesLoadOrFailWithACheckedError(byte[] contents) throws IOException {
        Files.write(FILE, contents);
        checkLoadsOrFails(() -> PemFiles.privateKey(FILE));
        checkLoadsOrFails(() -> PemFiles.certificates(FILE));
        checkLoadsOrFails(() -> PemFiles.trustContext(FILE));
    }

    private static void checkLoadsOrFails(ThrowingCallable load) {
        Throwable failure = catchThrowable(load);
        if (failure != null) {
            assertThat(failure).as("failure reading a PEM file").isInstanceOfAny(IOException.class,
                    GeneralSecurityException.class);
            assertThat(failure.getMessage()).as("message of %s", failure).isNotBlank();
        }
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("pem-fuzz", ".pem");
            file.toFile().deleteOnExit();
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
