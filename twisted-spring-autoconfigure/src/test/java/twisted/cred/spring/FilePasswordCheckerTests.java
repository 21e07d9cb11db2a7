package twisted.cred.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import twisted.cred.Anonymous;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(OutputCaptureExtension.class)
class FilePasswordCheckerTests {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final MemoryReactor reactor = new MemoryReactor();

    @TempDir
    Path dir;

    private Path passwd(String... lines) throws IOException {
        Path file = this.dir.resolve("passwd");
        Files.write(file, java.util.List.of(lines));
        return file;
    }

    private Deferred<String> check(FilePasswordChecker checker, String username, String password) {
        Deferred<String> avatarId = checker.requestAvatarId(new UsernamePassword(username, password));
        assertNoResult(avatarId);
        this.reactor.advance(Duration.ZERO);
        return avatarId;
    }

    @Test
    void bcryptAndNoopHashesAreMatchedByTheEncoder() throws IOException {
        FilePasswordChecker checker = new FilePasswordChecker(
                passwd("# users", "", "alice:" + ENCODER.encode("secret"), "bob:{noop}plain"), ENCODER, this.reactor);
        assertThat(successResultOf(check(checker, "alice", "secret"))).isEqualTo("alice");
        assertThat(successResultOf(check(checker, "bob", "plain"))).isEqualTo("bob");
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() throws IOException {
        FilePasswordChecker checker = new FilePasswordChecker(passwd("alice:{noop}secret"), ENCODER, this.reactor);
        String wrong = failureResultOf(check(checker, "alice", "guess"), UnauthorizedLoginException.class).getErrorMessage();
        String unknown = failureResultOf(check(checker, "mallory", "secret"), UnauthorizedLoginException.class)
                .getErrorMessage();
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void usernamesAreCaseSensitiveUnlessToldOtherwise() throws IOException {
        Path file = passwd("Alice:{noop}secret");
        failureResultOf(check(new FilePasswordChecker(file, ENCODER, this.reactor), "alice", "secret"),
                UnauthorizedLoginException.class);
        assertThat(successResultOf(check(new FilePasswordChecker(file, ENCODER, this.reactor, false), "ALICE", "secret")))
                .as("the avatar id is spelled as in the file").isEqualTo("Alice");
    }

    @Test
    void theHashIsEverythingAfterTheFirstColon() throws IOException {
        FilePasswordChecker checker = new FilePasswordChecker(passwd("alice:{noop}a:b:c"), ENCODER, this.reactor);
        successResultOf(check(checker, "alice", "a:b:c"));
    }

    @Test
    void malformedLinesAreSkippedWithAWarningThatShowsNoContent(CapturedOutput output) throws IOException {
        FilePasswordChecker checker = new FilePasswordChecker(passwd("just-a-password-by-mistake", ":{noop}x",
                "alice:{noop}secret"), ENCODER, this.reactor);
        successResultOf(check(checker, "alice", "secret"));
        assertThat(output).contains("Skipping line 1 of").contains("Skipping line 2 of")
                .doesNotContain("just-a-password-by-mistake");
    }

    @Test
    void theFileIsReadAgainWhenItChanges() throws IOException {
        Path file = passwd("alice:{noop}old");
        FilePasswordChecker checker = new FilePasswordChecker(file, ENCODER, this.reactor);
        successResultOf(check(checker, "alice", "old"));
        Files.write(file, java.util.List.of("alice:{noop}new"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        failureResultOf(check(checker, "alice", "old"), UnauthorizedLoginException.class);
        successResultOf(check(checker, "alice", "new"));
    }

    @Test
    void aMissingFileIsAnInternalErrorNotAWrongPassword() {
        FilePasswordChecker checker = new FilePasswordChecker(this.dir.resolve("missing"), ENCODER, this.reactor);
        failureResultOf(check(checker, "alice", "secret"), NoSuchFileException.class);
    }

    @Test
    void emptyUsernamesAndOtherCredentialsAreRefusedAtOnce() throws IOException {
        FilePasswordChecker checker = new FilePasswordChecker(passwd(":{noop}x"), ENCODER, this.reactor);
        failureResultOf(checker.requestAvatarId(new UsernamePassword("", "x")), UnauthorizedLoginException.class);
        failureResultOf(checker.requestAvatarId(new Anonymous()), UnhandledCredentialsException.class);
    }
}
