package twisted.demo.cred;

import org.springframework.stereotype.Component;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.service.Service;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;

/**
 * The {@code echo-cred} service: chapter 9's echo server behind a login. A bean rather than a
 * {@code ServiceLoader} plugin, because it needs the application's {@link Portal}; switch it on
 * with {@code twisted.services.echo-cred.enabled=true}.
 */
@Component
class CredEchoServiceMaker implements ServiceMaker<ServiceMaker.NoOptions> {

    private final Portal portal;

    private final LoginThrottle throttle;

    CredEchoServiceMaker(Portal portal, LoginThrottle throttle) {
        this.portal = portal;
        this.throttle = throttle;
    }

    @Override
    public String getName() {
        return "echo-cred";
    }

    @Override
    public String getDescription() {
        return "Echo server behind a login (chapter 9): checks <username> <password> through the portal, then echoes";
    }

    @Override
    public Class<NoOptions> getOptionsType() {
        return NoOptions.class;
    }

    @Override
    public String getDefaultEndpoint() {
        return "tcp:8009";
    }

    @Override
    public Service makeService(ServiceMakerContext context, NoOptions options) {
        CredEchoFactory factory = new CredEchoFactory(this.portal, this.throttle);
        factory.setNoisy(false);
        return context.listen(factory);
    }
}
