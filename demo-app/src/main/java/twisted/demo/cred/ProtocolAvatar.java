package twisted.demo.cred;

/**
 * What a logged-in user of the echo server is to the protocol: the interface the protocol asks
 * the realm for. Twisted (the book): {@code IProtocolAvatar}.
 */
interface ProtocolAvatar {

    /**
     * Who logged in.
     *
     * @return the avatar id the checker gave
     */
    String name();

    /** Cleans up what the login allocated. */
    void logout();
}
