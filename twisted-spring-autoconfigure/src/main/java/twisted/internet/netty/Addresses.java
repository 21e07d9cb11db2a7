package twisted.internet.netty;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

import io.netty.channel.unix.DomainSocketAddress;
import org.jspecify.annotations.Nullable;
import twisted.internet.Address;
import twisted.internet.IPv4Address;
import twisted.internet.IPv6Address;
import twisted.internet.UNIXAddress;

/** Converts Netty's and the JDK's socket addresses to Twisted's. */
final class Addresses {

    private Addresses() {
    }

    static Address of(@Nullable SocketAddress address, String type) {
        if (address instanceof InetSocketAddress inet) {
            String host = (inet.getAddress() != null) ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (inet.getAddress() instanceof Inet6Address) {
                return new IPv6Address(type, host, inet.getPort());
            }
            return new IPv4Address(type, host, inet.getPort());
        }
        if (address instanceof DomainSocketAddress domain) {
            return new UNIXAddress(domain.path());
        }
        if (address instanceof UnixDomainSocketAddress domain) {
            return new UNIXAddress(domain.getPath().toString());
        }
        return new UNIXAddress(String.valueOf(address));
    }

    /**
     * The address a listener bound. A dual-stack socket asked for the IPv4 wildcard
     * ({@code 0.0.0.0}, or no interface) reports the IPv6 one ({@code ::}); it is shown as
     * {@code 0.0.0.0}, as asked.
     */
    static Address listening(@Nullable SocketAddress bound, SocketAddress requested, String type) {
        if (bound instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet6Address
                && inet.getAddress().isAnyLocalAddress() && requested instanceof InetSocketAddress asked
                && asked.getAddress() != null && asked.getAddress().isAnyLocalAddress()
                && !(asked.getAddress() instanceof Inet6Address)) {
            return new IPv4Address(type, "0.0.0.0", inet.getPort());
        }
        return of(bound, type);
    }
}
