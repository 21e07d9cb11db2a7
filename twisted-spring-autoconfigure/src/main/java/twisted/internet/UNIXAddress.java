package twisted.internet;

import java.util.Objects;

/**
 * A Unix domain socket path. Twisted: {@code UNIXAddress}.
 *
 * @param name the socket's file path
 * @since 0.1.0
 */
public record UNIXAddress(String name) implements Address {

    /**
     * Validates the path.
     */
    public UNIXAddress {
        Objects.requireNonNull(name, "name");
    }
}
