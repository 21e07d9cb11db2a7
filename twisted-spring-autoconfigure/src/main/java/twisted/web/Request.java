package twisted.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.IPv4Address;
import twisted.internet.IPv6Address;
import twisted.internet.error.ConnectionLostException;

/**
 * One HTTP request as a {@link Resource} sees it: what was asked (method, path, arguments,
 * headers, body, cookies, the client) and the response it builds (status, headers, cookies, body
 * written at once or bit by bit with {@link #write} and {@link #finish}).
 *
 * <p>Used on the reactor thread. Headers and status may change until the first {@code write}
 * (or {@code finish}) sends them. A response written with {@code write} and no
 * {@code Content-Length} is chunked. When the client goes away first, {@link #notifyFinish()}
 * errbacks and later {@code write}/{@code finish} calls are quiet no-ops (Twisted raises from
 * {@code finish}, #7; here it is logged at DEBUG).
 *
 * <p>Known limit: {@code write} does not push back. A resource streaming a large body to a slow
 * client should write in steps (for example from a {@code LoopingCall} or as its source produces),
 * since what is written waits in memory until the client reads it.
 *
 * <p>Twisted: {@code twisted.web.server.Request}.
 *
 * @since 0.1.0
 */
public final class Request {

    private static final Logger log = LoggerFactory.getLogger(Request.class);

    /**
     * What the response starts with, frozen when its first byte is sent: a file, the whole body at
     * once ({@code content}, from a renderer's return value), or neither, when the body streams from
     * {@link #write} calls through {@link #body()}.
     */
    record Head(int code, HttpHeaders headers, List<ResponseCookie> cookies, @Nullable Path file,
            byte @Nullable [] content) {
    }

    /**
     * A file uploaded in a multipart form.
     *
     * @param filename the name the client gave it
     * @param contentType its content type, as sent
     * @param content its bytes
     */
    public record Upload(String filename, @Nullable String contentType, byte[] content) {
    }

    private final String method;

    private final String uri;

    private final String path;

    private final HttpHeaders requestHeaders;

    private final Supplier<Map<String, List<String>>> argsSource;

    private @Nullable Map<String, List<String>> args;

    private final Map<String, List<Upload>> uploads;

    private final Supplier<MultiValueMap<String, HttpCookie>> cookiesSource;

    private @Nullable MultiValueMap<String, HttpCookie> requestCookies;

    private final byte[] content;

    private final @Nullable InetSocketAddress client;

    private final boolean secure;

    private final List<String> prepath = new ArrayList<>();

    private final List<String> postpath;

    private int code = 200;

    private final HttpHeaders responseHeaders = new HttpHeaders();

    private final List<ResponseCookie> cookies = new ArrayList<>();

    private final CompletableFuture<Head> head = new CompletableFuture<>();

    /** The streamed body; made when a response starts without its whole body (most have it whole). */
    private Sinks.@Nullable Many<byte[]> body;

    private final List<Deferred<@Nullable Void>> finishWaiters = new ArrayList<>();

    private boolean started;

    private boolean finished;

    private boolean lost;

    /**
     * The arguments and cookies are given as suppliers, called at most once, on the thread that
     * first asks (the reactor thread), so that a resource that reads neither does not pay for
     * parsing them.
     */
    Request(String method, String uri, String path, List<String> postpath, HttpHeaders requestHeaders,
            Supplier<Map<String, List<String>>> args, Map<String, List<Upload>> uploads,
            Supplier<MultiValueMap<String, HttpCookie>> cookies, byte[] content, @Nullable InetSocketAddress client,
            boolean secure) {
        this.method = method;
        this.uri = uri;
        this.path = path;
        this.postpath = new ArrayList<>(postpath);
        this.requestHeaders = HttpHeaders.readOnlyHttpHeaders(requestHeaders);
        this.argsSource = args;
        this.uploads = uploads;
        this.cookiesSource = cookies;
        this.content = content;
        this.client = client;
        this.secure = secure;
    }

