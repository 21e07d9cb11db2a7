package twisted.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * One limit for every reader of a request's body: the raw bytes, a urlencoded form and a multipart
 * form, the latter counted whole (all parts together) and kept in memory. WebFlux's own readers,
 * behind {@code exchange.getFormData()}, stop at the codecs' in-memory limit
 * ({@code spring.codec.max-in-memory-size}, 256 KiB by default) and let multipart files grow on
 * disk without a total; {@link #limit} gives the exchange readers bound by this limit instead.
 *
 * <p>Thread-safe: the readers keep no per-request state.
 */
final class RequestBodyLimit {

    /** Marks an exchange already limited, by the filter or the handler, so that it is limited once. */
    static final String ATTRIBUTE = RequestBodyLimit.class.getName();

    private static final Logger log = LoggerFactory.getLogger(RequestBodyLimit.class);

    private static final ResolvableType MULTIPART_TYPE = ResolvableType.forClassWithGenerics(MultiValueMap.class,
            String.class, Part.class);

    /**
     * Routes an error that WebFlux's part reader signals twice (a malformed multipart body reaches
     * both the part being read and the whole) to DEBUG: Reactor logs the second at ERROR with its
     * stack trace, once per such request. Reactor reads this context key before its global hook; if
     * it ever stops, the line comes back but nothing else changes.
     */
    private static final Context QUIET_DROPPED_ERRORS = Context.of("reactor.onErrorDropped.local",
            (Consumer<Throwable>) error -> log.debug("A multipart body's second error signal, dropped: {}", error.toString()));

    private final long maxBodySize;

    private final MultipartHttpMessageReader multipartReader;

    RequestBodyLimit(long maxBodySize) {
        this.maxBodySize = maxBodySize;
        int inMemory = (int) Math.min(Integer.MAX_VALUE, maxBodySize);
        DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
        // a part is never larger than the whole body, which is within the limit: parts stay in memory
        parts.setMaxInMemorySize(inMemory);
        this.multipartReader = new MultipartHttpMessageReader(parts);
    }

    long maxBodySize() {
        return this.maxBodySize;
    }

    /**
     * The exchange with its body, form data and multipart data read within the limit; the exchange
     * itself if it already is.
     */
    ServerWebExchange limit(ServerWebExchange exchange) {
        if (exchange.getAttribute(ATTRIBUTE) != null) {
            return exchange;
        }
        exchange.getAttributes().put(ATTRIBUTE, this);
        return new LimitedExchange(exchange);
    }

    /** The body's buffers, failing with {@link BodyTooLargeException} once they add up to more than the limit. */
    Flux<DataBuffer> count(Flux<DataBuffer> body) {
        return Flux.defer(() -> {
            long[] seen = { 0 };
            return body.map(buffer -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > this.maxBodySize) {
                    DataBufferUtils.release(buffer);
                    throw new BodyTooLargeException(this.maxBodySize);
                }
                return buffer;
            });
        });
    }

    /** The request's content type, or {@code null} when it has none or it is not a media type. */
    static @Nullable MediaType contentType(ServerHttpRequest request) {
        try {
            return request.getHeaders().getContentType();
        }
        catch (InvalidMediaTypeException ex) {
            return null;
        }
    }

    /** The body went past the limit. */
    static final class BodyTooLargeException extends DataBufferLimitException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("Request body too large: the limit is " + limit + " bytes");
        }
    }

    private final class LimitedExchange extends ServerWebExchangeDecorator {

        private final ServerHttpRequest request;

        private final Mono<MultiValueMap<String, String>> formData;

        private final Mono<MultiValueMap<String, Part>> multipartData;

        LimitedExchange(ServerWebExchange delegate) {
            super(delegate);
            this.request = new ServerHttpRequestDecorator(delegate.getRequest()) {
                @Override
                public Flux<DataBuffer> getBody() {
                    return count(super.getBody());
                }
            };
            MediaType type = contentType(this.request);
            this.formData = MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
                    ? readForm(this.request, (type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8)
                    : Mono.just(new LinkedMultiValueMap<>());
            // the parser reads the body once it is whole: an error from below the parser (the limit)
            // reaches WebFlux's part reader twice and Reactor logs the second at ERROR ("onErrorDropped")
            ServerHttpRequest whole = new ServerHttpRequestDecorator(delegate.getRequest()) {
                @Override
                public Flux<DataBuffer> getBody() {
                    return DataBufferUtils.join(count(super.getBody())).flux();
                }
            };
            this.multipartData = MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)
                    ? RequestBodyLimit.this.multipartReader.readMono(MULTIPART_TYPE, whole, Map.of())
                            .switchIfEmpty(Mono.fromSupplier(LinkedMultiValueMap::new))
                            .contextWrite(QUIET_DROPPED_ERRORS).cache()
                    : Mono.just(new LinkedMultiValueMap<>());
        }

        private static Mono<MultiValueMap<String, String>> readForm(ServerHttpRequest request, Charset charset) {
            return DataBufferUtils.join(request.getBody()).map(buffer -> {
                String body = buffer.toString(charset);
                DataBufferUtils.release(buffer);
                return FormArguments.parse(body, charset);
            }).switchIfEmpty(Mono.fromSupplier(LinkedMultiValueMap::new)).cache();
        }

        @Override
        public ServerHttpRequest getRequest() {
            return this.request;
        }

        @Override
        public Mono<MultiValueMap<String, String>> getFormData() {
            return this.formData;
        }

        @Override
        public Mono<MultiValueMap<String, Part>> getMultipartData() {
            return this.multipartData;
        }
    }
}
