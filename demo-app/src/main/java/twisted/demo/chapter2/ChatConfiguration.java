package twisted.demo.chapter2;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import twisted.cluster.Cluster;

/**
 * The chat service as a bean, so that it finds the application's {@link Cluster} when there is
 * one (the echo and quote services are found through {@code META-INF/services}, as twistd plugins).
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    ChatServiceMaker chatServiceMaker(ObjectProvider<Cluster> cluster) {
        return new ChatServiceMaker(cluster.getIfAvailable());
    }
}
