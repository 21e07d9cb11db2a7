package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads an address header ({@code From}, {@code To}, ...; RFC 5322 section 3.4) into what an
 * IMAP {@code ENVELOPE} lists (RFC 3501 section 7.4.2): for each mailbox its display name, source
 * route, local part and domain, as written (encoded-words are not decoded, quoted strings are
 * unquoted; as Dovecot does, a comment after a bare address is its name, and a missing local part
 * or domain is {@code MISSING_MAILBOX} or {@code MISSING_DOMAIN}); a group as a start marker with the group's name as local part, its members, and an
 * end marker of four {@code NIL}s. Lenient: what cannot be read as an address is skipped, comments
 * are dropped, nothing throws.
 */
final class EnvelopeAddresses {

    /** One entry of an envelope address list; all {@code null} ends a group. */
    record Address(@Nullable String name, @Nullable String route, @Nullable String mailbox, @Nullable String host) {
    }

    private final String text;

    private int at;

    /** The text of the last comment skipped, or {@code null}. */
    private @Nullable String comment;

    /** Whether this reads a group's members, where a {@code :} starts no group (groups do not nest). */
    private final boolean inGroup;

    private EnvelopeAddresses(String text, boolean inGroup) {
        this.text = text;
        this.inGroup = inGroup;
    }

    static List<Address> parse(String text) {
        return new EnvelopeAddresses(text, false).list();
    }

    private List<Address> list() {
        List<Address> out = new ArrayList<>();
        while (this.at < this.text.length()) {
            int before = this.at;
            List<String> phrase = new ArrayList<>();
            String local = null;
            while (true) {
                skipBlanksAndComments();
                if (this.at >= this.text.length()) {
                    break;
                }
                char c = this.text.charAt(this.at);
                if (c == ',' || c == ';') {
                    this.at++;
                    break;
                }
                if (c == ':' && this.inGroup) {
                    this.at++;
                    continue;
                }
                if (c == ':') {
                    this.at++;
                    out.add(new Address(null, null, String.join(" ", phrase), null));
                    out.addAll(group());
                    out.add(new Address(null, null, null, null));
                    phrase.clear();
                    skipTo(',');
                    break;
                }
                if (c == '<') {
                    this.at++;
                    Address address = angle(phrase.isEmpty() ? null : String.join(" ", phrase));
                    if (address != null) {
                        out.add(address);
                    }
                    phrase.clear();
                    skipTo(',');
                    break;
                }
                if (c == '@' && !phrase.isEmpty()) {
                    this.at++;
                    local = String.join("", phrase);
                    this.comment = null;
                    String host = domain();
                    skipTo(',');
                    out.add(address(this.comment, null, local, host));
                    phrase.clear();
                    break;
                }
                phrase.add(word());
            }
            if (!phrase.isEmpty() && local == null) {
                // an address without a domain
                out.add(address(null, null, String.join("", phrase), null));
            }
            if (this.at == before) {
                this.at++;
            }
        }
        return out;
    }

    /** The members of a group, up to its {@code ;}. */
    private List<Address> group() {
        int end = this.text.indexOf(';', this.at);
        String members = this.text.substring(this.at, (end < 0) ? this.text.length() : end);
        this.at = (end < 0) ? this.text.length() : end + 1;
        return new EnvelopeAddresses(members, true).list();
    }

    /** After {@code <}: {@code [@route,@route:]local@domain>}. */
    private @Nullable Address angle(@Nullable String name) {
        int close = this.text.indexOf('>', this.at);
        String inside = this.text.substring(this.at, (close < 0) ? this.text.length() : close).strip();
        this.at = (close < 0) ? this.text.length() : close + 1;
        String route = null;
        int colon = inside.startsWith("@") ? inside.indexOf(':') : -1;
        if (colon > 0) {
            route = inside.substring(0, colon);
            inside = inside.substring(colon + 1);
        }
        if (inside.isEmpty()) {
            return (name != null) ? address(name, route, null, null) : null;
        }
        int atSign = inside.lastIndexOf('@');
        String local = unquote((atSign < 0) ? inside : inside.substring(0, atSign));
        String host = (atSign < 0) ? null : inside.substring(atSign + 1).strip();
        return address(name, route, local, host);
    }

    /** A mailbox, with Dovecot's placeholders for a missing local part or domain. */
    private static Address address(@Nullable String name, @Nullable String route, @Nullable String local,
            @Nullable String host) {
        return new Address(name, route, (local == null || local.isEmpty()) ? "MISSING_MAILBOX" : local,
                (host == null || host.isEmpty()) ? "MISSING_DOMAIN" : host);
    }

    private String domain() {
        StringBuilder out = new StringBuilder();
        while (this.at < this.text.length()) {
            skipBlanksAndComments();
            if (this.at >= this.text.length()) {
                break;
            }
            char c = this.text.charAt(this.at);
            if (c == ',' || c == ';' || c == '<' || c == '(' || Character.isWhitespace(c)) {
                break;
            }
            out.append(c);
            this.at++;
        }
        return out.toString();
    }

    /** A quoted string (unquoted) or a run of characters up to a special. */
    private String word() {
        char c = this.text.charAt(this.at);
        if (c == '"') {
            this.at++;
            StringBuilder out = new StringBuilder();
            while (this.at < this.text.length()) {
                char d = this.text.charAt(this.at++);
                if (d == '"') {
                    break;
                }
                if (d == '\\' && this.at < this.text.length()) {
                    d = this.text.charAt(this.at++);
                }
                out.append(d);
            }
            return out.toString();
        }
        int start = this.at;
        while (this.at < this.text.length() && "\",;:<>@()".indexOf(this.text.charAt(this.at)) < 0
                && !Character.isWhitespace(this.text.charAt(this.at))) {
            this.at++;
        }
        if (this.at == start) {
            this.at++;
            return "";
        }
        return this.text.substring(start, this.at);
    }

    private void skipTo(char stop) {
        while (this.at < this.text.length()) {
            skipBlanksAndComments();
            if (this.at < this.text.length() && this.text.charAt(this.at) == stop) {
                this.at++;
                return;
            }
            if (this.at < this.text.length()) {
                if (this.text.charAt(this.at) == '"') {
                    word();
                }
                else {
                    this.at++;
                }
            }
        }
    }

    private void skipBlanksAndComments() {
        while (this.at < this.text.length()) {
            char c = this.text.charAt(this.at);
            if (Character.isWhitespace(c)) {
                this.at++;
            }
            else if (c == '(') {
                int depth = 0;
                int start = this.at;
                while (this.at < this.text.length()) {
                    char d = this.text.charAt(this.at++);
                    if (d == '\\') {
                        this.at = Math.min(this.at + 1, this.text.length());
                    }
                    else if (d == '(') {
                        depth++;
                    }
                    else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
                String inside = this.text.substring(start + 1, Math.max(start + 1, this.at - 1)).strip();
                this.comment = inside.isEmpty() ? null : inside;
            }
            else {
                return;
            }
        }
    }

    private static String unquote(String local) {
        String s = local.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return s;
    }
}
