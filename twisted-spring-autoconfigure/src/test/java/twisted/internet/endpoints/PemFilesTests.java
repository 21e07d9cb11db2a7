package twisted.internet.endpoints;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What fuzzing the PEM reader found (docs/reliability.md, "Fuzzing"). */
class PemFilesTests {

    @TempDir
    Path dir;

    @Test
    void aKeyBlockThatIsNotBase64IsASecurityErrorAndAnEndpointSyntaxError() throws Exception {
        Path key = Files.writeString(this.dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----F-----END PRIVATE KEY-----\n");
        assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> PemFiles.privateKey(key))
                .withMessageContaining("is not valid Base64");
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.serverFromString(new MemoryReactor(), "ssl:443:privateKey=" + key))
                .withMessageContaining("'privateKey' could not be loaded").withMessageContaining("is not valid Base64");
    }
}
