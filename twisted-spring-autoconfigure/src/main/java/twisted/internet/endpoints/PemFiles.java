package twisted.internet.endpoints;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * TLS contexts from PEM files, as Twisted's {@code ssl:} and {@code tls:} strings name them,
 * using the JDK's own X.509 and PKCS#8 support. Private keys must be unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}); convert others with {@code openssl pkcs8 -topk8 -nocrypt}.
 */
final class PemFiles {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    static SSLContext serverContext(Path privateKey, Path certificates, @Nullable Path extraChain)
            throws IOException, GeneralSecurityException {
        PrivateKey key = privateKey(privateKey);
        List<Certificate> chain = new ArrayList<>(certificates(certificates));
        if (extraChain != null) {
            chain.addAll(certificates(extraChain));
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certificates);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setKeyEntry("server", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A context trusting the certificates in a PEM file, or in every file of a directory. */
    static SSLContext trustContext(Path roots) throws IOException, GeneralSecurityException {
        List<Certificate> trusted = new ArrayList<>();
        if (Files.isDirectory(roots)) {
            try (Stream<Path> files = Files.list(roots)) {
                for (Path file : files.sorted().toList()) {
                    trusted.addAll(certificates(file));
                }
            }
        }
        else {
            trusted.addAll(certificates(roots));
        }
        if (trusted.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + roots);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            store.setCertificateEntry("root-" + i, trusted.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher matcher = PRIVATE_KEY.matcher(pem);
        if (!matcher.find()) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 private key (BEGIN PRIVATE KEY) in " + file
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(matcher.group(1));
        }
        catch (IllegalArgumentException ex) {
            throw new GeneralSecurityException("the private key in " + file + " is not valid Base64: " + ex.getMessage(), ex);
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new GeneralSecurityException("the private key in " + file + " is of an unsupported algorithm");
    }
}
