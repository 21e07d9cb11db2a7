package twisted.internet;

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
        IPAddress.validate(type, host, port);
    }

    @Override
    public String toString() {
        return "IPv6Address(" + this.type + ", '" + this.host + "', " + this.port + ")";
    }
}
