package twisted.demo.cred;

import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/** Builds a {@link CredEchoProtocol} per connection, all sharing the portal and the throttle. Twisted (the book): {@code EchoFactory}. */
class CredEchoFactory extends Factory {

    private final Portal portal;

    private final LoginThrottle throttle;

    CredEchoFactory(Portal portal, LoginThrottle throttle) {
        this.portal = portal;
        this.throttle = throttle;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        CredEchoProtocol protocol = new CredEchoProtocol(this.portal, this.throttle);
        protocol.setFactory(this);
        return protocol;
    }
}
