package twisted.conch.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.sshd.server.SshServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.conch.SSHCommand;
import twisted.conch.ShellFactory;
import twisted.conch.checkers.AuthorizedKeys;
import twisted.conch.tap.ConchServiceMaker;
import twisted.conch.tap.ManholeServiceMaker;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.UserRoles;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;

/**
 * Registers the SSH services' makers, so that {@code twisted.services.ssh.enabled=true} (an SSH
 * server with the application's {@link ShellFactory} and {@link SSHCommand} beans) and
 * {@code twisted.services.manhole.enabled=true} (an administrative JShell) are all an application
 * needs. Logins go through the application's {@link Portal} and {@link LoginThrottle}; public keys
 * also come from an {@link AuthorizedKeys} bean. Each maker backs off when the application defines
 * its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedCredAutoConfiguration.class, before = TwistedServicesAutoConfiguration.class)
@ConditionalOnClass({ SshServer.class, PasswordEncoder.class })
public final class TwistedConchAutoConfiguration {

    TwistedConchAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ConchServiceMaker sshServiceMaker(ObjectProvider<Portal> portal, ObjectProvider<LoginThrottle> throttle,
            ObjectProvider<ShellFactory> shell, ObjectProvider<SSHCommand> commands,
            ObjectProvider<AuthorizedKeys> keys) {
        return new ConchServiceMaker(portal::getIfUnique, throttle::getIfUnique, shell::getIfUnique,
                () -> commands.orderedStream().toList(), keys::getIfUnique);
    }

    @Bean
    @ConditionalOnMissingBean
    ManholeServiceMaker manholeServiceMaker(ObjectProvider<Portal> portal, ObjectProvider<LoginThrottle> throttle,
            ObjectProvider<UserRoles> roles, ObjectProvider<AuthorizedKeys> keys, ApplicationContext context) {
        return new ManholeServiceMaker(portal::getIfUnique, throttle::getIfUnique, roles::getIfUnique,
                keys::getIfUnique, () -> namespace(context));
    }

    /**
     * The application's beans already made (lazy ones are not made for this), by name, and the
     * context itself as {@code context}.
     */
    static Map<String, Object> namespace(ApplicationContext context) {
        Map<String, Object> namespace = new LinkedHashMap<>();
        if (context instanceof ConfigurableApplicationContext configurable) {
            ConfigurableListableBeanFactory beans = configurable.getBeanFactory();
            for (String name : beans.getSingletonNames()) {
                Object bean = beans.getSingleton(name);
                if (bean != null) {
                    namespace.put(name, bean);
                }
            }
        }
        namespace.put("context", context);
        return namespace;
    }
}
