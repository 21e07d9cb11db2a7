package twisted.application;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import twisted.application.service.Service;

/**
 * A plugin that builds a named service from its options: Twisted's {@code IServiceMaker}, the
 * thing behind {@code twistd NAME}. Makers are found as Spring beans and with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/twisted.application.ServiceMaker}), so a jar on the classpath adds a
 * service the way a Twisted dropin plugin does. The Spring Boot starter switches a maker's
 * service on with {@code twisted.services.<name>.enabled=true}, listens on
 * {@code twisted.services.<name>.endpoint}, and binds {@code twisted.services.<name>.options.*}
 * to the maker's {@link #getOptionsType() options type}. A maker whose protocol closes silent
 * connections itself says so with {@link #getDefaultIdleTimeout()}.
 *
 * <pre>{@code
 * public final class EchoServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {
 *     public String getName() { return "echo"; }
 *     public String getDescription() { return "RFC 862 echo"; }
 *     public Class<NoOptions> getOptionsType() { return NoOptions.class; }
 *     public Service makeService(ServiceMakerContext context, NoOptions options) {
 *         return context.listen(Factory.forProtocol(Echo::new));
 *     }
 * }
 * }</pre>
 *
 * @param <O> the options type: a record or bean that configuration binds to
 * @since 0.1.0
 */
public interface ServiceMaker<O> {

    /**
     * How long a connection may stay silent (nothing received) before the starter closes it,
     * for a service whose maker does not {@linkplain #getDefaultIdleTimeout() say otherwise} and
     * for a {@code Factory} bean's service: 10 minutes.
     */
    Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /**
     * The service's name: the key under {@code twisted.services}. Twisted: {@code tapname}.
     *
     * @return a short name such as {@code echo}
     */
    String getName();

    /**
     * What the service does, for humans (Actuator shows it).
     *
     * @return one sentence
     */
    String getDescription();

    /**
     * The type {@code twisted.services.<name>.options.*} binds to; its constructor defaults apply
     * when nothing is set. Twisted: {@code options}.
     *
     * @return the options class
     */
    Class<O> getOptionsType();

    /**
     * Where the service listens when no endpoint is configured.
     *
     * @return an endpoint description such as {@code tcp:8007}, or {@code null} to require one
     */
    default @Nullable String getDefaultEndpoint() {
        return null;
    }

    /**
     * How long a connection of the service may stay silent (nothing received) before the starter
     * closes it, when {@code twisted.services.<name>.idle-timeout} is not set; a value set there
     * wins. That close says nothing to the peer: it is a backstop for protocols without a timeout
     * of their own. A maker whose protocol has one (IMAP's {@code * BYE}, SMTP's {@code 421})
     * returns {@code null}, so that the protocol's own applies alone, in the protocol's terms and
     * at its length: a shorter backstop would end the connection first, without a word. Return
     * {@code null} only if the protocol times out a silent peer in every state of the connection
     * (time the peer spends waiting for the server, such as SMTP's delivery, may rightly not
     * count); otherwise return a time longer than the protocol's own.
     *
     * <p>Called once per build of the service, on the thread building the application context.
     *
     * <pre>{@code
     * // the protocol closes silent clients itself, with its own goodbye
     * public @Nullable Duration getDefaultIdleTimeout() {
     *     return null;
     * }
     * }</pre>
     *
     * @return the time, {@link #DEFAULT_IDLE_TIMEOUT} unless overridden, or {@code null} for
     *         none: the protocol keeps its own
     */
    default @Nullable Duration getDefaultIdleTimeout() {
        return DEFAULT_IDLE_TIMEOUT;
    }

    /**
     * Builds the service; it is started later, with the others.
     *
     * @param context the reactor, the configured endpoint and limits
     * @param options the bound options
     * @return the service
     */
    Service makeService(ServiceMakerContext context, O options);

    /** The options type of a maker that has none. */
    record NoOptions() {
    }
}
