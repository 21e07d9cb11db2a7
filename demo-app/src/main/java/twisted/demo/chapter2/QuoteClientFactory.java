package twisted.demo.chapter2;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.Protocol;

/**
 * The book's quote client: sends its quote, reports the one it gets back, hangs up, then calls
 * {@code whenDone} (where the book counts replies and stops the reactor after the last).
 */
public class QuoteClientFactory extends ClientFactory {

    private final String quote;

    private final Consumer<String> output;

    private final Runnable whenDone;

    /**
     * Creates the factory.
     *
     * @param quote the quote to send
     * @param output where to report
     * @param whenDone called once this client is done, either way
     */
    public QuoteClientFactory(String quote, Consumer<String> output, Runnable whenDone) {
        this.quote = quote;
        this.output = output;
        this.whenDone = whenDone;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write(QuoteClientFactory.this.quote.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void dataReceived(byte[] data) {
                QuoteClientFactory.this.output.accept("Received quote: " + new String(data, StandardCharsets.UTF_8));
                this.transport.loseConnection();
            }
        };
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        this.output.accept("connection failed: " + reason.getErrorMessage());
        this.whenDone.run();
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        this.output.accept("connection lost: " + reason.getErrorMessage());
        this.whenDone.run();
    }
}
