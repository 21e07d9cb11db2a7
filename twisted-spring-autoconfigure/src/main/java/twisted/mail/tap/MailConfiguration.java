package twisted.mail.tap;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.internet.TlsOptions;
import twisted.mail.MailStore;

/**
 * What the mail services share: where mail goes, who may log in, and the TLS bundles.
 *
 * @param hostname the servers' host name (greetings, Received headers)
 * @param domains the local domains mail is accepted for
 * @param store gives the store (asked only when a service is made)
 * @param portal gives the portal logins go through, or {@code null}
 * @param throttle gives the login throttle, or {@code null}
 * @param sslContexts gives the SSL context of a Spring Boot SSL bundle by name, or {@code null}
 *        when there are no bundles
 * @since 0.1.0
 */
public record MailConfiguration(String hostname, Set<String> domains, Supplier<MailStore> store,
        Supplier<@Nullable Portal> portal, Supplier<@Nullable LoginThrottle> throttle,
        @Nullable Function<String, SSLContext> sslContexts) {

    /** The server TLS options of a bundle, or none when no bundle is named. */
    @Nullable TlsOptions tls(@Nullable String bundle, String property) {
        if (bundle == null || bundle.isBlank()) {
            return null;
        }
        if (this.sslContexts == null) {
            throw new IllegalStateException(property + " names the SSL bundle '" + bundle
                    + "' but there are no spring.ssl.bundle.* bundles");
        }
        return TlsOptions.server(this.sslContexts.apply(bundle));
    }
}
