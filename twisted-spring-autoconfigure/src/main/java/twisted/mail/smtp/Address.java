package twisted.mail.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox address as SMTP carries it in {@code MAIL FROM:<...>} and {@code RCPT TO:<...>}:
 * a local part and a domain. The null reverse path {@code <>} (bounces) is {@link #NULL}; the
 * special recipient {@code <postmaster>} has an empty domain. Twisted:
 * {@code twisted.mail.smtp.Address}.
 *
 * @param local the local part, as sent (a quoted local part keeps its quotes)
 * @param domain the domain, as sent; empty for {@link #NULL} and {@code postmaster}
 * @since 0.1.0
 */
public record Address(String local, String domain) {

    /** The null reverse path, {@code <>}. */
    public static final Address NULL = new Address("", "");

    private static final String SPECIALS = "()<>[]:;@\\,\"";

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException when a part holds a control character or a space outside quotes
     */
    public Address {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(domain, "domain");
        if (!(local.isEmpty() && domain.isEmpty()) && !(validLocal(local) && (domain.isEmpty()
                ? local.equalsIgnoreCase("postmaster") : validDomain(domain)))) {
            throw new IllegalArgumentException("not a valid address");
        }
    }

    /**
     * Parses what stands between the angle brackets of an SMTP path (RFC 5321 section 4.1.2),
     * dropping a source route ({@code @a,@b:user@d}).
     *
     * @param path the path without {@code <} and {@code >}; empty for the null path
     * @return the address
     * @throws IllegalArgumentException when it is not a valid address
     */
    public static Address parse(String path) {
        String mailbox = path;
        if (mailbox.startsWith("@")) {
            int colon = mailbox.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not a valid address");
            }
            mailbox = mailbox.substring(colon + 1);
        }
        if (mailbox.isEmpty()) {
            if (!path.isEmpty()) {
                throw new IllegalArgumentException("not a valid address");
            }
            return NULL;
        }
        int at = mailbox.lastIndexOf('@');
        if (at < 0) {
            return new Address(mailbox, "");
        }
        return new Address(mailbox.substring(0, at), mailbox.substring(at + 1));
    }

    /**
     * Whether this is the null reverse path {@code <>}.
     *
     * @return {@code true} for {@link #NULL}
     */
    public boolean isNull() {
        return this.local.isEmpty();
    }

    /**
     * The domain in lower case, for comparisons.
     *
     * @return the domain, lower-cased
     */
    public String domainLowerCase() {
        return this.domain.toLowerCase(Locale.ROOT);
    }

    /** The address as written in a path: {@code local@domain}, {@code postmaster}, or empty for {@link #NULL}. */
    @Override
    public String toString() {
        return this.domain.isEmpty() ? this.local : this.local + "@" + this.domain;
    }

    private static boolean validLocal(String local) {
        if (local.isEmpty() || local.length() > 64) {
            return false;
        }
        if (local.length() >= 2 && local.charAt(0) == '"' && local.charAt(local.length() - 1) == '"') {
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= 0x20 || c > 0x7E || SPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return !local.startsWith(".") && !local.endsWith(".") && !local.contains("..");
    }

    private static boolean validDomain(String domain) {
        if (domain.length() > 255) {
            return false;
        }
        if (domain.startsWith("[") && domain.endsWith("]") && domain.length() > 2) {
            for (int i = 1; i < domain.length() - 1; i++) {
                char c = domain.charAt(i);
                if (c <= 0x20 || c > 0x7E || c == '[' || c == ']' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }
}
