package twisted.web.client;

import java.net.URI;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Reactor;

/**
 * {@link Agent} on Reactor Netty's HTTP client. The response's headers and body arrive on Netty's
 * threads as one stream (headers first) and are handed to the reactor thread; the body flows only
 * as fast as the body protocol takes it.
 */
final class ReactorNettyAgent implements Agent {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReactorNettyAgent.class);

    private final Reactor reactor;

    private final Options options;

    private final HttpClient client;

    ReactorNettyAgent(Reactor reactor, Options options) {
        this.reactor = reactor;
        this.options = options;
        this.client = NettyHttpClients.create("twisted-agent", options.connectTimeout(), options.maxConnectionsPerHost(),
                options.idleConnectionTimeout(), options.decompress());
    }

    private record Head(String version, int code, String phrase, HttpHeaders headers, boolean delimitedByClose) {
    }

    @Override
    public Deferred<Response> request(String method, String uri, @Nullable HttpHeaders headers, @Nullable BodyProducer body) {
        URI target;
        try {
            target = URI.create(uri);
        }
        catch (IllegalArgumentException ex) {
            return Deferred.fail(ex);
        }
        if (!"http".equalsIgnoreCase(target.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
            return Deferred.fail(new IllegalArgumentException("scheme not supported: " + uri + " (http and https are)"));
        }
        HttpClient.RequestSender sender = this.client.headers(h -> {
            if (headers != null) {
                headers.forEach((name, values) -> values.forEach(value -> h.add(name, value)));
            }
            if (body != null && body.length() >= 0) {
                h.set("Content-Length", body.length());
            }
        }).request(NettyHttpClients.method(method)).uri(target);
        HttpClient.ResponseReceiver<?> receiver = (body == null) ? sender
                : sender.send((request, out) -> out.sendByteArray(Flux.from(body.content())));
        Flux<Object> exchange = receiver.responseConnection((response, connection) -> Flux.concat(
                Mono.just(head(response)), connection.inbound().receive().asByteArray()))
                .timeout(Mono.delay(this.options.responseTimeout()), item -> Mono.delay(this.options.bodyIdleTimeout()));
        Streamer streamer = new Streamer(method, uri);
        Deferred<Response> result = new Deferred<>(d -> streamer.dispose());
        streamer.result = result;
        exchange.subscribe(streamer);
        return result;
    }

    private static Head head(HttpClientResponse response) {
        HttpHeaders copy = new HttpHeaders();
        response.responseHeaders().forEach(entry -> copy.add(entry.getKey(), entry.getValue()));
        boolean delimitedByClose = !response.responseHeaders().contains("Content-Length")
                && !response.responseHeaders().contains("Transfer-Encoding") && response.status().code() != 204
                && response.status().code() != 304;
        return new Head(response.version().text(), response.status().code(), response.status().reasonPhrase(), copy,
                delimitedByClose);
    }

    /** Takes the stream of one exchange and feeds the response, on the reactor thread. */
    private final class Streamer extends BaseSubscriber<Object> implements Response.BodyControl {

        private final String method;

        private final String uri;

        @Nullable Deferred<Response> result;

        private @Nullable Response response;

        private boolean delimitedByClose;

        Streamer(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(Object item) {
            if (item instanceof Head head) {
                this.delimitedByClose = head.delimitedByClose();
                onReactor(() -> {
                    this.response = new Response(head.version(), head.code(), head.phrase(), head.headers(), this.method,
                            this.uri, this);
                    fire(this.response);
                });
            }
            else {
                byte[] chunk = (byte[]) item;
                onReactor(() -> {
                    if (this.response != null) {
                        this.response.chunk(chunk);
                    }
                });
            }
        }

        @Override
        protected void hookOnComplete() {
            onReactor(() -> {
                if (this.response == null) {
                    fail(new ResponseNeverReceivedException("the connection closed before a response to " + this.uri));
                }
                else {
                    this.response.end(new Failure(this.delimitedByClose
                            ? new PotentialDataLossException("the body of " + this.uri + " ended with the connection")
                            : new ResponseDoneException("response done")));
                }
            });
        }

        @Override
        protected void hookOnError(Throwable error) {
            onReactor(() -> {
                if (this.response == null) {
                    String why = (error instanceof TimeoutException) ? "no response headers within "
                            + ReactorNettyAgent.this.options.responseTimeout().toMillis() + " ms" : error.toString();
                    fail(new ResponseNeverReceivedException("no response to " + this.method + " " + this.uri + ": " + why,
                            error));
                }
                else {
                    String why = (error instanceof TimeoutException) ? "the body was silent for "
                            + ReactorNettyAgent.this.options.bodyIdleTimeout().toMillis() + " ms" : error.toString();
                    this.response.end(new Failure(new ResponseFailedException("reading the body of " + this.uri
                            + " failed: " + why, error)));
                }
            });
        }

        private void fire(Response response) {
            if (this.result != null && !this.result.isCalled()) {
                this.result.callback(response);
            }
        }

        private void fail(Exception reason) {
            if (this.result != null && !this.result.isCalled()) {
                this.result.errback(reason);
            }
        }

        @Override
        public void requestMore() {
            request(1);
        }

        private void onReactor(Runnable action) {
            try {
                ReactorNettyAgent.this.reactor.callFromThread(action);
            }
            catch (twisted.internet.error.ReactorNotRunningException ex) {
                log.warn("The reactor stopped while {} {} was in flight; abandoning it", this.method, this.uri);
                cancel();
            }
        }
    }
}
