package twisted.demo.chapter2;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.internet.Protocol;

/**
 * One connection to the quote server: on data, sends the current quote and keeps what arrived as
 * the next one. Logs what the book prints.
 */
public class QuoteProtocol extends Protocol {

    private static final Logger log = LoggerFactory.getLogger(QuoteProtocol.class);

    private final QuoteFactory quotes;

    /**
     * Creates the protocol.
     *
     * @param quotes the server's shared state
     */
    public QuoteProtocol(QuoteFactory quotes) {
        this.quotes = quotes;
    }

    @Override
    public void connectionMade() {
        this.quotes.connectionOpened();
    }

    @Override
    public void dataReceived(byte[] data) {
        String received = new String(data, StandardCharsets.UTF_8);
        String sending = this.quotes.getQuote();
        log.info("Number of active connections: {}", this.quotes.getNumConnections());
        log.info("> Received: ``{}''\n> Sending: ``{}''", received, sending);
        this.transport.write(sending.getBytes(StandardCharsets.UTF_8));
        this.quotes.setQuote(received);
    }

    @Override
    public void connectionLost(Failure reason) {
        this.quotes.connectionClosed();
    }
}
