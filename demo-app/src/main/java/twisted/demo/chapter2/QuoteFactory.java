package twisted.demo.chapter2;

import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * The book's quote server: each client gets the current quote, and the quote it sends becomes the
 * next one. The factory holds the quote and counts the open connections, state shared by every
 * connection with no lock, because all of them run on the reactor thread.
 */
public class QuoteFactory extends Factory {

    /** The quote the book starts with. */
    public static final String DEFAULT_QUOTE = "An apple a day keeps the doctor away";

    private String quote;

    private int numConnections;

    /** A server starting with the book's default quote. */
    public QuoteFactory() {
        this(DEFAULT_QUOTE);
    }

    /**
     * A server starting with {@code quote}.
     *
     * @param quote the first quote
     */
    public QuoteFactory(String quote) {
        this.quote = quote;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        QuoteProtocol protocol = new QuoteProtocol(this);
        protocol.setFactory(this);
        return protocol;
    }

    /**
     * The quote the next client gets.
     *
     * @return the quote
     */
    public String getQuote() {
        return this.quote;
    }

    void setQuote(String quote) {
        this.quote = quote;
    }

    /**
     * How many clients are connected.
     *
     * @return the count
     */
    public int getNumConnections() {
        return this.numConnections;
    }

    void connectionOpened() {
        this.numConnections++;
    }

    void connectionClosed() {
        this.numConnections--;
    }
}
