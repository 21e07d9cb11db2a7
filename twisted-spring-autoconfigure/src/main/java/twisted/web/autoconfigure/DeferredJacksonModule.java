package twisted.web.autoconfigure;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import twisted.defer.Deferred;

/**
 * A Jackson module that refuses to write a {@link Deferred}. Without it Jackson writes a Deferred
 * as a bean ({@code {"called":false,"paused":false}}), and the client gets a 200 with nothing it
 * asked for. A controller may return the Deferred itself (the adapter registered for WebFlux and
 * Spring MVC awaits it); a Deferred anywhere inside a body is an error, and now says so.
 */
final class DeferredJacksonModule extends SimpleModule {

    static final String MESSAGE = "A Deferred cannot be written as JSON: its result may not be there yet. "
            + "Return the Deferred itself from the controller (with twisted.web.deferred-adapter=true, the default), "
            + "or its result; a Deferred nested in a body cannot be written";

    private static final long serialVersionUID = 1L;

    DeferredJacksonModule() {
        super("twisted-deferred-guard");
        addSerializer(Deferred.class, new RefusingSerializer());
    }

    @SuppressWarnings("rawtypes")
    private static final class RefusingSerializer extends ValueSerializer<Deferred> {

        @Override
        public void serialize(Deferred value, JsonGenerator generator, SerializationContext context)
                throws JacksonException {
            context.reportMappingProblem(MESSAGE);
        }
    }
}
