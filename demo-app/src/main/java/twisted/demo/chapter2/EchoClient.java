package twisted.demo.chapter2;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import twisted.internet.Protocol;

/**
 * The book's echo client: says "Hello, world!", reports what the server says back, and hangs up.
 */
public class EchoClient extends Protocol {

    private final Consumer<String> output;

    /**
     * Creates the client.
     *
     * @param output where to report, one line at a time (the book prints)
     */
    public EchoClient(Consumer<String> output) {
        this.output = output;
    }

    @Override
    public void connectionMade() {
        this.transport.write("Hello, world!".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void dataReceived(byte[] data) {
        this.output.accept("Server said: " + new String(data, StandardCharsets.UTF_8));
        this.transport.loseConnection();
    }
}
