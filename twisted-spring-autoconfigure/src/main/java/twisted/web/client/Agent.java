package twisted.web.client;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.Reactor;

/**
 * Makes HTTP requests: the Deferred fires with the {@link Response} once its headers arrive, on
 * the reactor thread; the body is read with {@link Response#deliverBody} or {@link #readBody}.
 * Wrappers add behaviour: {@link RedirectAgent}, {@link CookieAgent}.
 *
 * <pre>{@code
 * Agent agent = Agent.create(reactor);
 * agent.request("GET", "https://example.org/", null, null)
 *      .thenCompose(Agent::readBody)
 *      .addCallback(body -> ...);
 * }</pre>
 *
 * <p>Unlike Twisted's (#5773), every request has timeouts: connecting, waiting for the headers,
 * and silence while reading the body (which also releases the connection of a body nobody reads,
 * #6711). Twisted: {@code IAgent}; {@link #create} is Twisted's {@code Agent(reactor)}.
 *
 * @since 0.1.0
 */
public interface Agent {

    /**
     * Sends a request.
     *
     * @param method for example {@code GET}
     * @param uri an absolute {@code http} or {@code https} URI
     * @param headers request headers, or {@code null}
     * @param body the body, or {@code null}
     * @return a Deferred of the response, fired when its headers arrive; failed with
     *         {@link ResponseNeverReceivedException} when no response comes
     */
    Deferred<Response> request(String method, String uri, @Nullable HttpHeaders headers, @Nullable BodyProducer body);

    /**
     * An agent with the default options, on Reactor Netty's HTTP client.
     *
     * @param reactor the reactor whose thread the Deferreds fire on
     * @return the agent
     */
    static Agent create(Reactor reactor) {
        return create(reactor, Options.DEFAULTS);
    }

    /**
     * An agent with the given options.
     *
     * @param reactor the reactor whose thread the Deferreds fire on
     * @param options timeouts and pool settings
     * @return the agent
     */
    static Agent create(Reactor reactor, Options options) {
        return new ReactorNettyAgent(reactor, options);
    }

    /**
     * Reads a whole body. Twisted: {@code readBody}.
     *
     * @param response the response
     * @return a Deferred of the body; failed with {@link PartialDownloadException} (carrying what
     *         arrived) when the body was cut short or had no length to check
     */
    static Deferred<byte[]> readBody(Response response) {
        Deferred<byte[]> result = new Deferred<>();
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        response.deliverBody(new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                collected.writeBytes(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                if (reason.check(ResponseDoneException.class) != null) {
                    result.callback(collected.toByteArray());
                }
                else if (reason.check(PotentialDataLossException.class, ResponseFailedException.class) != null) {
                    result.errback(new PartialDownloadException(response.getCode(), collected.toByteArray(), reason.value()));
                }
                else {
                    result.errback(reason);
                }
            }
        });
        return result;
    }

    /**
     * An agent's settings.
     *
     * @param connectTimeout how long connecting may take
     * @param responseTimeout how long to wait for the headers after sending
     * @param bodyIdleTimeout how long the body may be silent (or unread, or paused by its protocol) before the
     *        request fails
     * @param maxConnectionsPerHost the most connections to one host at once
     * @param idleConnectionTimeout how long an idle pooled connection is kept (Twisted: 240 s)
     * @param decompress whether to ask for gzip and decode it (Twisted: {@code ContentDecoderAgent})
     */
    record Options(Duration connectTimeout, Duration responseTimeout, Duration bodyIdleTimeout, int maxConnectionsPerHost,
            Duration idleConnectionTimeout, boolean decompress) {

        /** 30 s to connect, 60 s for the headers, 30 s of body silence, 50 connections per host. */
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(30), 50, Duration.ofSeconds(240), false);

        /**
         * The same options with other timeouts.
         *
         * @param connect connecting
         * @param response waiting for the headers
         * @param bodyIdle body silence
         * @return new options
         */
        public Options withTimeouts(Duration connect, Duration response, Duration bodyIdle) {
            return new Options(connect, response, bodyIdle, this.maxConnectionsPerHost, this.idleConnectionTimeout,
                    this.decompress);
        }

        /**
         * The same options, decoding gzip.
         *
         * @param decompress whether to ask for gzip and decode it
         * @return new options
         */
        public Options withDecompression(boolean decompress) {
            return new Options(this.connectTimeout, this.responseTimeout, this.bodyIdleTimeout, this.maxConnectionsPerHost,
                    this.idleConnectionTimeout, decompress);
        }
    }
}
