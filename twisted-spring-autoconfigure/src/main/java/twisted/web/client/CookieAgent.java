package twisted.web.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import twisted.defer.Deferred;

/**
 * Keeps cookies across requests: sends the ones that match each request and stores the ones each
 * response sets, in a {@link CookieManager} (the JDK's RFC 6265 cookie store), so cookies stay with
 * the domain that set them. Wrap it around a {@link RedirectAgent}'s agent to send cookies on
 * redirects too. Twisted: {@code CookieAgent}.
 *
 * @since 0.1.0
 */
public final class CookieAgent implements Agent {

    private final Agent agent;

    private final CookieManager cookies;

    /**
     * Wraps an agent with a new, empty cookie jar that accepts cookies only from the server they name.
     *
     * @param agent the agent to wrap
     */
    public CookieAgent(Agent agent) {
        this(agent, new CookieManager());
    }

    /**
     * Wraps an agent with a cookie jar of your own.
     *
     * @param agent the agent to wrap
     * @param cookies the jar
     */
    public CookieAgent(Agent agent, CookieManager cookies) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.cookies = Objects.requireNonNull(cookies, "cookies");
    }

    @Override
    public Deferred<Response> request(String method, String uri, @Nullable HttpHeaders headers, @Nullable BodyProducer body) {
        URI target = URI.create(uri);
        HttpHeaders sent = new HttpHeaders();
        if (headers != null) {
            sent.putAll(headers);
        }
        try {
            for (Map.Entry<String, List<String>> header : this.cookies.get(target, Map.of()).entrySet()) {
                if (!header.getValue().isEmpty()) {
                    sent.put(header.getKey(), header.getValue());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this.agent.request(method, uri, sent, body).thenApply(response -> {
            try {
                Map<String, List<String>> received = new java.util.LinkedHashMap<>();
                response.getHeaders().forEach(received::put);
                this.cookies.put(URI.create(response.getRequestUri()), received);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return response;
        });
    }

    /**
     * The cookie jar.
     *
     * @return the manager holding the cookies
     */
    public CookieManager getCookies() {
        return this.cookies;
    }
}
