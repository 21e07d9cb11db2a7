package twisted.conch.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's host keys, kept in a directory as OpenSSH keeps them
 * ({@code ssh_host_ed25519_key} and its {@code .pub}, OpenSSH's own format): generated on first
 * start, readable by the owner only, and refused, with the reason, when the file's permissions let
 * anyone else read it, as {@code sshd} refuses. A new key on every start would make every client
 * warn of an attack; a key others can read lets them impersonate the server.
 *
 * <p>Twisted: the manhole's {@code --sshKeyDir} and {@code --sshKeyName}; {@code ckeygen}.
 *
 * @since 0.1.0
 */
public final class HostKeys {

    /** The private key's file name in the directory, as OpenSSH names it. */
    public static final String ED25519_KEY = "ssh_host_ed25519_key";

    private static final Logger log = LoggerFactory.getLogger(HostKeys.class);

    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private HostKeys() {
    }

    /**
     * The host keys in {@code directory}, generating an Ed25519 key there when there is none.
     *
     * @param directory where the keys live; created, readable by the owner only, when missing
     * @return the key pairs, at least one
     * @throws IOException when the keys cannot be read or written
     * @throws UnsafeHostKeyException when a key file can be read by others than its owner
     */
    public static List<KeyPair> loadOrGenerate(Path directory) throws IOException {
        Path key = directory.resolve(ED25519_KEY);
        if (!Files.exists(key)) {
            generate(directory, key);
        }
        requireOwnerOnly(key);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(key)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.toString()),
                    in, null);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("The SSH host key " + key + " cannot be read: " + ex.getMessage(), ex);
        }
        if (pairs.isEmpty()) {
            throw new IOException("The SSH host key file " + key + " holds no key");
        }
        return pairs;
    }

    /**
     * A public key's fingerprint as OpenSSH shows it ({@code SHA256:...}), for logs and for users
     * to compare with what their client shows.
     *
     * @param key the key
     * @return its SHA-256 fingerprint
     */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    private static void generate(Path directory, Path key) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            else {
                Files.createDirectories(directory);
            }
        }
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("An Ed25519 key cannot be made here: " + ex.getMessage(), ex);
        }
        Path temporary = directory.resolve(ED25519_KEY + ".tmp");
        Files.deleteIfExists(temporary);
        if (posix) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        else {
            Files.createFile(temporary);
        }
        try (OutputStream out = Files.newOutputStream(temporary)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "twisted-spring host key", null, out);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("The SSH host key cannot be written: " + ex.getMessage(), ex);
        }
        move(temporary, key);
        Files.writeString(directory.resolve(ED25519_KEY + ".pub"),
                PublicKeyEntry.toString(pair.getPublic()) + " twisted-spring host key\n");
        log.info("Generated the SSH host key {} ({})", key, fingerprint(pair.getPublic()));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(from, to);
        }
    }

    private static void requireOwnerOnly(Path key) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new UnsafeHostKeyException("The SSH host key " + key + " can be read or written by others ("
                    + PosixFilePermissions.toString(permissions) + "): make it readable by its owner only "
                    + "(chmod 600 " + key + "), or remove it to have a new one generated");
        }
    }
}
