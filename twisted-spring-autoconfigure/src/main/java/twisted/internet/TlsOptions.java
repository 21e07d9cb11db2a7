package twisted.internet;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * How to run TLS on a connection, in JDK terms so that a Spring Boot SSL bundle
 * ({@code bundle.createSslContext()}) or any {@link SSLContext} can be used.
 *
 * <p>Clients verify the server's host name by default, unlike Twisted's {@code connectSSL}; turn
 * it off only on purpose, with {@link #withoutHostnameVerification()}.
 *
 * <p>Twisted: {@code ContextFactory}, {@code optionsForClientTLS}.
 *
 * @param context the JDK TLS context (keys and trust)
 * @param client whether this side starts the handshake
 * @param hostname the host name the server's certificate must match; client side only
 * @param verifyHostname whether to check the certificate against {@code hostname}
 * @param applicationProtocols ALPN protocol names to offer, in order of preference
 * @since 0.1.0
 */
public record TlsOptions(SSLContext context, boolean client, @Nullable String hostname, boolean verifyHostname,
        List<String> applicationProtocols) {

    /**
     * Validates the options.
     */
    public TlsOptions {
        Objects.requireNonNull(context, "context");
        applicationProtocols = List.copyOf(applicationProtocols);
        if (client && verifyHostname && hostname == null) {
            throw new IllegalArgumentException("a client verifying host names needs the hostname to verify");
        }
    }

    /**
     * Server-side TLS with the keys of {@code context}.
     *
     * @param context holds the server's key and certificate chain
     * @return the options
     */
    public static TlsOptions server(SSLContext context) {
        return new TlsOptions(context, false, null, false, List.of());
    }

    /**
     * Client-side TLS that trusts what {@code context} trusts and checks that the server's
     * certificate is for {@code hostname}.
     *
     * @param context holds the trusted certificates (and a client key, if any)
     * @param hostname the name the server's certificate must carry
     * @return the options
     */
    public static TlsOptions client(SSLContext context, String hostname) {
        return new TlsOptions(context, true, Objects.requireNonNull(hostname, "hostname"), true, List.of());
    }

    /**
     * Client-side TLS trusting the JVM's default trust store, checking {@code hostname}.
     *
     * @param hostname the name the server's certificate must carry
     * @return the options
     */
    public static TlsOptions client(String hostname) {
        try {
            return client(SSLContext.getDefault(), hostname);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JVM has no default TLS context", ex);
        }
    }

    /**
     * The same options without host name verification: any certificate the context trusts is
     * accepted, whatever name it carries. Only for tests and closed networks.
     *
     * @return new options
     */
    public TlsOptions withoutHostnameVerification() {
        return new TlsOptions(this.context, this.client, this.hostname, false, this.applicationProtocols);
    }

    /**
     * The same options, offering these ALPN protocols.
     *
     * @param protocols protocol names, most preferred first
     * @return new options
     */
    public TlsOptions withApplicationProtocols(List<String> protocols) {
        return new TlsOptions(this.context, this.client, this.hostname, this.verifyHostname, protocols);
    }
}
