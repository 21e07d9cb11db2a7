package twisted.web.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Protocol;

/**
 * Follows redirects, by RFC 9110's rules: 303 becomes a GET (a HEAD stays a HEAD); 307 and 308
 * keep the method and send the body again; 301 and 302 keep the method, except that a POST
 * becomes a GET, as browsers do. Credentials and cookies ({@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie}) are not sent to another origin. After
 * {@code limit} redirects it fails with {@link InfiniteRedirectionException}; a redirect without a
 * {@code Location} fails with {@link RedirectWithNoLocationException}.
 *
 * <p>Twisted: {@code RedirectAgent}, which refuses to follow 301/302/307/308 for anything but GET
 * and HEAD, and {@code BrowserLikeRedirectAgent}, which wrongly turns 308 into GET.
 *
 * @since 0.1.0
 */
public final class RedirectAgent implements Agent {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static final List<String> SENSITIVE = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION,
            HttpHeaders.COOKIE);

    private final Agent agent;

    private final int limit;

    /**
     * Wraps an agent, following up to 20 redirects as Twisted does.
     *
     * @param agent the agent to wrap
     */
    public RedirectAgent(Agent agent) {
        this(agent, 20);
    }

    /**
     * Wraps an agent.
     *
     * @param agent the agent to wrap
     * @param limit the most redirects to follow for one request
     */
    public RedirectAgent(Agent agent, int limit) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.limit = limit;
    }

    @Override
    public Deferred<Response> request(String method, String uri, @Nullable HttpHeaders headers, @Nullable BodyProducer body) {
        return follow(method, uri, headers, body, null, 0);
    }

    private Deferred<Response> follow(String method, String uri, @Nullable HttpHeaders headers, @Nullable BodyProducer body,
            @Nullable Response previous, int redirects) {
        return this.agent.request(method, uri, headers, body).thenCompose(response -> {
            if (previous != null) {
                response.withPrevious(previous);
            }
            if (!REDIRECTS.contains(response.getCode())) {
                return Deferred.succeed(response);
            }
            discard(response);
            String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
            if (location == null) {
                return Deferred.fail(new RedirectWithNoLocationException(response.getCode() + " from " + uri
                        + " has no Location header"));
            }
            if (redirects >= this.limit) {
                return Deferred.fail(new InfiniteRedirectionException("more than " + this.limit + " redirects, the last from "
                        + uri + " to " + location));
            }
            String next = URI.create(uri).resolve(location).toString();
            String nextMethod = method;
            BodyProducer nextBody = body;
            int code = response.getCode();
            if ((code == 303 && !method.equals("HEAD")) || ((code == 301 || code == 302) && method.equals("POST"))) {
                nextMethod = "GET";
                nextBody = null;
            }
            HttpHeaders nextHeaders = sameOrigin(uri, next) ? headers : withoutSensitive(headers);
            if (nextBody == null && nextHeaders != null) {
                nextHeaders = withoutBodyHeaders(nextHeaders);
            }
            return follow(nextMethod, next, nextHeaders, nextBody, response, redirects + 1);
        });
    }

    private static void discard(Response response) {
        response.deliverBody(new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
            }
        });
    }

    static boolean sameOrigin(String from, String to) {
        URI a = URI.create(from);
        URI b = URI.create(to);
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return (uri.getPort() >= 0) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    }

    private static @Nullable HttpHeaders withoutSensitive(@Nullable HttpHeaders headers) {
        if (headers == null) {
            return null;
        }
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        SENSITIVE.forEach(copy::remove);
        return copy;
    }

    private static HttpHeaders withoutBodyHeaders(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.remove(HttpHeaders.CONTENT_TYPE);
        copy.remove(HttpHeaders.CONTENT_LENGTH);
        return copy;
    }
}
