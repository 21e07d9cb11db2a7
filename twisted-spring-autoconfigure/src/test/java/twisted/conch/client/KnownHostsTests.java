package twisted.conch.client;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.SshKeygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KnownHosts}: every answer of {@link KnownHosts#check} (plain, bracketed-port, wildcard and
 * hashed hosts; several keys per host; revoked keys; certificate authorities; keys of other
 * types), hashed entries made by OpenSSH's {@code ssh-keygen -H} read, hashed entries written here
 * found by {@code ssh-keygen -F}, atomic saves that keep what they do not understand, and the limits.
 */
class KnownHostsTests {

    private static final PublicKey KEY = ecKey();

    private static final PublicKey OTHER = ecKey();

    private static final String ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHTuT7xgkhKxZJ0bLaO3Ff0ZVfSRuUb7KxxwhVwBgfSD";

    @TempDir
    Path dir;

    private static PublicKey ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair().getPublic();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static PublicKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private static String line(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    @Test
    void aPlainHostMatchesOnPort22Only() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("example.com,192.0.2.7 " + line(KEY) + " a comment\n");

        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("Example.COM", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("192.0.2.7", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("example.org", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.check("example.com", 2222, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
    }

    @Test
    void aBracketedHostMatchesOnItsPortOnly() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("[127.0.0.1]:2222 " + line(KEY));

        assertThat(hosts.check("127.0.0.1", 2222, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("127.0.0.1", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.check("127.0.0.1", 2223, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
    }

    @Test
    void wildcardsAndNegations() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("*.example.com,!evil.example.com " + line(KEY));

        assertThat(hosts.check("www.example.com", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("evil.example.com", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        // as OpenSSH: on another port the name looked up is "[www.example.com]:2222", which this pattern misses
        assertThat(hosts.check("www.example.com", 2222, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(KnownHosts.fromString("* " + line(KEY)).check("www.example.com", 2222, KEY))
                .isEqualTo(HostKeyStatus.MATCH);
    }

    @Test
    void anotherKeyOfTheSameTypeIsAChange() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("example.com " + line(KEY));

        assertThat(hosts.check("example.com", 22, OTHER)).isEqualTo(HostKeyStatus.CHANGED);
        assertThat(hosts.check("example.org", 22, OTHER)).isEqualTo(HostKeyStatus.UNKNOWN);
    }

    @Test
    void aKeyOfAnotherTypeIsUnknownNotAChange() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("example.com " + line(KEY) + "\nexample.com " + ED25519_LINE);

        assertThat(hosts.check("example.com", 22, rsaKey())).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.size()).isEqualTo(2);
    }

    @Test
    void anyOfSeveralKeysOfAHostMatches() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("example.com " + line(KEY) + "\nexample.com " + line(OTHER));

        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("example.com", 22, OTHER)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("example.com", 22, ecKey())).isEqualTo(HostKeyStatus.CHANGED);
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhereItIsAlsoListed() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("example.com " + line(KEY) + "\n@revoked * " + line(KEY) + "\n");

        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.REVOKED);
        assertThat(hosts.check("example.org", 2222, KEY)).isEqualTo(HostKeyStatus.REVOKED);
        assertThat(hosts.check("example.com", 22, OTHER)).isEqualTo(HostKeyStatus.CHANGED);
    }

    @Test
    void aRevocationAppliesToTheHostsItNames() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("@revoked example.com " + line(KEY) + "\n* " + line(KEY));

        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.REVOKED);
        assertThat(hosts.check("example.org", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
    }

    @Test
    void aCertificateAuthorityKeyIsNoHostKey() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("@cert-authority *.example.com " + line(KEY));

        assertThat(hosts.size()).isEqualTo(1);
        assertThat(hosts.check("www.example.com", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.check("www.example.com", 22, OTHER)).isEqualTo(HostKeyStatus.UNKNOWN);
    }

    @Test
    void hashedEntriesMadeByOpenSsh() throws Exception {
        // a fixed vector: ssh-keygen -H over "example.com KEY" and "[127.0.0.1]:2222 KEY"
        String text = resource("hashed-known_hosts");
        PublicKey vectorKey = PublicKeyEntry.parsePublicKeyEntry(resource("hashed-vector-key.pub").strip())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        KnownHosts hosts = KnownHosts.fromString(text);

        assertThat(text).doesNotContain("example.com KEY\n").contains("|1|");
        assertThat(hosts.size()).isEqualTo(2);
        assertThat(hosts.check("example.com", 22, vectorKey)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("127.0.0.1", 2222, vectorKey)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(hosts.check("127.0.0.1", 22, vectorKey)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.check("example.org", 22, vectorKey)).isEqualTo(HostKeyStatus.UNKNOWN);
        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.CHANGED);
    }

    @Test
    void hashedEntriesWrittenHereAreFoundByOpenSsh() throws Exception {
        SshKeygen.assumeInstalled();
        Path file = this.dir.resolve("known_hosts");
        KnownHosts hosts = KnownHosts.fromPath(file);
        String added = hosts.addHostKey("Example.com", 22, KEY, true);
        hosts.addHostKey("127.0.0.1", 2222, KEY, true);
        hosts.save();

        assertThat(added).startsWith("|1|").doesNotContainIgnoringCase("example.com");
        assertThat(Files.readString(file)).doesNotContain("example.com").doesNotContain("127.0.0.1");
        // ssh-keygen -F looks a host up in a known_hosts file, hashed entries included
        assertThat(SshKeygen.run("-F", "example.com", "-f", file.toString())).contains(line(KEY));
        assertThat(SshKeygen.run("-F", "[127.0.0.1]:2222", "-f", file.toString())).contains(line(KEY));
        assertThatThrownBy(() -> SshKeygen.run("-F", "example.org", "-f", file.toString()))
                .hasMessageContaining("ssh-keygen failed");
        assertThat(KnownHosts.fromPath(file).check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
    }

    @Test
    void addingAndSavingKeepsWhatItDoesNotUnderstand() throws Exception {
        Path file = this.dir.resolve("ssh").resolve("known_hosts");
        Files.createDirectories(file.getParent());
        String before = "# my hosts\n\nexample.com " + line(KEY) + "\nthis is not an entry\n@unknown-marker x "
                + line(KEY) + "\nexample.net ssh-ed25519 !!!not-base64!!!\n";
        Files.writeString(file, before);
        KnownHosts hosts = KnownHosts.fromPath(file);
        assertThat(hosts.size()).isEqualTo(1);
        assertThat(hosts.check("x", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);

        String added = hosts.addHostKey("127.0.0.1", 2022, OTHER, false);
        hosts.save();

        assertThat(added).isEqualTo("[127.0.0.1]:2022 " + line(OTHER));
        assertThat(Files.readString(file)).isEqualTo(before + added + "\n");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
        KnownHosts again = KnownHosts.fromPath(file);
        assertThat(again.check("127.0.0.1", 2022, OTHER)).isEqualTo(HostKeyStatus.MATCH);
        assertThat(again.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.MATCH);
    }

    @Test
    void aMissingFileIsEmptyAndSavingCreatesIt() throws Exception {
        Path file = this.dir.resolve("new").resolve("known_hosts");
        KnownHosts hosts = KnownHosts.fromPath(file);

        assertThat(hosts.size()).isZero();
        assertThat(hosts.check("example.com", 22, KEY)).isEqualTo(HostKeyStatus.UNKNOWN);
        hosts.addHostKey("example.com", 22, KEY, false);
        hosts.save();
        assertThat(Files.readString(file)).isEqualTo("example.com " + line(KEY) + "\n");
    }

    @Test
    void hostsThatWouldBreakTheLineAreRefused() throws Exception {
        KnownHosts hosts = KnownHosts.fromString("");

        for (String bad : new String[] { "", "a b", "a,b", "a\nb", "#a" }) {
            assertThatThrownBy(() -> hosts.addHostKey(bad, 22, KEY, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(hosts.size()).isZero();
    }

    @Test
    void entriesNotFromAFileCannotBeSaved() throws Exception {
        assertThatIllegalStateException().isThrownBy(() -> KnownHosts.fromString("").save());
    }

    @Test
    void aFileTooLargeIsRefused() throws Exception {
        Path file = this.dir.resolve("known_hosts");
        String entry = "example.com " + line(KEY) + "\n";
        Files.writeString(file, entry.repeat(KnownHosts.MAX_FILE_BYTES / entry.length() + 1));

        assertThatThrownBy(() -> KnownHosts.fromPath(file)).isInstanceOf(KnownHostsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("more than the 1048576");
    }

    @Test
    void aLineTooLongIsRefusedWithItsNumber() throws Exception {
        String text = "example.com " + line(KEY) + "\nexample.org " + "A".repeat(KnownHosts.MAX_LINE_LENGTH) + "\n";

        assertThatThrownBy(() -> KnownHosts.fromString(text)).isInstanceOf(KnownHostsException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("AAAA");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = this.dir.resolve("known_hosts");
        Files.write(file, new byte[] { 'h', ' ', (byte) 0xff, (byte) 0xfe, '\n' });

        assertThatThrownBy(() -> KnownHosts.fromPath(file)).isInstanceOf(KnownHostsException.class)
                .hasMessageContaining("not UTF-8");
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = KnownHostsTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
