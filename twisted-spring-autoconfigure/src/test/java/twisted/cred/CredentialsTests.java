package twisted.cred;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The credentials types: {@link UsernamePassword}, {@link SSHPrivateKey}, {@link Anonymous}. */
class CredentialsTests {

    @Test
    void checkPasswordAcceptsOnlyTheSamePassword() {
        UsernamePassword credentials = new UsernamePassword("alice", "sécret");
        assertThat(credentials.checkPassword("sécret")).isTrue();
        assertThat(credentials.checkPassword("secret")).isFalse();
        assertThat(credentials.checkPassword("sécret2")).isFalse();
        assertThat(credentials.checkPassword("")).isFalse();
        assertThat(new UsernamePassword("alice", "").checkPassword("")).isTrue();
    }

    @Test
    void usernamePasswordNeverShowsThePassword() {
        UsernamePassword credentials = new UsernamePassword("alice", "hunter2");
        assertThat(credentials.toString()).isEqualTo("UsernamePassword[username=alice, password=<hidden>]")
                .doesNotContain("hunter2");
        assertThat(credentials.getPassword()).isEqualTo("hunter2");
    }

    @Test
    void usernamePasswordsAreEqualOnlyToThemselves() {
        assertThat(new UsernamePassword("alice", "x")).isNotEqualTo(new UsernamePassword("alice", "x"));
    }

    @Test
    void sshPrivateKeyWithoutSignatureAsksWhetherTheKeyIsAcceptable() {
        SSHPrivateKey query = new SSHPrivateKey("alice", "ssh-ed25519", new byte[] { 1, 2 }, null, null);
        assertThat(query.isSigned()).isFalse();
        assertThat(query.getSignature()).isNull();
        assertThat(query.getSigData()).isNull();
        SSHPrivateKey signed = new SSHPrivateKey("alice", "ssh-ed25519", new byte[] { 1, 2 }, new byte[] { 3 },
                new byte[] { 4 });
        assertThat(signed.isSigned()).isTrue();
        assertThat(signed.getAlgorithm()).isEqualTo("ssh-ed25519");
    }

    @Test
    void sshPrivateKeyCopiesItsBytesAndShowsNone() {
        byte[] blob = { 42, 43 };
        byte[] signature = { 99 };
        SSHPrivateKey key = new SSHPrivateKey("alice", "ssh-ed25519", blob, new byte[] { 7 }, signature);
        blob[0] = 0;
        signature[0] = 0;
        assertThat(key.getBlob()).containsExactly(42, 43);
        assertThat(key.getSignature()).containsExactly(99);
        key.getBlob()[0] = 1;
        assertThat(key.getBlob()).containsExactly(42, 43);
        assertThat(key.toString()).isEqualTo("SSHPrivateKey[username=alice, algorithm=ssh-ed25519, signed=true]");
    }

    @Test
    void sshSignatureWithoutTheDataItSignsIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new SSHPrivateKey("alice", "ssh-rsa", new byte[0], null, new byte[] { 1 }))
                .withMessageContaining("sigData");
    }

    @Test
    void anonymousCredentialsAreAllAlike() {
        assertThat(new Anonymous()).isEqualTo(new Anonymous());
    }
}
