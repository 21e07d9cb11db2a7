package twisted.demo;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The demo's web security: the tour and the chapter pages are public, Actuator's health too;
 * every other Actuator endpoint (twisted, metrics) needs the admin user, over HTTP Basic.
 * {@code /whoami} (chapter 9) needs any user, {@code /mail/inbox} (chapter 13) and
 * {@code /ssh/run} (chapter 14) the admin. The users are Spring Boot's
 * {@code spring.security.user}, and the Twisted portal checks the very same ones.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain demoSecurity(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                .matchers(EndpointRequest.to("health")).permitAll()
                .matchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
                .pathMatchers("/whoami").authenticated()
                .pathMatchers("/mail/inbox", "/ssh/run").hasRole("ADMIN")
                .anyExchange().permitAll())
            .httpBasic(basic -> { })
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .build();
    }
}
