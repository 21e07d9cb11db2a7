package twisted.conch.ssh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import twisted.conch.SshKeygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HostKeys}: a key generated on first use with owner-only permissions (its directory too),
 * the same key loaded again on the next start, a key others may read or write refused with the
 * file and the fix named, and a {@code .pub} file that Debian's {@code ssh-keygen} reads, with the
 * fingerprint {@link HostKeys#fingerprint} gives.
 */
class HostKeysTests {

    @TempDir
    Path dir;

    @Test
    void theFirstUseGeneratesAKeyOnlyItsOwnerCanReadInADirectoryOnlyItsOwnerCanEnter() throws Exception {
        Path keys = this.dir.resolve("host-keys");

        List<KeyPair> pairs = HostKeys.loadOrGenerate(keys);

        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).getPublic().getAlgorithm()).isIn("EdDSA", "Ed25519");
        Path key = keys.resolve(HostKeys.ED25519_KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(Files.readString(key, StandardCharsets.US_ASCII)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(HostKeys.ED25519_KEY, HostKeys.ED25519_KEY + ".pub");
        }
    }

    @Test
    void theSecondUseLoadsTheSameKeyUnchanged() throws Exception {
        Path keys = this.dir.resolve("host-keys");
        List<KeyPair> first = HostKeys.loadOrGenerate(keys);
        byte[] file = Files.readAllBytes(keys.resolve(HostKeys.ED25519_KEY));

        List<KeyPair> second = HostKeys.loadOrGenerate(keys);

        assertThat(second).hasSize(1);
        assertThat(second.get(0).getPublic().getEncoded()).isEqualTo(first.get(0).getPublic().getEncoded());
        assertThat(second.get(0).getPrivate().getEncoded()).isEqualTo(first.get(0).getPrivate().getEncoded());
        assertThat(Files.readAllBytes(keys.resolve(HostKeys.ED25519_KEY))).isEqualTo(file);
    }

    @Test
    void anExistingDirectoryIsUsedAsItIs() throws Exception {
        Path keys = Files.createDirectory(this.dir.resolve("existing"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));

        HostKeys.loadOrGenerate(keys);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(HostKeys.ED25519_KEY))))
                .isEqualTo("rw-------");
    }

    @ParameterizedTest
    @ValueSource(strings = { "rw-r-----", "rw----r--", "rw-rw----", "rw-----w-" })
    void aKeyOthersCanReadOrWriteIsRefusedNamingTheFileAndTheFix(String permissions) throws Exception {
        Path keys = this.dir.resolve("host-keys");
        HostKeys.loadOrGenerate(keys);
        Path key = keys.resolve(HostKeys.ED25519_KEY);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(permissions));

        UnsafeHostKeyException refused = assertThatExceptionOfType(UnsafeHostKeyException.class)
                .isThrownBy(() -> HostKeys.loadOrGenerate(keys)).actual();

        assertThat(refused.getMessage()).contains(key.toString()).contains("chmod 600 " + key)
                .contains(permissions);
        assertThat(refused.getMessage()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aKeyOnlyItsOwnerCanReadIsAccepted() throws Exception {
        Path keys = this.dir.resolve("host-keys");
        List<KeyPair> first = HostKeys.loadOrGenerate(keys);
        Files.setPosixFilePermissions(keys.resolve(HostKeys.ED25519_KEY), PosixFilePermissions.fromString("r--------"));

        assertThat(HostKeys.loadOrGenerate(keys).get(0).getPublic().getEncoded())
                .isEqualTo(first.get(0).getPublic().getEncoded());
    }

    @Test
    void thePublicKeyFileIsAnOpenSshLineWhoseFingerprintSshKeygenAgreesWith() throws Exception {
        SshKeygen.assumeInstalled();
        Path keys = this.dir.resolve("host-keys");
        KeyPair pair = HostKeys.loadOrGenerate(keys).get(0);
        Path pub = keys.resolve(HostKeys.ED25519_KEY + ".pub");

        String line = Files.readString(pub, StandardCharsets.US_ASCII);
        assertThat(line).startsWith(PublicKeyEntry.toString(pair.getPublic()) + " ").endsWith("\n");
        String listed = SshKeygen.run("-l", "-E", "sha256", "-f", pub.toString()).strip();

        // "256 SHA256:... comment (ED25519)"
        assertThat(listed.split(" ")[1]).isEqualTo(HostKeys.fingerprint(pair.getPublic()));
        assertThat(listed).startsWith("256 SHA256:").endsWith("(ED25519)");
        // and the private key file is one ssh-keygen reads too, giving the same public key
        String derived = SshKeygen.run("-y", "-f", keys.resolve(HostKeys.ED25519_KEY).toString()).strip();
        assertThat(derived).startsWith(PublicKeyEntry.toString(pair.getPublic()));
    }
}
