package twisted.web.client;

import java.util.ArrayDeque;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.Protocol;
import twisted.internet.Transport;
import twisted.internet.UNIXAddress;

/**
 * An HTTP response whose headers have arrived; its body is read by giving a {@link Protocol} to
 * {@link #deliverBody}: {@code dataReceived} per chunk, then {@code connectionLost} with
 * {@link ResponseDoneException}, {@link PotentialDataLossException} (no length, ended by the
 * connection) or {@link ResponseFailedException}. The body is not read until then: a body nobody
 * asks for fails after the agent's body idle timeout, which frees its connection.
 *
 * <p>Used on the reactor thread. Twisted: {@code IResponse}.
 *
 * @since 0.1.0
 */
public final class Response {

    /** The length of a body whose length is not known. Twisted: {@code UNKNOWN_LENGTH}. */
    public static final long UNKNOWN_LENGTH = -1;

    private final String version;

    private final int code;

    private final String phrase;

    private final HttpHeaders headers;

    private final long length;

    private final String requestMethod;

    private final String requestUri;

    private final BodyControl control;

    private @Nullable Response previousResponse;

    private @Nullable Protocol protocol;

    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();

    private @Nullable Failure ended;

    private boolean paused;

    /** How the agent lets the body flow: ask for one more chunk, or give up. */
    interface BodyControl {

        void requestMore();

        void cancel();
    }

    Response(String version, int code, String phrase, HttpHeaders headers, String requestMethod, String requestUri,
            BodyControl control) {
        this.version = version;
        this.code = code;
        this.phrase = phrase;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.length = headers.getContentLength();
        this.requestMethod = requestMethod;
        this.requestUri = requestUri;
        this.control = control;
    }

    /**
     * The protocol version, for example {@code HTTP/1.1}.
     *
     * @return the version
     */
    public String getVersion() {
        return this.version;
    }

    /**
     * The status code.
     *
     * @return the code
     */
    public int getCode() {
        return this.code;
    }

    /**
     * The reason phrase.
     *
     * @return the phrase
     */
    public String getPhrase() {
        return this.phrase;
    }

    /**
     * The response headers.
     *
     * @return read-only headers
     */
    public HttpHeaders getHeaders() {
        return this.headers;
    }

    /**
     * The body's announced length.
     *
     * @return the length, or {@link #UNKNOWN_LENGTH}
     */
    public long getLength() {
        return this.length;
    }

    /**
     * The method of the request this answers.
     *
     * @return the method
     */
    public String getRequestMethod() {
        return this.requestMethod;
    }

    /**
     * The URI of the request this answers.
     *
     * @return the URI
     */
    public String getRequestUri() {
        return this.requestUri;
    }

    /**
     * The response before a redirect that led here. Twisted: {@code previousResponse}.
     *
     * @return the previous response, or {@code null}
     */
    public @Nullable Response getPreviousResponse() {
        return this.previousResponse;
    }

    Response withPrevious(Response previous) {
        this.previousResponse = previous;
        return this;
    }

    /**
     * Starts reading the body into {@code protocol}. Call it once.
     *
     * @param protocol receives the body
     * @throws IllegalStateException when the body was already delivered
     */
    public void deliverBody(Protocol protocol) {
        if (this.protocol != null) {
            throw new IllegalStateException("the body of " + this + " is already being delivered");
        }
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        protocol.makeConnection(new BodyTransport());
        drain();
        if (this.ended == null && !this.paused) {
            this.control.requestMore();
        }
    }

    void chunk(byte[] data) {
        if (this.ended != null) {
            return; // queued before the body protocol stopped reading; it has been told the body ended
        }
        this.pending.add(data);
        drain();
        if (this.protocol != null && this.ended == null && !this.paused) {
            this.control.requestMore();
        }
    }

    void end(Failure reason) {
        if (this.ended == null) {
            this.ended = reason;
            drain();
        }
    }

    private void drain() {
        Protocol p = this.protocol;
        if (p == null) {
            return;
        }
        while (!this.pending.isEmpty() && !this.paused) {
            p.dataReceived(this.pending.poll());
        }
        if (this.pending.isEmpty() && this.ended != null && p.isConnected()) {
            p.disconnected(this.ended);
        }
    }

    @Override
    public String toString() {
        return "<Response " + this.code + " " + this.phrase + " for " + this.requestMethod + " " + this.requestUri + ">";
    }

    /** What the body protocol sees as its transport: pause, resume, or stop reading. */
    private final class BodyTransport implements Transport {

        @Override
        public void write(byte[] data) {
            throw new UnsupportedOperationException("a response body cannot be written to");
        }

        @Override
        public void loseConnection() {
            stopProducing();
        }

        @Override
        public void abortConnection() {
            stopProducing();
        }

        @Override
        public boolean isDisconnecting() {
            return Response.this.ended != null;
        }

        @Override
        public Address getPeer() {
            return new UNIXAddress(Response.this.requestUri);
        }

        @Override
        public Address getHost() {
            return new UNIXAddress("agent");
        }

        @Override
        public void registerProducer(Object producer, boolean streaming) {
            throw new UnsupportedOperationException("a response body takes no producer");
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void pauseProducing() {
            Response.this.paused = true;
        }

        @Override
        public void resumeProducing() {
            if (Response.this.paused) {
                Response.this.paused = false;
                drain();
                if (Response.this.ended == null) {
                    Response.this.control.requestMore();
                }
            }
        }

        @Override
        public void stopProducing() {
            if (Response.this.ended == null) {
                Response.this.control.cancel();
                end(new Failure(new ResponseFailedException("the body protocol stopped reading")));
            }
        }
    }
}
