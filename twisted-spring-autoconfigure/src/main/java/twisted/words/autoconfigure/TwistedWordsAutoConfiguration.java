package twisted.words.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.cluster.Cluster;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.words.tap.IRCServiceMaker;

/**
 * Registers the IRC server's {@link IRCServiceMaker}, so that
 * {@code twisted.services.irc.enabled=true} is all an application needs. Its logins go through the
 * application's {@link Portal} (asked for only when the service is switched on) and
 * {@link LoginThrottle}; with a {@link Cluster} bean, the server is one node of an IRC network
 * of identical nodes. Backs off when the application defines its own {@code IRCServiceMaker}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedCredAutoConfiguration.class, before = TwistedServicesAutoConfiguration.class)
@ConditionalOnClass(PasswordEncoder.class)
public final class TwistedWordsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IRCServiceMaker ircServiceMaker(ObjectProvider<Portal> portal, ObjectProvider<LoginThrottle> throttle,
            ObjectProvider<Cluster> cluster) {
        return new IRCServiceMaker(portal::getIfUnique, throttle::getIfUnique, cluster::getIfUnique);
    }
}
