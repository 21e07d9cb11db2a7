package twisted.application.testmakers;

import java.nio.charset.StandardCharsets;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * A test-only maker with options: answers every connection's first bytes with the configured
 * greeting, then hangs up.
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

    @Override
    public Service makeService(ServiceMakerContext context, Options options) {
        return context.listen(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                this.transport.write(options.greeting().getBytes(StandardCharsets.UTF_8));
                this.transport.loseConnection();
            }
        }));
    }
}
