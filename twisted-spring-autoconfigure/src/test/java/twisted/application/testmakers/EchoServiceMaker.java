package twisted.application.testmakers;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.protocols.wire.Echo;

/**
 * A test-only maker, found through {@code META-INF/services} of the test class path: RFC 862 echo.
 * It holds no code beyond building its factory, so whatever the starter reports about it
 * (properties, limits, port, health, metrics, Actuator) comes from the shared service path.
 */
public class EchoServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {

    @Override
    public String getName() {
        return "echo";
    }

    @Override
    public String getDescription() {
        return "Echo for the tests";
    }

    @Override
    public Class<NoOptions> getOptionsType() {
        return NoOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8007";
    }

    @Override
    public Service makeService(ServiceMakerContext context, NoOptions options) {
        return context.listen(Factory.forProtocol(Echo::new));
    }
}
