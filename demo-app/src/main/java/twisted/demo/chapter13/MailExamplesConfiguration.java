package twisted.demo.chapter13;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import twisted.application.context.TwistedServices;
import twisted.demo.OwnService;
import twisted.internet.Reactor;
import twisted.mail.smtp.SMTPClientOptions;
import twisted.mail.smtp.SMTPSender;

/**
 * The mail examples' clients: an {@link SMTPSender} whose smarthost is the demo's own smtp
 * service, wherever it listens. An application sending through a real relay sets
 * {@code twisted.mail.smarthost.*} instead and gets its sender from the starter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailExamplesConfiguration.MailExamplesProperties.class)
class MailExamplesConfiguration {

    /**
     * The examples' settings, under {@code demo.mail}.
     *
     * @param from the sender of the messages the examples send
     * @param user whose mailbox {@code /mail/inbox} reads over POP3
     * @param password that user's password, for the POP3 login
     * @param to where a message goes when the request names no recipient
     */
    @ConfigurationProperties("demo.mail")
    record MailExamplesProperties(@DefaultValue("demo@demo.local") String from, @DefaultValue("admin") String user,
            String password, @DefaultValue("admin@demo.local") List<String> to) {

        @Override
        public String toString() {
            return "MailExamplesProperties[from=" + this.from + ", user=" + this.user + ", to=" + this.to + "]";
        }
    }

    @Bean
    SMTPSender demoMailSender(Reactor reactor, ObjectProvider<TwistedServices> services) {
        return new SMTPSender(reactor, new OwnService(reactor, services, "smtp"),
                SMTPClientOptions.defaults().withHeloName("demo.local").withTlsHostname("localhost"));
    }
}
