package twisted.testing;

import org.junit.jupiter.api.Test;
import twisted.cred.Anonymous;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class InMemoryCredentialsCheckerTests {

    private final InMemoryCredentialsChecker checker = new InMemoryCredentialsChecker().addUser("alice", "secret");

    @Test
    void rightPasswordGivesTheUsername() {
        assertThat(successResultOf(this.checker.requestAvatarId(new UsernamePassword("alice", "secret")))).isEqualTo("alice");
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        String wrong = failureResultOf(this.checker.requestAvatarId(new UsernamePassword("alice", "Secret")),
                UnauthorizedLoginException.class).getErrorMessage();
        String unknown = failureResultOf(this.checker.requestAvatarId(new UsernamePassword("bob", "secret")),
                UnauthorizedLoginException.class).getErrorMessage();
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void addingAUserAgainChangesThePassword() {
        this.checker.addUser("alice", "new");
        failureResultOf(this.checker.requestAvatarId(new UsernamePassword("alice", "secret")), UnauthorizedLoginException.class);
        successResultOf(this.checker.requestAvatarId(new UsernamePassword("alice", "new")));
    }

    @Test
    void emptyUsernamesCannotBeAdded() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.checker.addUser("", "x"));
    }

    @Test
    void otherCredentialsAreUnhandled() {
        failureResultOf(this.checker.requestAvatarId(new Anonymous()), UnhandledCredentialsException.class);
        assertThat(this.checker.credentialInterfaces()).containsExactly(UsernamePassword.class);
        assertThat(this.checker.toString()).isEqualTo("InMemoryCredentialsChecker[1 users]").doesNotContain("secret");
    }
}
