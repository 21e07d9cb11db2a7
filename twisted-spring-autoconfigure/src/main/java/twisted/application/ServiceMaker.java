package twisted.application;

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
 * to the maker's {@link #getOptionsType() options type}.
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
