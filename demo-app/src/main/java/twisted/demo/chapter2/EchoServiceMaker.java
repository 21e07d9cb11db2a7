package twisted.demo.chapter2;

import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.protocols.wire.Echo;

/**
 * The {@code echo} service: the book's echo server ({@link Echo}). Switch it on with
 * {@code twisted.services.echo.enabled=true}; it listens on {@code tcp:8007} unless
 * {@code twisted.services.echo.endpoint} says otherwise.
 */
public final class EchoServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {

    @Override
    public String getName() {
        return "echo";
    }

    @Override
    public String getDescription() {
        return "Echo server (chapter 2): writes back every byte it receives";
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
        Factory factory = Factory.forProtocol(Echo::new);
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
