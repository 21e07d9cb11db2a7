package twisted.internet;

/**
 * An IPv4 endpoint. Twisted: {@code IPv4Address}.
 *
 * @param type {@code "TCP"} or {@code "UDP"}
 * @param host the address as text
 * @param port the port number
 * @since 0.1.0
 */
public record IPv4Address(String type, String host, int port) implements IPAddress {

    /**
     * Validates the components.
     */
    public IPv4Address {
        IPAddress.validate(type, host, port);
    }

    @Override
    public String toString() {
        return "IPv4Address(" + this.type + ", '" + this.host + "', " + this.port + ")";
    }
}
