package twisted.cred;

import java.io.Serializable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoginResultTests {

    private static final Runnable NOTHING = () -> { };

    @Test
    void ofPicksTheFirstRequestedInterfaceTheAvatarImplements() {
        LoginResult result = LoginResult.of("avatar", NOTHING, Runnable.class, Serializable.class, CharSequence.class);
        assertThat(result.iface()).isEqualTo(Serializable.class);
        assertThat(result.avatar(CharSequence.class)).isEqualTo("avatar");
    }

    @Test
    void ofFailsWhenTheAvatarImplementsNoneOfThem() {
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> LoginResult.of("avatar", NOTHING, Runnable.class))
                .withMessageContaining("java.lang.String").withMessageContaining("java.lang.Runnable");
    }

    @Test
    void theAvatarMustBeAnInstanceOfItsInterface() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new LoginResult(Runnable.class, "avatar", NOTHING))
                .withMessage("avatar (java.lang.String) is not an instance of java.lang.Runnable");
    }
}
