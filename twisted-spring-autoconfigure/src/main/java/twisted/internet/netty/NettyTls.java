package twisted.internet.netty;

import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import twisted.internet.TlsOptions;

/** Builds the {@link SslHandler} for a connection from {@link TlsOptions}. */
final class NettyTls {

    static final String HANDLER_NAME = "twisted-tls";

    private NettyTls() {
    }

    static SslHandler newHandler(TlsOptions options, String peerHost, int peerPort) {
        String hostname = (options.hostname() != null) ? options.hostname() : peerHost;
        SSLEngine engine = options.client() ? options.context().createSSLEngine(hostname, peerPort)
                : options.context().createSSLEngine();
        engine.setUseClientMode(options.client());
        SSLParameters parameters = engine.getSSLParameters();
        if (options.client()) {
            if (options.verifyHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!NetUtil.isValidIpV4Address(hostname) && !NetUtil.isValidIpV6Address(hostname)) {
                parameters.setServerNames(List.of(new SNIHostName(hostname)));
            }
        }
        if (!options.applicationProtocols().isEmpty()) {
            parameters.setApplicationProtocols(options.applicationProtocols().toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        return new SslHandler(engine);
    }
}
