package twisted.conch.client;

/**
 * What a {@code known_hosts} file says about the key a server presented
 * ({@link KnownHosts#check}).
 */
public enum HostKeyStatus {

    /** An entry for this host (and port) holds this very key: go on. */
    MATCH,

    /**
     * No entry for this host holds a key of this type: the host is new, or known only with keys of
     * other types. A strict client refuses; an accept-new policy adds it ({@link KnownHosts#addHostKey}).
     */
    UNKNOWN,

    /**
     * The host is known with a different key of the same type and with none equal to this one: the
     * server was reinstalled or someone is in the middle. Always refused (Twisted: {@code HostKeyChanged}).
     */
    CHANGED,

    /** A {@code @revoked} entry that applies to this host holds this key. Always refused. */
    REVOKED
}
