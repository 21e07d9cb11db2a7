package twisted.cred;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a successful login gives the protocol: the avatar, the interface it is given as (one of
 * those the protocol asked for), and what to call when the session ends.
 *
 * <p><b>Call {@link #logout()} when the session ends</b>, in {@code connectionLost} at the latest,
 * and also when a login completes after the connection is gone: the realm may hold resources (a
 * mailbox lock, a chat membership) until then. The {@link Portal} hands out a logout that runs
 * the realm's at most once, so calling it from both a {@code QUIT} handler and
 * {@code connectionLost} is safe.
 *
 * <p>Twisted: the {@code (interface, avatar, logout)} tuple.
 *
 * @param iface the interface the avatar is given as
 * @param avatar the avatar, an instance of {@code iface}
 * @param logout ends the session; run it on the reactor thread
 * @since 0.1.0
 */
public record LoginResult(Class<?> iface, Object avatar, Runnable logout) {

    /**
     * Checks that the avatar is an instance of the interface.
     */
    public LoginResult {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(avatar, "avatar");
        Objects.requireNonNull(logout, "logout");
        if (!iface.isInstance(avatar)) {
            throw new IllegalArgumentException(
                    "avatar (" + avatar.getClass().getName() + ") is not an instance of " + iface.getName());
        }
    }

    /**
     * The result for {@code avatar} as the first of the requested interfaces it implements: what
     * most realms return.
     *
     * @param avatar the avatar
     * @param logout ends the session
     * @param requested the interfaces the protocol asked for, in its order of preference
     * @return the result
     * @throws UnsupportedOperationException when the avatar implements none of them (Twisted's
     *         realms raise {@code NotImplementedError})
     */
    public static LoginResult of(Object avatar, Runnable logout, Class<?>... requested) {
        Objects.requireNonNull(avatar, "avatar");
        for (Class<?> iface : requested) {
            if (iface.isInstance(avatar)) {
                return new LoginResult(iface, avatar, logout);
            }
        }
        throw new UnsupportedOperationException("this realm's avatar (" + avatar.getClass().getName()
                + ") implements none of the requested interfaces " + Arrays.toString(requested));
    }

    /**
     * The avatar, as the interface it was given as.
     *
     * @param type the interface to cast to, usually {@link #iface()}
     * @param <T> that interface
     * @return the avatar
     * @throws ClassCastException when the avatar is not a {@code type}
     */
    public <T> T avatar(Class<T> type) {
        return type.cast(this.avatar);
    }
}
