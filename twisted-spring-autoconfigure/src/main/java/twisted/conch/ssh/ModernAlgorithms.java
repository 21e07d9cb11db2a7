package twisted.conch.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.helpers.AbstractFactoryManager;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * The algorithms our SSH server and client offer, the same on both sides: key exchange over
 * ML-KEM or sntrup761 hybrids, Curve25519 and 4096-bit or larger groups; ChaCha20-Poly1305,
 * AES-GCM and AES-CTR with encrypt-then-MAC SHA-2 MACs; Ed25519 and RSA with SHA-2 signatures
 * (for host keys and for public-key logins). Nothing with SHA-1, CBC or NIST curves, so that an
 * SSH audit tool finds nothing to fail. MINA adds strict key exchange (against Terrapin) itself.
 *
 * <p>Consequence for a client: a server that has only ECDSA host keys, or a login key that is
 * ECDSA, is not accepted.
 *
 * @since 0.1.0
 */
public final class ModernAlgorithms {

    private ModernAlgorithms() {
    }

    /**
     * Restricts a MINA server or client builder to these algorithms.
     *
     * @param builder {@code ServerBuilder.builder()} or {@code ClientBuilder.builder()}
     * @param dh2kex the builder's own way of turning a group into a key exchange
     *        ({@code ServerBuilder.DH2KEX} or {@code ClientBuilder.DH2KEX})
     * @param <T> what the builder builds
     * @param <S> the builder
     * @return the builder
     */
    public static <T extends AbstractFactoryManager, S extends BaseBuilder<T, S>> S apply(S builder,
            Function<? super DHFactory, ? extends KeyExchangeFactory> dh2kex) {
        return builder.keyExchangeFactories(keyExchanges(dh2kex))
                .cipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.cc20p1305_openssh,
                        BuiltinCiphers.aes256gcm, BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256ctr,
                        BuiltinCiphers.aes192ctr, BuiltinCiphers.aes128ctr))
                .macFactories(List.<NamedFactory<Mac>>of(BuiltinMacs.hmacsha512etm, BuiltinMacs.hmacsha256etm))
                .signatureFactories(List.<NamedFactory<Signature>>of(BuiltinSignatures.ed25519,
                        BuiltinSignatures.rsaSHA512, BuiltinSignatures.rsaSHA256))
                // as OpenSSH: no compression before login, so an unauthenticated peer cannot make us inflate
                .compressionFactories(List.<NamedFactory<Compression>>of(BuiltinCompressions.none,
                        BuiltinCompressions.delayedZlib));
    }

    private static List<KeyExchangeFactory> keyExchanges(Function<? super DHFactory, ? extends KeyExchangeFactory> dh2kex) {
        List<BuiltinDHFactories> wanted = List.of(BuiltinDHFactories.mlkem768x25519,
                BuiltinDHFactories.sntrup761x25519_openssh, BuiltinDHFactories.sntrup761x25519,
                BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh, BuiltinDHFactories.dhg18_512,
                BuiltinDHFactories.dhg16_512);
        List<KeyExchangeFactory> factories = new ArrayList<>();
        for (BuiltinDHFactories factory : wanted) {
            if (factory.isSupported()) {
                factories.add(dh2kex.apply(factory));
            }
        }
        return factories;
    }
}
