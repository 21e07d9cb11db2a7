package twisted.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.codec.ResourceHttpMessageWriter;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Reactor;

/**
 * Serves a {@link Resource} tree inside WebFlux, so resources and {@code @Controller}s share one
 * server: WebFlux (Reactor Netty) parses HTTP and reads the body, within a size limit; the tree is
 * traversed and rendered on the reactor thread; the response streams back as the resource writes
 * it, or goes out in one write when the renderer returns the whole body. When the HTTP server runs
 * on the reactor's own loop ({@link twisted.internet.netty.NettyHttpServers}), a request arrives on
 * the reactor thread and renders there, without a hop. Twisted: {@code twisted.web.server.Site}.
 *
 * <p>What the tree sees follows Twisted: the path's segments are percent-decoded before traversal
 * (a malformed escape is 400), and a query or form argument without a value is the empty string.
 * Every body is read within {@code maxBodySize}, whatever its kind: raw bytes, a urlencoded form,
 * or a multipart form (counted whole, all parts together, and kept in memory); past it, 413 names
 * the limit. WebFlux's codec limit ({@code spring.codec.max-in-memory-size}) does not apply to the
 * tree. A filter that reads the form before the tree (Spring Security's CSRF check) needs
 * {@link #bodyLimitFilter}, which the auto-configuration registers.
 *
 * <pre>{@code
 * @Bean
 * RouterFunction<ServerResponse> site(Reactor reactor) {
 *     return ResourceHandler.mount("/web", root, reactor, DataSize.ofMegabytes(10).toBytes());
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ResourceHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ResourceHandler.class);

    private static final ResourceHttpMessageWriter FILE_WRITER = new ResourceHttpMessageWriter();

    private final String mountPath;

    private final Resource root;

    private final Reactor reactor;

    private final RequestBodyLimit bodyLimit;

    /**
     * Creates the handler.
     *
     * @param mountPath where the tree's root is, for example {@code /web} ({@code /} for the whole server)
     * @param root the tree's root
     * @param reactor the reactor the resources run on
     * @param maxBodySize the largest request body accepted; larger ones get 413
     */
    public ResourceHandler(String mountPath, Resource root, Reactor reactor, long maxBodySize) {
        this.mountPath = normalize(mountPath);
        this.root = root;
        this.reactor = reactor;
        this.bodyLimit = new RequestBodyLimit(maxBodySize);
    }

    /**
     * A router function serving {@code root} at {@code mountPath} and below.
     *
     * @param mountPath where the tree's root is
     * @param root the tree's root
     * @param reactor the reactor the resources run on
     * @param maxBodySize the largest request body accepted
     * @return the router function
     */
    public static RouterFunction<ServerResponse> mount(String mountPath, Resource root, Reactor reactor, long maxBodySize) {
        ResourceHandler handler = new ResourceHandler(mountPath, root, reactor, maxBodySize);
        String base = handler.mountPath;
        return RouterFunctions.route(request -> isBelow(base, request.path()), handler);
    }

    /**
     * A filter that puts the body limit in force for requests to the tree from the start of the
     * filter chain. A filter that reads the form before the tree does (Spring Security's CSRF
     * check reads a form's {@code _csrf} field through {@code exchange.getFormData()}) then reads it
     * within this limit, not WebFlux's codec limit ({@code spring.codec.max-in-memory-size}, 256 KiB
     * by default), and the tree is handed what was read instead of reading the body a second time.
     * The auto-configuration registers it; an application that mounts the tree itself registers it
     * as a {@code WebFilter} bean with the same arguments.
     *
     * @param mountPath where the tree's root is, as given to {@link #mount}
     * @param maxBodySize the largest request body accepted, as given to {@link #mount}
     * @return the filter, ordered first
     */
    public static WebFilter bodyLimitFilter(String mountPath, long maxBodySize) {
        String base = normalize(mountPath);
        RequestBodyLimit limit = new RequestBodyLimit(maxBodySize);
        return new BodyLimitFilter(base, limit);
    }

    private record BodyLimitFilter(String base, RequestBodyLimit limit) implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            return chain.filter(isBelow(this.base, path) ? this.limit.limit(exchange) : exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static boolean isBelow(String base, String path) {
        return base.isEmpty() || path.equals(base) || path.startsWith(base + "/");
    }

    private static String normalize(String mountPath) {
        String path = mountPath.trim();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest serverRequest) {
        ServerWebExchange exchange = this.bodyLimit.limit(serverRequest.exchange());
        List<String> postpath;
        try {
            postpath = postpath(exchange.getRequest());
        }
        catch (IllegalArgumentException ex) {
            return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN)
                    .bodyValue("Bad Request: the path is not a valid percent-encoded path\n");
        }
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > this.bodyLimit.maxBodySize()) {
            return tooLarge(declared);
        }
        if (hasNoBody(exchange.getRequest(), declared)) {
            return ServerResponse.ok().build((ex, context) -> respond(exchange, postpath, NO_BODY));
        }
        return readBody(exchange)
                .flatMap(body -> ServerResponse.ok().build((ex, context) -> respond(exchange, postpath, body)))
                .onErrorResume(RequestBodyLimit.BodyTooLargeException.class, ex -> tooLarge(-1))
                .onErrorResume(DataBufferLimitException.class, ex -> ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
                        .contentType(MediaType.TEXT_PLAIN).bodyValue("Request too large: " + ex.getMessage() + "\n"))
                .onErrorResume(DecodingException.class, ex -> ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("Bad Request: the body could not be read: " + ex.getMessage() + "\n"));
    }

    private Mono<ServerResponse> tooLarge(long declared) {
        return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.TEXT_PLAIN)
                .bodyValue("Request body too large" + ((declared > 0) ? " (" + declared + " bytes)" : "")
                        + ": the limit is " + this.bodyLimit.maxBodySize() + " bytes\n");
    }

    /** The request's body, read whole within the limit: form fields, uploads, or raw bytes. */
    private record Body(Map<String, List<String>> form, Map<String, List<Request.Upload>> uploads, byte[] content) {
    }

    private static final Body NO_BODY = new Body(Map.of(), Map.of(), new byte[0]);

    /**
     * Whether a GET or HEAD comes without a body (no {@code Content-Length} above zero and no
     * {@code Transfer-Encoding}; RFC 9112 section 6.3), so that there is nothing to wait for before
     * rendering. Other methods always have their body read, even when empty.
     */
    static boolean hasNoBody(ServerHttpRequest request, long declaredLength) {
        HttpMethod method = request.getMethod();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && declaredLength <= 0
                && !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * Reads the body of an exchange {@link RequestBodyLimit#limit limited} to the maximum size. A
     * {@code Content-Type} that is not a media type is read as raw bytes, as Twisted reads any body
     * it does not parse.
     */
    private Mono<Body> readBody(ServerWebExchange exchange) {
        MediaType type = RequestBodyLimit.contentType(exchange.getRequest());
        if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return exchange.getFormData().map(form -> new Body(copy(form), Map.of(), NO_BODY.content()));
        }
        if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return exchange.getMultipartData().flatMap(this::readParts);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return new Body(Map.of(), Map.of(), bytes);
                }).defaultIfEmpty(NO_BODY);
    }

    private Mono<Body> readParts(MultiValueMap<String, Part> parts) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<Mono<Map.Entry<String, Request.Upload>>> files = new ArrayList<>();
        parts.forEach((name, values) -> {
            for (Part part : values) {
                if (part instanceof FormFieldPart field) {
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(field.value());
                }
                else if (part instanceof FilePart file) {
                    MediaType contentType = file.headers().getContentType();
                    files.add(DataBufferUtils.join(file.content())
                            .map(buffer -> {
                                byte[] bytes = new byte[buffer.readableByteCount()];
                                buffer.read(bytes);
                                DataBufferUtils.release(buffer);
                                return Map.entry(name, new Request.Upload(file.filename(),
                                        (contentType != null) ? contentType.toString() : null, bytes));
                            }));
                }
            }
        });
        return Mono.zip(files, entries -> entries).defaultIfEmpty(new Object[0]).map(entries -> {
            Map<String, List<Request.Upload>> uploads = new LinkedHashMap<>();
            for (Object entry : entries) {
                @SuppressWarnings("unchecked")
                Map.Entry<String, Request.Upload> upload = (Map.Entry<String, Request.Upload>) entry;
                uploads.computeIfAbsent(upload.getKey(), k -> new ArrayList<>()).add(upload.getValue());
            }
            return new Body(fields, uploads, NO_BODY.content());
        });
    }

    private static Map<String, List<String>> copy(MultiValueMap<String, String> form) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        form.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /**
     * The path segments below the mount path, each percent-decoded as UTF-8 (Twisted's
     * {@code postpath}): {@code my%20file.html} is {@code my file.html}. The split comes first, so
     * an encoded slash ({@code %2F}) stays inside its segment, where {@link File} refuses it.
     *
     * @throws IllegalArgumentException when a segment has a malformed {@code %} escape
     */
    private List<String> postpath(ServerHttpRequest http) {
        String path = http.getPath().pathWithinApplication().value();
        String below = path.substring(Math.min(path.length(), this.mountPath.length()));
        if (below.isEmpty()) {
            return List.of();
        }
        String[] segments = below.substring(below.startsWith("/") ? 1 : 0).split("/", -1);
        List<String> decoded = new ArrayList<>(segments.length);
        for (String segment : segments) {
            decoded.add(segment.indexOf('%') < 0 ? segment : UriUtils.decode(segment, StandardCharsets.UTF_8));
        }
        return decoded;
    }

    // ------------------------------------------------------------------ rendering

    private Mono<Void> respond(ServerWebExchange exchange, List<String> postpath, Body body) {
        Request request = newRequest(exchange, postpath, body);
        Runnable work = () -> traverse(this.root, request).addCallbacks(resource -> {
            render(resource, request);
            return null;
        }, failure -> {
            fail(request, failure);
            return null;
        });
        if (this.reactor.isReactorThread()) {
            // the HTTP connection is served by the reactor's own loop: no hop needed
            work.run();
        }
        else {
            this.reactor.callFromThread(work);
        }
        ServerHttpResponse response = exchange.getResponse();
        boolean head = exchange.getRequest().getMethod() == HttpMethod.HEAD;
        return Mono.fromFuture(request.head(), true).flatMap(start -> {
            response.setStatusCode(org.springframework.http.HttpStatusCode.valueOf(start.code()));
            response.getHeaders().putAll(start.headers());
            start.cookies().forEach(response::addCookie);
            if (start.file() != null) {
                // file system calls stay off the reactor thread, where this continuation would run
                return Mono.defer(() -> sendFile(exchange, start.file())).subscribeOn(Schedulers.boundedElastic());
            }
            byte[] content = start.content();
            if (head) {
                return request.body().then(response.setComplete());
            }
            if (content != null) {
                // the whole body at once: Reactor Netty sends status, headers and body in one write
                return response.writeWith(Mono.just(response.bufferFactory().wrap(content)));
            }
            Runnable lost = () -> this.reactor.callFromThread(request::connectionLost);
            return response.writeWith(request.body().doOnCancel(lost).map(bytes -> response.bufferFactory().wrap(bytes)));
        }).doFinally(signal -> {
            if (signal != SignalType.ON_COMPLETE) {
                // cancelled or failed: the client went away before the end
                this.reactor.callFromThread(request::connectionLost);
            }
        });
    }

    private static Mono<Void> sendFile(ServerWebExchange exchange, java.nio.file.Path file) {
        FileSystemResource resource = new FileSystemResource(file);
        try {
            long modified = resource.lastModified();
            String etag = "\"" + Long.toHexString(modified) + "-" + Long.toHexString(resource.contentLength()) + "\"";
            if (exchange.checkNotModified(etag, java.time.Instant.ofEpochMilli(modified))) {
                return exchange.getResponse().setComplete();
            }
        }
        catch (java.io.IOException ex) {
            return Mono.error(ex);
        }
        MediaType type = MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return FILE_WRITER.write(Mono.just(resource), null, ResolvableType.forClass(org.springframework.core.io.Resource.class),
                type, exchange.getRequest(), exchange.getResponse(), Map.of());
    }

    private Request newRequest(ServerWebExchange exchange, List<String> postpath, Body body) {
        ServerHttpRequest http = exchange.getRequest();
        String path = http.getPath().pathWithinApplication().value();
        java.net.URI target = http.getURI();
        String query = target.getRawQuery();
        String uri = (query != null) ? target.getRawPath() + "?" + query : target.getRawPath();
        Map<String, List<Request.Upload>> uploads = body.uploads().isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body.uploads()));
        // parsed on the reactor thread when first asked: by then the HTTP side is done reading the
        // request (it only writes the response), and the hop to the reactor orders what it did before
        return new Request(http.getMethod().name(), uri, path, postpath, http.getHeaders(),
                () -> arguments(http, body), uploads, () -> new LinkedMultiValueMap<>(http.getCookies()),
                body.content(), http.getRemoteAddress(), http.getSslInfo() != null);
    }

    /** The query's arguments, then the form's; parsed when a resource first asks. */
    private static Map<String, List<String>> arguments(ServerHttpRequest http, Body body) {
        String rawQuery = http.getURI().getRawQuery();
        MultiValueMap<String, String> query = (rawQuery != null) ? FormArguments.parse(rawQuery, StandardCharsets.UTF_8)
                : new LinkedMultiValueMap<>();
        if (query.isEmpty() && body.form().isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> args = new LinkedHashMap<>();
        query.forEach((k, v) -> args.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        body.form().forEach((k, v) -> args.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        Map<String, List<String>> frozenArgs = new LinkedHashMap<>();
        args.forEach((k, v) -> frozenArgs.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(frozenArgs);
    }

    /** Walks the path; a {@code getChild} returning a Deferred makes the walk wait for it. */
    private static Deferred<Resource> traverse(Resource resource, Request request) {
        Resource current = resource;
        while (!request.getPostpath().isEmpty() && !current.isLeaf()) {
            Object child = current.getChildWithDefault(request.nextSegment(), request);
            if (child instanceof Resource next) {
                current = next;
            }
            else if (child instanceof Deferred<?> later) {
                return later.thenCompose(found -> traverse(asResource(found), request));
            }
            else {
                return Deferred.fail(new IllegalStateException("getChild returned " + child + ", not a Resource"));
            }
        }
        return Deferred.succeed(current);
    }

    private static Resource asResource(@Nullable Object found) {
        if (found instanceof Resource resource) {
            return resource;
        }
        throw new IllegalStateException("getChild's Deferred gave " + found + ", not a Resource");
    }

    private void render(Resource resource, Request request) {
        Object result;
        try {
            result = resource.render(request);
        }
        catch (UnsupportedMethodException ex) {
            request.setResponseCode(HttpStatus.METHOD_NOT_ALLOWED.value());
            request.setHeader(HttpHeaders.ALLOW, String.join(", ", ex.getAllowedMethods()));
            request.setHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
            request.respond(("Method Not Allowed: " + request.getMethod() + "\n").getBytes(StandardCharsets.UTF_8), true);
            return;
        }
        catch (Throwable ex) {
            fail(request, new Failure(ex));
            return;
        }
        deliver(result, request);
    }

    private void deliver(@Nullable Object result, Request request) {
        if (result == Resource.NOT_DONE_YET) {
            return;
        }
        if (result instanceof byte[] bytes) {
            request.respond(bytes, false);
        }
        else if (result instanceof String text) {
            if (!request.getResponseHeaders().containsHeader(HttpHeaders.CONTENT_TYPE)) {
                request.setHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8");
            }
            request.respond(text.getBytes(StandardCharsets.UTF_8), true);
        }
        else if (result instanceof File.FileBody file) {
            request.respondWithFile(file.path());
        }
        else if (result instanceof Deferred<?> || result instanceof CompletionStage<?> || result instanceof Publisher<?>) {
            later(result).addCallbacks(value -> {
                deliver(value, request);
                return null;
            }, failure -> {
                fail(request, failure);
                return null;
            });
        }
        else {
            fail(request, new Failure(new IllegalStateException("Request did not return bytes: render returned "
                    + ((result == null) ? "null" : result.getClass().getName())
                    + "; expected byte[], String, NOT_DONE_YET or a Deferred")));
        }
    }

    private Deferred<Object> later(Object result) {
        if (result instanceof Deferred<?> deferred) {
            return deferred.thenApply(value -> value);
        }
        if (result instanceof CompletionStage<?> stage) {
            return Deferred.<Object>fromCompletionStage(stage, this.reactor);
        }
        return Deferred.<Object>fromPublisher((Publisher<?>) result, this.reactor);
    }

    private static void fail(Request request, Failure failure) {
        if (!request.isConnected()) {
            return;
        }
        if (request.isStarted()) {
            log.error("Rendering {} failed after the response started; resetting the connection", request, failure.value());
            request.abort(failure.value());
            return;
        }
        int status = 500;
        String message = "Internal Server Error";
        if (failure.value() instanceof ResponseStatusException statusException) {
            status = statusException.getStatusCode().value();
            message = (statusException.getReason() != null) ? statusException.getReason() : message;
        }
        else {
            log.error("Rendering {} failed", request, failure.value());
        }
        request.setResponseCode(status);
        request.setHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        request.respond((message + "\n").getBytes(StandardCharsets.UTF_8), true);
    }
}
