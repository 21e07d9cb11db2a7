package twisted.words.irc.server;

import twisted.words.irc.CaseMapping;

/** Names and masks: what a valid nick or channel name is, and how {@code *} and {@code ?} masks match. */
final class Masks {

    private static final String SPECIAL = "[]\\`_^{|}";

    private Masks() {
    }

    /**
     * Whether {@code nick} may be used: a letter or one of {@code []\`_^{|}} first, then letters,
     * digits, those and {@code -}, at most {@code maxLength} characters (RFC 2812 2.3.1).
     */
    static boolean isNick(String nick, int maxLength) {
        if (nick.isEmpty() || nick.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < nick.length(); i++) {
            char c = nick.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            boolean ok = letter || SPECIAL.indexOf(c) >= 0 || (i > 0 && ((c >= '0' && c <= '9') || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a channel name this server accepts: {@code #} or {@code &}, no space, comma, colon or BEL. */
    static boolean isChannelName(String name, int maxLength) {
        if (name.length() < 2 || name.length() > maxLength || !isChannelType(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == ',' || c == 7 || c == ':' || c < ' ') {
                return false;
            }
        }
        return true;
    }

    /** Whether a target names a channel (starts with one of {@code CHANTYPES}). */
    static boolean isChannelType(char first) {
        return first == '#' || first == '&';
    }

    /**
     * Completes a ban mask to {@code nick!user@host}: {@code foo} becomes {@code foo!*@*},
     * {@code *@host} becomes {@code *!*@host}, {@code a!b} becomes {@code a!b@*}.
     */
    static String normalizeBan(String mask) {
        int bang = mask.indexOf('!');
        int at = mask.indexOf('@');
        if (bang < 0 && at < 0) {
            return mask + "!*@*";
        }
        if (bang < 0) {
            return "*!" + mask;
        }
        if (at < 0) {
            return mask + "@*";
        }
        return mask;
    }

    /** Whether {@code text} matches the {@code *}/{@code ?} {@code mask}, both folded under the case mapping. */
    static boolean matches(String mask, String text, CaseMapping mapping) {
        return glob(mapping.toLowerCase(mask), mapping.toLowerCase(text));
    }

    private static boolean glob(String mask, String text) {
        int m = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (m < mask.length() && (mask.charAt(m) == '?' || mask.charAt(m) == text.charAt(t))) {
                m++;
                t++;
            }
            else if (m < mask.length() && mask.charAt(m) == '*') {
                star = m++;
                mark = t;
            }
            else if (star >= 0) {
                m = star + 1;
                t = ++mark;
            }
            else {
                return false;
            }
        }
        while (m < mask.length() && mask.charAt(m) == '*') {
            m++;
        }
        return m == mask.length();
    }
}
