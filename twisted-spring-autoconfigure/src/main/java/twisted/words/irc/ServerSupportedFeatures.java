package twisted.words.irc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a server says it supports, from its {@code 005 RPL_ISUPPORT} tokens
 * ({@code PREFIX=(ov)@+ CHANTYPES=# CASEMAPPING=rfc1459 NICKLEN=30 NETWORK=Example ...}), with the
 * RFC 1459 defaults until it says otherwise. {@code -TOKEN} withdraws a feature; {@code \x20}
 * and the other {@code \xHH} escapes in values are decoded.
 *
 * <p>Read it on the reactor thread, from the client's callbacks. Twisted:
 * {@code ServerSupportedFeatures}, {@code IRCClient.supported}.
 *
 * @since 0.1.0
 */
public final class ServerSupportedFeatures {

    private static final Map<String, String> DEFAULTS = Map.of(
            "PREFIX", "(ov)@+",
            "CHANTYPES", "#&",
            "CASEMAPPING", "rfc1459",
            "NICKLEN", "9",
            "CHANMODES", "b,k,l,imnpst",
            "MODES", "3");

    private final Map<String, String> features = new LinkedHashMap<>(DEFAULTS);

    /** Creates the features a server has before it has said anything. */
    public ServerSupportedFeatures() {
    }

    /**
     * Reads the tokens of one {@code 005} line (without the nick before them and the text after).
     * Twisted: {@code parse(params)}.
     *
     * @param tokens {@code NAME}, {@code NAME=value} or {@code -NAME}
     */
    public void parse(List<String> tokens) {
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.charAt(0) == '-') {
                String name = token.substring(1).toUpperCase(Locale.ROOT);
                this.features.remove(name);
                continue;
            }
            int equals = token.indexOf('=');
            String name = (equals < 0) ? token : token.substring(0, equals);
            String value = (equals < 0) ? "" : unescape(token.substring(equals + 1));
            this.features.put(name.toUpperCase(Locale.ROOT), value);
        }
    }

    /**
     * A feature's value as sent. Twisted: {@code getFeature(feature)}.
     *
     * @param name the token name, such as {@code NETWORK}
     * @return its value, {@code ""} for a token without one, {@code null} when not supported
     */
    public @Nullable String getFeature(String name) {
        return this.features.get(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Whether the server announced (or defaults to) a feature. Twisted: {@code hasFeature}.
     *
     * @param name the token name
     * @return {@code true} if present
     */
    public boolean hasFeature(String name) {
        return this.features.containsKey(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Every feature known, defaults included.
     *
     * @return name to value, read-only
     */
    public Map<String, String> features() {
        return Collections.unmodifiableMap(this.features);
    }

    /**
     * The channel membership modes and their prefixes, highest first: {@code o} to {@code @},
     * {@code v} to {@code +}.
     *
     * @return mode letter to prefix symbol, in the server's order
     */
    public Map<Character, Character> prefix() {
        String value = getFeature("PREFIX");
        Map<Character, Character> prefixes = new LinkedHashMap<>();
        if (value == null || !value.startsWith("(")) {
            return prefixes;
        }
        int close = value.indexOf(')');
        if (close < 0) {
            return prefixes;
        }
        String modes = value.substring(1, close);
        String symbols = value.substring(close + 1);
        for (int i = 0; i < modes.length() && i < symbols.length(); i++) {
            prefixes.put(modes.charAt(i), symbols.charAt(i));
        }
        return prefixes;
    }

    /**
     * The characters a channel name may start with.
     *
     * @return {@code CHANTYPES}, {@code #&} by default
     */
    public String chanTypes() {
        String value = getFeature("CHANTYPES");
        return (value != null) ? value : "";
    }

    /**
     * Whether a name is a channel's: it starts with one of {@link #chanTypes()}.
     *
     * @param name a nick or channel name
     * @return {@code true} for a channel
     */
    public boolean isChannel(String name) {
        return !name.isEmpty() && chanTypes().indexOf(name.charAt(0)) >= 0;
    }

    /**
     * How the server folds nicks and channel names.
     *
     * @return the mapping {@code CASEMAPPING} names, {@link CaseMapping#RFC1459} by default
     */
    public CaseMapping caseMapping() {
        String value = getFeature("CASEMAPPING");
        return (value != null) ? CaseMapping.forToken(value) : CaseMapping.RFC1459;
    }

    /**
     * The longest nick the server allows.
     *
     * @return {@code NICKLEN}, 9 by default (RFC 1459)
     */
    public int nickLength() {
        return intFeature("NICKLEN", 9);
    }

    /**
     * The network's name.
     *
     * @return {@code NETWORK}, or {@code null} when not announced
     */
    public @Nullable String network() {
        return getFeature("NETWORK");
    }

    /**
     * The channel modes by kind: lists (always a parameter), always a parameter, a parameter only
     * when set, never a parameter. Twisted: the {@code CHANMODES} feature's four groups.
     *
     * @return four strings of mode letters (missing groups are empty)
     */
    public List<String> chanModes() {
        String value = getFeature("CHANMODES");
        String[] groups = ((value != null) ? value : "").split(",", -1);
        String[] four = { "", "", "", "" };
        for (int i = 0; i < groups.length && i < 4; i++) {
            four[i] = groups[i];
        }
        return List.of(four);
    }

    private int intFeature(String name, int fallback) {
        String value = getFeature(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** Decodes {@code \xHH} escapes, as ISUPPORT values use them for spaces and backslashes. */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 3 < value.length() && value.charAt(i + 1) == 'x') {
                try {
                    out.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                }
                catch (NumberFormatException ex) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "ServerSupportedFeatures" + this.features;
    }
}
