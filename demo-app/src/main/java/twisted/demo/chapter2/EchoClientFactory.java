package twisted.demo.chapter2;

import java.util.function.Consumer;

import twisted.defer.Failure;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;

/**
 * The book's echo client factory: reports a failed or lost connection, then calls
 * {@code whenDone} (where the book stops the reactor).
 */
public class EchoClientFactory extends ClientFactory {

    private final Consumer<String> output;

    private final Runnable whenDone;

    /**
     * Creates the factory.
     *
     * @param output where to report
     * @param whenDone called once the exchange is over, either way
     */
    public EchoClientFactory(Consumer<String> output, Runnable whenDone) {
        super(() -> new EchoClient(output));
        this.output = output;
        this.whenDone = whenDone;
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        this.output.accept("Connection failed.");
        this.whenDone.run();
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        this.output.accept("Connection lost.");
        this.whenDone.run();
    }
}
