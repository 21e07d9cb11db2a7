package twisted.internet;

import java.util.Objects;

/**
 * An IPv6 endpoint. Twisted: {@code IPv6Address}.
 *
 * @param type {@code "TCP"} or {@code "UDP"}
 * @param host the address as text
 * @param port the port number
 * @since 0.1.0
 */
public record IPv6Address(String type, String host, int port) implements IPAddress {

    /**
     * Validates the components.
     */
    public IPv6Address {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be between 0 and 65535");
        }
    }

    @Override
    public String toString() {
        return "IPv6Address(" + this.type + ", '" + this.host + "', " + this.port + ")";
    }
}
