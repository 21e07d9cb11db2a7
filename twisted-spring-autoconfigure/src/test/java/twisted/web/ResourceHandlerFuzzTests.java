package twisted.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Flux;
import twisted.defer.Deferred;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: a request's path, query, cookies, credentials and form body, as a resource tree
 * mounted at {@code /web} with {@link ResourceHandler#mount} sees them. The input is text, one
 * field a line: the method; the request target (path and query); the {@code Cookie} header;
 * {@code user:password} for HTTP Basic (or {@code !} and a raw {@code Authorization} value); the
 * {@code Content-Type}; then the body. It goes through the public entry points only (WebFlux's
 * request as a test server builds it, the cookies decoded as Reactor Netty decodes them), so it
 * holds whatever the handler does inside. For every request:
 * <ul>
 * <li>the exchange completes, and never with a server error (5xx); a 405 carries {@code Allow};</li>
 * <li>a resource that renders sees as many path segments (prepath and postpath together) as the
 * path has below the mount: a percent-encoded slash never splits a segment; when the path holds no
 * {@code %}, the segments are the path's, as sent;</li>
 * <li>the arguments have no null names or values, and each {@code name=value} pair of the query or
 * of a urlencoded form body whose name and value are plain (letters, digits, {@code -._~}) is
 * there with its value;</li>
 * <li>{@code getCookie(name)} is the first value sent for that name;</li>
 * <li>Basic credentials read back as the user (up to the first colon) and password that were
 * sent; malformed ones read as none, never as an error.</li>
 * </ul>
 * This target finds problems in the web package; they are reported, with the reproducer, rather
 * than worked around here.
 */
class ResourceHandlerFuzzTests {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    // \z, not $: $ also matches before a final line end, which is part of the last value
    private static final Pattern PLAIN_PAIR = Pattern.compile("(?:^|&)([A-Za-z0-9._~-]+)=([A-Za-z0-9._~-]*)(?=&|\\z)");

    private static final Observation observed = new Observation();

    private static final HttpHandler handler = handler();

    @FuzzTest
    void requestsAreParsedIntoTheDocumentedArgumentsPathsAndCookies(byte[] input) {
        String[] fields = new String(input, StandardCharsets.UTF_8).split("\n", 6);
        String method = field(fields, 0);
        String target = field(fields, 1);
        if (!TOKEN.matcher(method).matches() || !target.startsWith("/")) {
            return;
        }
        URI uri;
        try {
            uri = new URI("http://localhost" + target);
        }
        catch (URISyntaxException ex) {
            return;
        }
        MockServerHttpRequest.BodyBuilder builder = MockServerHttpRequest.method(HttpMethod.valueOf(method), uri);
        Map<String, String> firstCookies = new LinkedHashMap<>();
        for (Cookie cookie : ServerCookieDecoder.STRICT.decodeAll(field(fields, 2))) {
            builder.cookie(new HttpCookie(cookie.name(), cookie.value()));
            firstCookies.putIfAbsent(cookie.name(), cookie.value());
        }
        String credentials = field(fields, 3);
        if (credentials.startsWith("!")) {
            builder.header(HttpHeaders.AUTHORIZATION, credentials.substring(1));
        }
        else if (!credentials.isEmpty()) {
            builder.header(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        String contentType = field(fields, 4);
        if (springCannotParse(contentType)) {
            return;
        }
        if (!contentType.isEmpty()) {
            builder.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        String body = field(fields, 5);
        // The body as bytes: the builder's body(String) would parse the Content-Type itself, first.
        MockServerHttpRequest request = body.isEmpty() ? builder.build()
                : builder.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body.getBytes(StandardCharsets.UTF_8))));
        MockServerHttpResponse response = new MockServerHttpResponse();

        observed.reset(firstCookies.keySet());
        handler.handle(request, response).block(Duration.ofSeconds(30));
        if (observed.error != null) {
            throw new AssertionError("a resource's view of the request failed", observed.error);
        }
        HttpStatusCode status = (response.getStatusCode() != null) ? response.getStatusCode() : HttpStatusCode.valueOf(200);
        assertThat(status.is5xxServerError()).as("server error %s for %s", status, target).isFalse();
        if (status.value() == 405) {
            // RFC 9110 15.5.6: a 405 carries Allow; empty when the resource renders no method at all
            // (a resource with children only, requested itself: the fuzzer's "GEGT /web/later")
            assertThat(response.getHeaders().getFirst(HttpHeaders.ALLOW)).as("Allow of a 405").isNotNull();
        }
        if (!observed.rendered) {
            return;
        }
        checkPath(uri.getRawPath());
        checkArguments(uri.getRawQuery(), request, body);
        firstCookies.forEach((name, value) -> assertThat(observed.cookies.get(name)).as("cookie %s", name).isEqualTo(value));
        if (!credentials.isEmpty() && !credentials.startsWith("!")) {
            int colon = credentials.indexOf(':');
            assertThat(observed.user).as("user").isEqualTo((colon < 0) ? null : credentials.substring(0, colon));
            assertThat(observed.password).as("password").isEqualTo((colon < 0) ? null : credentials.substring(colon + 1));
        }
    }

    private static void checkPath(String rawPath) {
        String below = rawPath.substring("/web".length());
        List<String> segments = below.isEmpty() ? List.of() : Arrays.asList(below.substring(1).split("/", -1));
        List<String> seen = new ArrayList<>(observed.prepath);
        seen.addAll(observed.postpath);
        assertThat(seen).as("segments of %s", rawPath).hasSameSizeAs(segments);
        if (!rawPath.contains("%")) {
            assertThat(seen).as("segments of %s", rawPath).isEqualTo(segments);
        }
    }

    private static void checkArguments(@Nullable String rawQuery, MockServerHttpRequest request, String body) {
        observed.args.forEach((name, values) -> {
            assertThat(name).as("argument name").isNotNull();
            assertThat(values).as("values of argument %s", name).isNotEmpty().doesNotContainNull();
        });
        checkPlainPairs(rawQuery);
        if (request.getMethod() == HttpMethod.POST && "application/x-www-form-urlencoded"
                .equalsIgnoreCase(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            checkPlainPairs(body);
        }
    }

    private static void checkPlainPairs(@Nullable String pairs) {
        if (pairs == null) {
            return;
        }
        Matcher plain = PLAIN_PAIR.matcher(pairs);
        while (plain.find()) {
            assertThat(observed.args.get(plain.group(1))).as("argument %s of %s", plain.group(1), pairs)
                    .contains(plain.group(2));
        }
    }

    private static String field(String[] fields, int index) {
        return (index < fields.length) ? fields[index] : "";
    }

    private static HttpHandler handler() {
        Resource root = new Echo(false);
        root.putChild("echo", new Echo(true));
        root.putChild("dyn", new Dynamic());
        root.putChild("later", new Later());
        return RouterFunctions.toHttpHandler(ResourceHandler.mount("/web", root, new MemoryReactor(), 4096));
    }

    /** What the last resource to render saw of its request. */
    static final class Observation {

        boolean rendered;

        @Nullable RuntimeException error;

        List<String> cookieNames = List.of();

        List<String> prepath = List.of();

        List<String> postpath = List.of();

        Map<String, List<String>> args = Map.of();

        Map<String, @Nullable String> cookies = new LinkedHashMap<>();

        @Nullable String user;

        @Nullable String password;

        void reset(Collection<String> cookieNames) {
            this.rendered = false;
            this.error = null;
            this.cookieNames = List.copyOf(cookieNames);
            this.cookies = new LinkedHashMap<>();
            this.user = null;
            this.password = null;
        }

        Object record(Request request) {
            try {
                this.prepath = List.copyOf(request.getPrepath());
                this.postpath = List.copyOf(request.getPostpath());
                this.args = request.getArgs();
                for (String name : this.cookieNames) {
                    this.cookies.put(name, request.getCookie(name));
                }
                this.user = request.getUser();
                this.password = request.getPassword();
                this.rendered = true;
            }
            catch (RuntimeException ex) {
                this.error = ex;
                throw ex;
            }
            return "ok";
        }
    }

    /** Renders GET and POST, recording what it sees; a leaf takes the rest of the path as its postpath. */
    static final class Echo extends Resource {

        private final boolean leaf;

        Echo(boolean leaf) {
            this.leaf = leaf;
        }

        @Override
        public boolean isLeaf() {
            return this.leaf;
        }

        @Override
        protected Object renderGET(Request request) {
            return observed.record(request);
        }

        @Override
        protected Object renderPOST(Request request) {
            return observed.record(request);
        }
    }

    /** Has a child for every segment: the whole path is traversed. */
    static final class Dynamic extends Resource {

        @Override
        public Object getChild(String path, Request request) {
            return new Dynamic();
        }

        @Override
        protected Object renderGET(Request request) {
            return observed.record(request);
        }

        @Override
        protected Object renderPOST(Request request) {
            return observed.record(request);
        }
    }

    /** Finds its children later, through a Deferred. */
    static final class Later extends Resource {

        @Override
        public Object getChild(String path, Request request) {
            return Deferred.succeed(new Dynamic());
        }
    }

    /**
     * Spring Framework 7.0's {@code MimeTypeUtils} throws {@code StringIndexOutOfBoundsException},
     * not {@code InvalidMediaTypeException}, for some malformed types (a leading quote:
     * {@code "application/x-www-form-urlencoded}), and WebFlux's exchange parses the type before any
     * handler runs, so every WebFlux application answers those requests the same way, ours or not.
     * Found by this target on 2 December 2026; to be reported upstream; out of this target's reach.
     */
    private static boolean springCannotParse(String contentType) {
        if (contentType.isEmpty()) {
            return false;
        }
        try {
            MediaType.parseMediaType(contentType);
            return false;
        }
        catch (InvalidMediaTypeException ex) {
            return false; // handled by WebFlux and by the tree: no 500 expected
        }
        catch (RuntimeException ex) {
            return true;
        }
    }
}
