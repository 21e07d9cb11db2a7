package twisted.application.testmakers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.application.service.ServiceMeter;
import twisted.application.service.ServiceMonitor;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.ShutdownNotice;

/**
 * A test-only maker with options: answers every connection's first bytes with the configured
 * greeting, then hangs up; says "Vale" to a connection still open when the service stops; counts
 * its greetings in a {@link ServiceMonitor}.
 */
public class GreetingServiceMaker implements ServiceMaker<GreetingServiceMaker.Options> {

    /**
     * The options, under {@code twisted.services.greeting.options}.
     *
     * @param greeting what to send
     */
    public record Options(String greeting) {

        /**
         * Applies the default greeting.
         */
        public Options {
            if (greeting == null) {
                greeting = "An apple a day keeps the doctor away";
            }
        }
    }

    @Override
    public String getName() {
        return "greeting";
    }

    @Override
    public String getDescription() {
        return "Greeting for the tests";
    }

    @Override
    public Class<Options> getOptionsType() {
        return Options.class;
    }

    /** Counts greetings, as a protocol's own statistic: shown by Actuator and Micrometer through the monitor. */
    private final AtomicLong greeted = new AtomicLong();

    @Override
    public Service makeService(ServiceMakerContext context, Options options) {
        ServiceMonitor monitor = new ServiceMonitor() {
            @Override
            public Map<String, Object> details() {
                return Map.of("greeted", GreetingServiceMaker.this.greeted.get());
            }

            @Override
            public List<ServiceMeter> meters() {
                return List.of(ServiceMeter.counter("twisted.greeting.greeted", "Greetings sent",
                        GreetingServiceMaker.this.greeted::get).tag("language", "latin"));
            }
        };
        return context.listen(Factory.forProtocol(() -> new Greeting(options.greeting())), monitor);
    }

    /** Greets on the first bytes, and says goodbye when the service stops first. */
    private final class Greeting extends Protocol implements ShutdownNotice {

        private final String greeting;

        Greeting(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void dataReceived(byte[] data) {
            this.transport.write(this.greeting.getBytes(StandardCharsets.UTF_8));
            GreetingServiceMaker.this.greeted.incrementAndGet();
            this.transport.loseConnection();
        }

        @Override
        public void serviceStopping() {
            this.transport.write("Vale".getBytes(StandardCharsets.UTF_8));
        }
    }
}
