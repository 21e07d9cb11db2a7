package twisted.internet;

/**
 * An IP endpoint: a protocol type, a host and a port.
 *
 * @since 0.1.0
 */
public sealed interface IPAddress extends Address permits IPv4Address, IPv6Address {

    /**
     * {@code "TCP"} or {@code "UDP"}.
     *
     * @return the transport protocol
     */
    String type();

    /**
     * The address as text, for example {@code 127.0.0.1} or {@code ::1}.
     *
     * @return the host
     */
    String host();

    /**
     * The port number.
     *
     * @return the port, 0 to 65535
     */
    int port();

    /** Checks the components every IP address shares. */
    static void validate(String type, String host, int port) {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be between 0 and 65535");
        }
    }
}
