package twisted.demo.chapter12;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import twisted.application.context.TwistedServices;
import twisted.application.internet.ClientService;
import twisted.demo.OwnService;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.internet.endpoints.ClientEndpoint;
import twisted.internet.endpoints.Endpoints;

/**
 * The bot as a service: a {@link ClientService} bean, which the starter runs with the other
 * services (so it starts after the IRC server and stops before it) and which reconnects, with
 * Twisted's back-off, whenever the connection is lost. Switched on by {@code demo.irc-bot.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("demo.irc-bot.enabled")
@EnableConfigurationProperties(EchoBotConfiguration.BotProperties.class)
class EchoBotConfiguration {

    /**
     * The bot's settings, under {@code demo.irc-bot}.
     *
     * @param enabled whether the bot runs
     * @param nickname its nick
     * @param channel the channel it joins
     * @param server where to connect, as a client endpoint ({@code tcp:host=irc.example:port=6667});
     *        unset for the demo's own {@code irc} service, wherever it listens
     */
    @ConfigurationProperties("demo.irc-bot")
    record BotProperties(boolean enabled, @Nullable String nickname, @Nullable String channel, @Nullable String server) {

        BotProperties {
            nickname = (nickname != null) ? nickname : "echobot";
            channel = (channel != null) ? channel : "#twisted";
        }
    }

    @Bean
    ClientService echobot(Reactor reactor, BotProperties properties, ObjectProvider<TwistedServices> services) {
        String nickname = properties.nickname();
        String channel = properties.channel();
        Factory bots = Factory.forProtocol(() -> new EchoBot(reactor, nickname, channel));
        ClientEndpoint endpoint = (properties.server() != null) ? Endpoints.clientFromString(reactor, properties.server())
                : new OwnService(reactor, services, "irc");
        return new ClientService("echobot", endpoint, bots, reactor);
    }
}
