package twisted.conch.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import twisted.conch.checkers.InMemorySSHKeyDB;
import twisted.conch.checkers.SSHPublicKeyChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every SSH login path with every logger at TRACE (MINA SSHD's included): a right and a wrong
 * password, a right and a wrong key. Neither password nor any form of the private keys (PKCS#8,
 * the raw Ed25519 seed, the OpenSSH key file) appears in any log event (message, arguments,
 * exception, key-value pairs) nor in anything written to the console; the logins themselves are
 * logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class SSHNoSecretsInLogsTests {

    private static final String WRONG = "Wr0ng-Guess-Staple";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private Logger root;

    private Level saved;

    @BeforeEach
    void traceEverything() {
        this.root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.saved = this.root.getLevel();
        this.root.setLevel(Level.TRACE);
        this.events.start();
        this.root.addAppender(this.events);
    }

    @AfterEach
    void restore() {
        this.root.detachAppender(this.events);
        this.root.setLevel(this.saved);
    }

    @Test
    void noLoginLogsAPasswordOrAKey(CapturedOutput output) throws Exception {
        KeyPair bob = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        KeyPair mallory = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        try (TestSSHServer server = new TestSSHServer(this.dir,
                new SSHPublicKeyChecker(new InMemorySSHKeyDB(Map.of("bob", List.of(bob.getPublic())))))) {
            Session alice = JSchClient.password(server, "alice", TestSSHServer.PASSWORD);
            alice.disconnect();
            assertThatThrownBy(() -> JSchClient.password(server, "alice", WRONG)).isInstanceOf(JSchException.class);
            Session bobSession = JSchClient.key(server, "bob", bob, this.dir);
            bobSession.disconnect();
            assertThatThrownBy(() -> JSchClient.key(server, "bob", mallory, this.dir))
                    .isInstanceOf(JSchException.class);
            assertThat(server.factory.getLogins()).isEqualTo(2);
        }

        String logged = everything(this.events.list);
        assertThat(logged).as("the logins were logged").contains("SSH login of alice").contains("SSH login of bob")
                .contains("SSH login refused");
        assertThat(this.events.list).as("MINA SSHD logged at DEBUG and finer")
                .anyMatch(e -> e.getLoggerName().startsWith("org.apache.sshd") && e.getLevel() == Level.TRACE);
        byte[] bobPublic = bob.getPublic().getEncoded();
        assertThat(logged).as("control: the forms searched for are found, such as bob's public key in MINA's hex dumps")
                .contains(hex(Arrays.copyOfRange(bobPublic, bobPublic.length - 32, bobPublic.length)).get(2));
        List<String> secrets = new ArrayList<>();
        secrets.addAll(forms(TestSSHServer.PASSWORD.getBytes(StandardCharsets.UTF_8)));
        secrets.addAll(forms(WRONG.getBytes(StandardCharsets.UTF_8)));
        for (KeyPair pair : List.of(bob, mallory)) {
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            secrets.addAll(forms(pkcs8));
            secrets.addAll(forms(seed(pkcs8)));
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", null, file);
            file.toString(StandardCharsets.US_ASCII).lines().filter(line -> !line.startsWith("-----"))
                    .forEach(secrets::add);
        }
        for (String secret : secrets) {
            assertThat(logged).as("a secret in the log events").doesNotContain(secret);
            assertThat(output.getAll()).as("a secret on the console").doesNotContain(secret);
        }
    }

    /**
     * The text forms a secret could take in a log: Base64, hex (both cases, plain or spaced), and
     * for a printable one the text itself. A hex dump (MINA's at TRACE) shows 16 bytes a line, so
     * every 6-byte piece of a password counts too, as text and as spaced hex.
     */
    private static List<String> forms(byte[] secret) {
        List<String> forms = new ArrayList<>(hex(secret));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        String text = new String(secret, StandardCharsets.ISO_8859_1);
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            for (int i = 0; i + 6 <= secret.length; i++) {
                forms.add(text.substring(i, i + 6));
                forms.addAll(hex(Arrays.copyOfRange(secret, i, i + 6)));
            }
        }
        return forms.stream().distinct().toList();
    }

    /**
     * The 32-byte Ed25519 seed inside a PKCS#8 encoding (RFC 8410: the private key is an OCTET
     * STRING wrapped in an OCTET STRING, {@code 04 22 04 20}); the public key may follow it.
     */
    private static byte[] seed(byte[] pkcs8) {
        for (int i = 0; i + 4 + 32 <= pkcs8.length; i++) {
            if (pkcs8[i] == 0x04 && pkcs8[i + 1] == 0x22 && pkcs8[i + 2] == 0x04 && pkcs8[i + 3] == 0x20) {
                return Arrays.copyOfRange(pkcs8, i + 4, i + 4 + 32);
            }
        }
        throw new AssertionError("no Ed25519 seed in " + pkcs8.length + " bytes of PKCS#8");
    }

    private static List<String> hex(byte[] bytes) {
        HexFormat plain = HexFormat.of();
        HexFormat spaced = HexFormat.ofDelimiter(" ");
        return List.of(plain.formatHex(bytes), plain.withUpperCase().formatHex(bytes), spaced.formatHex(bytes),
                spaced.withUpperCase().formatHex(bytes));
    }

    private static String everything(List<ILoggingEvent> events) {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(events)) {
            all.append(event.getFormattedMessage()).append('\n');
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    all.append(argument).append('\n');
                }
            }
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(pair -> all.append(pair.key).append('=').append(pair.value).append('\n'));
            }
            event.getMDCPropertyMap().forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    all.append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        return all.toString();
    }
}
