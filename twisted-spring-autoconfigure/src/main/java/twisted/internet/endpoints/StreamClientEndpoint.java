package twisted.internet.endpoints;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.ProtocolWrapper;
import twisted.internet.Transport;

/**
 * A client endpoint made from one reactor call ({@code connectTCP}, {@code connectSSL},
 * {@code connectUNIX}). The Deferred fires with the user's protocol right after its
 * {@code connectionMade}, errbacks with the connection failure, and cancelling it abandons the
 * attempt. Twisted: {@code _WrappingFactory} and {@code _WrappingProtocol}.
 */
final class StreamClientEndpoint implements ClientEndpoint {

    private final String description;

    private final Function<ClientFactory, Connector> connect;

    StreamClientEndpoint(String description, Function<ClientFactory, Connector> connect) {
        this.description = description;
        this.connect = connect;
    }

    @Override
    public Deferred<Protocol> connect(Factory factory) {
        Connector[] connector = new Connector[1];
        Deferred<Protocol> result = new Deferred<>(d -> {
            if (connector[0] != null) {
                connector[0].stopConnecting();
            }
        });
        connector[0] = this.connect.apply(new WrappingFactory(factory, result));
        return result;
    }

    @Override
    public String toString() {
        return this.description;
    }

    /** Fires the endpoint's Deferred with the connection's outcome. */
    private static final class WrappingFactory extends ClientFactory {

        private final Factory wrapped;

        private final Deferred<Protocol> result;

        WrappingFactory(Factory wrapped, Deferred<Protocol> result) {
            this.wrapped = wrapped;
            this.result = result;
            setNoisy(false);
        }

        @Override
        public void startFactory() {
            this.wrapped.doStart();
        }

        @Override
        public void stopFactory() {
            this.wrapped.doStop();
        }

        @Override
        public @Nullable Protocol buildProtocol(Address address) {
            Protocol protocol;
            try {
                protocol = this.wrapped.buildProtocol(address);
            }
            catch (RuntimeException ex) {
                this.result.errback(ex);
                throw ex;
            }
            if (protocol == null) {
                this.result.errback(new IllegalStateException(this.wrapped + " refused to build a protocol"));
                return null;
            }
            return new Wrapping(protocol, this.result);
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            if (!this.result.isCalled()) {
                this.result.errback(reason);
            }
        }

        @Override
        public String logPrefix() {
            return this.wrapped.logPrefix();
        }
    }

    /** Passes everything to the user's protocol, firing the Deferred once it is connected. */
    private static final class Wrapping extends ProtocolWrapper {

        private final Deferred<Protocol> result;

        Wrapping(Protocol wrapped, Deferred<Protocol> result) {
            super(wrapped);
            this.result = result;
        }

        @Override
        public void makeConnection(Transport transport) {
            super.makeConnection(transport);
            if (!this.result.isCalled()) {
                this.result.callback(this.wrappedProtocol);
            }
        }
    }
}
