package twisted.application.autoconfigure.plugin;

import java.nio.charset.StandardCharsets;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * A third-party plugin for the tests: it is only found when a jar listing it in
 * {@code META-INF/services} is on the class path.
 */
public class DaytimeServiceMaker implements ServiceMaker<DaytimeServiceMaker.Options> {

    /**
     * @param greeting what to send each client
     */
    public record Options(String greeting) {

        public Options {
            if (greeting == null) {
                greeting = "It is always teatime";
            }
        }
    }

    @Override
    public String getName() {
        return "daytime";
    }

    @Override
    public String getDescription() {
        return "Sends a line and hangs up";
    }

    @Override
    public Class<Options> getOptionsType() {
        return Options.class;
    }

    @Override
    public Service makeService(ServiceMakerContext context, Options options) {
        Factory factory = Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write((options.greeting() + "\r\n").getBytes(StandardCharsets.UTF_8));
                this.transport.loseConnection();
            }
        });
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
