package twisted.conch.client;

/**
 * What the SSH client does with a host key its {@code known_hosts} does not vouch for. There is
 * no "accept anything": a client that trusts every key talks to whoever answers.
 *
 * @since 0.1.0
 */
public enum HostKeyPolicy {

    /**
     * Only keys the file holds for the host are accepted: an unknown host fails with
     * {@link UnknownHostKeyException}, a changed key with {@link HostKeyChangedException}
     * (OpenSSH's {@code StrictHostKeyChecking yes}). The default.
     */
    STRICT,

    /**
     * A host the file does not know yet is trusted on first use: its key is added and the file
     * saved; a changed key is still refused (OpenSSH's {@code StrictHostKeyChecking accept-new}).
     */
    ACCEPT_NEW
}
