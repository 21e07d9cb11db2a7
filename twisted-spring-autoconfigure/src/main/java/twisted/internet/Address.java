package twisted.internet;

/**
 * Where a connection or a listening port is: an {@link IPv4Address}, an {@link IPv6Address} or a
 * {@link UNIXAddress}.
 *
 * <p>Twisted: {@code IAddress}.
 *
 * @since 0.1.0
 */
public sealed interface Address permits IPAddress, UNIXAddress {
}