    // ------------------------------------------------------------------ the request

    /**
     * The method, upper case.
     *
     * @return for example {@code GET}
     */
    public String getMethod() {
        return this.method;
    }

    /**
     * The path and query as sent, still percent-encoded.
     *
     * @return for example {@code /web/calendar/2013?week=1}
     */
    public String getUri() {
        return this.uri;
    }

    /**
     * The path, without the query, still percent-encoded (Twisted's {@code request.path}); the
     * segments of {@link #getPrepath()} and {@link #getPostpath()} are decoded.
     *
     * @return for example {@code /web/calendar/2013}
     */
    public String getPath() {
        return this.path;
    }

    /**
     * The arguments: the query's, then the form body's (urlencoded or multipart), by name, parsed
     * as Twisted parses them: a name without {@code =} ({@code ?flag}) has the empty value, {@code +}
     * is a space, and a malformed {@code %} escape in a form body stays as sent. Twisted:
     * {@code request.args}.
     *
     * @return a read-only map
     */
    public Map<String, List<String>> getArgs() {
        Map<String, List<String>> parsed = this.args;
        if (parsed == null) {
            parsed = this.argsSource.get();
            this.args = parsed;
        }
        return parsed;
    }

    /**
     * The first value of an argument.
     *
     * @param name the argument's name
     * @return its first value, or {@code null}
     */
    public @Nullable String getArg(String name) {
        List<String> values = getArgs().get(name);
        return (values == null || values.isEmpty()) ? null : values.get(0);
    }

    /**
     * The files uploaded in a multipart form, by field name.
     *
     * @return a read-only map
     */
    public Map<String, List<Upload>> getUploads() {
        return this.uploads;
    }

    /**
     * The request's headers.
     *
     * @return read-only headers
     */
    public HttpHeaders getRequestHeaders() {
        return this.requestHeaders;
    }

    /**
     * A request header's first value.
     *
     * @param name the header's name, any case
     * @return the value, or {@code null}
     */
    public @Nullable String getHeader(String name) {
        return this.requestHeaders.getFirst(name);
    }

    /**
     * The body, for a request that was not a form. Twisted: {@code request.content}.
     *
     * @return the bytes, read whole before rendering (within the configured maximum)
     */
    public byte[] getContent() {
        return this.content.clone();
    }

    /**
     * A cookie the client sent.
     *
     * @param name the cookie's name
     * @return its value, or {@code null}
     */
    public @Nullable String getCookie(String name) {
        MultiValueMap<String, HttpCookie> parsed = this.requestCookies;
        if (parsed == null) {
            parsed = this.cookiesSource.get();
            this.requestCookies = parsed;
        }
        HttpCookie cookie = parsed.getFirst(name);
        return (cookie != null) ? cookie.getValue() : null;
    }

    /**
     * The client's address. Twisted: {@code getClientAddress}.
     *
     * @return the address, or {@code null} when unknown
     */
    public @Nullable Address getClientAddress() {
        if (this.client == null || this.client.getAddress() == null) {
            return null;
        }
        String host = this.client.getAddress().getHostAddress();
        return (this.client.getAddress() instanceof java.net.Inet6Address) ? new IPv6Address("TCP", host, this.client.getPort())
                : new IPv4Address("TCP", host, this.client.getPort());
    }

    /**
     * Whether the request came over TLS.
     *
     * @return {@code true} for HTTPS
     */
    public boolean isSecure() {
        return this.secure;
    }

    /**
     * The user name of HTTP Basic credentials. Twisted: {@code getUser}.
     *
     * @return the user, or {@code null}
     */
    public @Nullable String getUser() {
        String[] credentials = basic();
        return (credentials != null) ? credentials[0] : null;
    }

    /**
     * The password of HTTP Basic credentials. Twisted: {@code getPassword}.
     *
     * @return the password, or {@code null}
     */
    public @Nullable String getPassword() {
        String[] credentials = basic();
        return (credentials != null) ? credentials[1] : null;
    }

