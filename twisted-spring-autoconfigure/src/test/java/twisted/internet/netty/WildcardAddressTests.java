package twisted.internet.netty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/** A port listening on the IPv4 wildcard shows {@code 0.0.0.0}, not the dual-stack socket's {@code ::}. */
class WildcardAddressTests {

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void close() {
        this.running.close();
    }

    private Address listen(String iface) throws Exception {
        ListeningPort port = this.running.call(() -> this.running.reactor().listenTCP(0, Factory.forProtocol(() -> new Protocol() { }), 50, iface));
        Address host = port.getHost();
        this.running.call(port::stopListening);
        return host;
    }

    @Test
    void noInterfaceIsShownAsTheIPv4Wildcard() throws Exception {
        assertThat(listen("")).isInstanceOfSatisfying(IPv4Address.class,
                address -> assertThat(address.host()).isEqualTo("0.0.0.0"));
    }

    @Test
    void theIPv4WildcardIsShownAsItself() throws Exception {
        assertThat(listen("0.0.0.0")).isInstanceOfSatisfying(IPv4Address.class,
                address -> assertThat(address.host()).isEqualTo("0.0.0.0"));
    }

    @Test
    void aSpecificInterfaceIsShownAsBound() throws Exception {
        assertThat(listen("127.0.0.1")).isInstanceOfSatisfying(IPv4Address.class,
                address -> assertThat(address.host()).isEqualTo("127.0.0.1"));
    }

    @Test
    void addressesKeepAnIPv6WildcardAskedFor() {
        java.net.InetSocketAddress any6 = new java.net.InetSocketAddress("::", 80);
        assertThat(Addresses.listening(any6, any6, "TCP").toString()).contains("0:0:0:0:0:0:0:0");
    }
}
