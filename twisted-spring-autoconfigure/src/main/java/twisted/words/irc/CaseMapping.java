package twisted.words.irc;

import java.util.Locale;

/**
 * How a network folds nicks and channel names to compare them, announced in ISUPPORT as
 * {@code CASEMAPPING=<token>}. Under {@link #RFC1459}, the historical default that most daemons
 * still announce, {@code [\]^} are the upper case of <code>{|}~</code> (Scandinavian letters, in
 * 1988), so {@code Nick[1]} and <code>nick{1}</code> are one nick.
 *
 * @since 0.1.0
 */
public enum CaseMapping {

    /** Only {@code A-Z} fold to {@code a-z}. */
    ASCII("ascii", 'Z'),

    /** {@code A-Z[\]^} fold to <code>a-z{|}~</code>. */
    RFC1459("rfc1459", '^'),

    /** {@code A-Z[\]} fold to <code>a-z{|}</code>; {@code ^} and {@code ~} stay apart. */
    STRICT_RFC1459("strict-rfc1459", ']');

    private final String token;

    /** The last upper-case character that folds: {@code Z}, {@code ]} or {@code ^}. */
    private final char lastUpper;

    CaseMapping(String token, char lastUpper) {
        this.token = token;
        this.lastUpper = lastUpper;
    }

    /**
     * The ISUPPORT token: {@code ascii}, {@code rfc1459} or {@code strict-rfc1459}.
     *
     * @return the token
     */
    public String token() {
        return this.token;
    }

    /**
     * The mapping an ISUPPORT token names.
     *
     * @param token the value of {@code CASEMAPPING}
     * @return the mapping; {@link #RFC1459} for a token this class does not know, as clients do
     */
    public static CaseMapping forToken(String token) {
        for (CaseMapping mapping : values()) {
            if (mapping.token.equalsIgnoreCase(token)) {
                return mapping;
            }
        }
        return RFC1459;
    }

    /**
     * Folds a name to its lower-case form, the key under which the name is stored.
     *
     * @param name a nick or channel name
     * @return the folded name
     */
    public String toLowerCase(String name) {
        char[] chars = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= this.lastUpper) {
                if (chars == null) {
                    chars = name.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return (chars != null) ? new String(chars) : name;
    }

    /**
     * Whether two names are the same name under this mapping.
     *
     * @param a one name
     * @param b another
     * @return {@code true} if they fold to the same
     */
    public boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && toLowerCase(a).equals(toLowerCase(b));
    }

    @Override
    public String toString() {
        return this.token.toLowerCase(Locale.ROOT);
    }
}