    private String @Nullable [] basic() {
        String authorization = getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return (colon < 0) ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /**
     * The path segments traversed so far, percent-decoded. Twisted: {@code prepath}.
     *
     * @return a read-only list
     */
    public List<String> getPrepath() {
        return Collections.unmodifiableList(this.prepath);
    }

    /**
     * The path segments still to traverse, percent-decoded ({@code my%20file.html} is
     * {@code my file.html}; an encoded slash stays inside its segment); what a leaf resource
     * renders. Twisted: {@code postpath}.
     *
     * @return a read-only list
     */
    public List<String> getPostpath() {
        return Collections.unmodifiableList(this.postpath);
    }

    /** Moves the next segment from postpath to prepath; traversal calls it. */
    String nextSegment() {
        String segment = this.postpath.remove(0);
        this.prepath.add(segment);
        return segment;
    }

    // ------------------------------------------------------------------ the response

    /**
     * Sets the status code.
     *
     * @param code the HTTP status
     * @throws IllegalStateException once the response has started
     */
    public void setResponseCode(int code) {
        checkNotStarted("setResponseCode");
        this.code = code;
    }

    /**
     * The status code so far.
     *
     * @return the HTTP status
     */
    public int getResponseCode() {
        return this.code;
    }

    /**
     * Sets a response header, replacing its values.
     *
     * @param name the header
     * @param value the value
     * @throws IllegalStateException once the response has started
     */
    public void setHeader(String name, String value) {
        checkNotStarted("setHeader");
        this.responseHeaders.set(name, value);
    }

    /**
     * The response's headers so far.
     *
     * @return a copy
     */
    public HttpHeaders getResponseHeaders() {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(this.responseHeaders);
        return copy;
    }

    /**
     * Adds a cookie to the response. Twisted: {@code addCookie}.
     *
     * @param cookie the cookie (name, value, path, max age, SameSite, ...)
     */
    public void addCookie(ResponseCookie cookie) {
        checkNotStarted("addCookie");
        this.cookies.add(Objects.requireNonNull(cookie, "cookie"));
    }

    /**
     * Redirects with 302 Found. Twisted: {@code redirect}.
     *
     * @param url where to
     */
    public void redirect(String url) {
        setResponseCode(302);
        setHeader(HttpHeaders.LOCATION, url);
    }

    /**
     * Sends bytes of the body, starting the response (status and headers) if it has not.
     *
     * @param data the bytes
     * @throws IllegalStateException after {@link #finish()}
     */
    public void write(byte[] data) {
        if (this.lost) {
            log.debug("write to {} after the client went away: dropped", this.uri);
            return;
        }
        if (this.finished) {
            throw new IllegalStateException("write() after finish() on " + this.uri);
        }
        start(null, null);
        if (data.length > 0) {
            stream().tryEmitNext(data.clone());
        }
    }

    /**
     * Ends the response. After the client went away this is a no-op (logged at DEBUG).
     *
     * @throws IllegalStateException when already finished
     */
    public void finish() {
        if (this.lost) {
            log.debug("finish() of {} after the client went away: nothing to do", this.uri);
            return;
        }
        if (this.finished) {
            throw new IllegalStateException("finish() called twice on " + this.uri);
        }
        start(null, null);
        this.finished = true;
        stream().tryEmitComplete();
        fireFinished();
    }

    /**
     * A Deferred that fires when the response is finished, and errbacks with
     * {@link ConnectionLostException} if the client goes away first. Called late, it has already
     * fired (Twisted's never fires, #4899).
     *
     * @return the Deferred
     */
    public Deferred<@Nullable Void> notifyFinish() {
        if (this.finished) {
            return Deferred.succeed(null);
        }
        if (this.lost) {
            return Deferred.fail(new ConnectionLostException());
        }
        Deferred<@Nullable Void> d = new Deferred<>();
        this.finishWaiters.add(d);
        return d;
    }

    /**
     * Whether {@link #finish()} was called.
     *
     * @return {@code true} once finished
     */
    public boolean isFinished() {
        return this.finished;
    }

    /**
     * Whether the client is still there, as far as is known.
     *
     * @return {@code false} once the client went away before the end
     */
    public boolean isConnected() {
        return !this.lost;
    }

    /**
     * Answers with {@code data} as the whole body, with its length. When nothing was written yet,
     * the body goes out with the status and headers in one piece, without streaming.
     *
     * @param data the body
     * @param owned whether {@code data} is a fresh array no one else holds (no copy is made then)
     */
    void respond(byte[] data, boolean owned) {
        if (this.started || this.lost || this.finished) {
            write(data);
            finish();
            return;
        }
        this.responseHeaders.setContentLength(data.length);
        start(null, owned ? data : data.clone());
        this.finished = true;
        fireFinished();
    }

    /** Answers with a file: conditional GET and Range requests are served from it. */
    void respondWithFile(Path file) {
        if (this.lost) {
            return;
        }
        if (this.started || this.finished) {
            throw new IllegalStateException("a file cannot answer " + this.uri + ": the response has already started");
        }
        start(file, null);
        this.finished = true;
        fireFinished();
    }

    /**
     * Ends a started response with an error: the connection is reset, so the client does not take a
     * truncated body for a whole one (Twisted drops the connection too).
     */
    void abort(Throwable error) {
        if (this.finished || this.lost) {
            return;
        }
        this.finished = true;
        stream().tryEmitError(error);
        List<Deferred<@Nullable Void>> waiting = new ArrayList<>(this.finishWaiters);
        this.finishWaiters.clear();
        waiting.forEach(d -> d.errback(new ConnectionLostException(error)));
    }

    /** The client went away; called on the reactor thread. */
    void connectionLost() {
        if (this.finished || this.lost) {
            return;
        }
        this.lost = true;
        List<Deferred<@Nullable Void>> waiting = new ArrayList<>(this.finishWaiters);
        this.finishWaiters.clear();
        waiting.forEach(d -> d.errback(new ConnectionLostException()));
    }

    private void start(@Nullable Path file, byte @Nullable [] content) {
        if (!this.started) {
            this.started = true;
            if (file == null && content == null) {
                // made before the head is published, so the HTTP side sees it
                this.body = Sinks.many().unicast().onBackpressureBuffer();
            }
            // no copy of the headers: once started, setHeader refuses to change them
            this.head.complete(new Head(this.code, this.responseHeaders, List.copyOf(this.cookies), file, content));
        }
    }

    private Sinks.Many<byte[]> stream() {
        Sinks.Many<byte[]> sink = this.body;
        if (sink == null) {
            // started with a file or a whole body, or never started: nothing streams
            sink = Sinks.many().unicast().onBackpressureBuffer();
            this.body = sink;
        }
        return sink;
    }

    private void fireFinished() {
        if (this.finishWaiters.isEmpty()) {
            return;
        }
        List<Deferred<@Nullable Void>> waiting = new ArrayList<>(this.finishWaiters);
        this.finishWaiters.clear();
        waiting.forEach(d -> d.callback(null));
    }

    private void checkNotStarted(String operation) {
        if (this.started) {
            throw new IllegalStateException(operation + "() after the response to " + this.uri + " has started");
        }
    }

    boolean isStarted() {
        return this.started;
    }

    CompletableFuture<Head> head() {
        return this.head;
    }

    /** The streamed body, for a head without a file or whole content; empty otherwise. */
    Flux<byte[]> body() {
        Sinks.Many<byte[]> sink = this.body;
        return (sink != null) ? sink.asFlux() : Flux.empty();
    }

    @Override
    public String toString() {
        return "<Request " + this.method + " " + this.uri + ">";
    }
}
