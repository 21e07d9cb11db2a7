package twisted.internet.endpoints;

import java.util.List;
import java.util.Map;

import twisted.internet.Reactor;

/**
 * A plugin that adds a type of server endpoint string, found with {@link java.util.ServiceLoader}
 * (list the class in {@code META-INF/services/twisted.internet.endpoints.ServerEndpointParser}).
 * Twisted: {@code IStreamServerEndpointStringParser}.
 *
 * @since 0.1.0
 */
public interface ServerEndpointParser {

    /**
     * The type this plugin handles, the part before the first colon.
     *
     * @return the prefix, for example {@code le}
     */
    String prefix();

    /**
     * Builds the endpoint.
     *
     * @param reactor the reactor to listen on
     * @param positional the positional arguments, unescaped
     * @param keywords the {@code key=value} arguments, unescaped, in order
     * @return the endpoint
     * @throws IllegalArgumentException when the arguments are wrong; say which
     */
    ServerEndpoint parse(Reactor reactor, List<String> positional, Map<String, String> keywords);
}
