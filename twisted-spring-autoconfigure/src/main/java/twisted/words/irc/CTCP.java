package twisted.words.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The Client-To-Client Protocol inside {@code PRIVMSG} and {@code NOTICE} text: a query or reply
 * is framed by {@code \x01} ({@code \x01VERSION\x01}, {@code \x01ACTION waves\x01}), and two
 * levels of quoting keep any byte sendable, as Twisted does them:
 *
 * <ul>
 * <li>low level ({@link #lowQuote}, {@link #lowDequote}): {@code \x10} escapes NUL ({@code \x100}),
 * LF ({@code \x10n}), CR ({@code \x10r}) and itself ({@code \x10\x10}), which an IRC line cannot
 * carry;</li>
 * <li>CTCP level ({@link #ctcpQuote}, {@link #ctcpDequote}): a backslash escapes {@code \x01}
 * ({@code \a}) and itself ({@code \\}) inside a tagged message.</li>
 * </ul>
 *
 * <p>Twisted: the module functions {@code lowQuote}, {@code lowDequote}, {@code ctcpQuote},
 * {@code ctcpDequote}, {@code ctcpExtract} and {@code ctcpStringify} of
 * {@code twisted.words.protocols.irc}.
 *
 * @since 0.1.0
 */
public final class CTCP {

    /** The delimiter of a tagged message. Twisted: {@code X_DELIM}. */
    public static final char X_DELIM = '\u0001';

    /** The low-level quote character. Twisted: {@code M_QUOTE}. */
    public static final char M_QUOTE = '\u0010';

    /** The CTCP-level quote character. Twisted: {@code X_QUOTE}. */
    public static final char X_QUOTE = '\\';

    /**
     * One tagged message: {@code ACTION waves} is the tag {@code ACTION} with the data
     * {@code waves}.
     *
     * @param tag the query or reply name, upper case as sent
     * @param data what follows the tag and one space, or {@code null} when nothing does
     */
    public record Message(String tag, @Nullable String data) {
    }

    /**
     * A text split into its tagged (extended) and normal parts.
     *
     * @param extended the tagged messages in order, dequoted
     * @param normal the text outside them, in order, empty pieces dropped
     */
    public record Extracted(List<Message> extended, List<String> normal) {
    }

    private CTCP() {
    }

    /**
     * Whether a text holds a CTCP message at all.
     *
     * @param text a {@code PRIVMSG} or {@code NOTICE} text
     * @return {@code true} if it holds {@code \x01}
     */
    public static boolean isCTCP(String text) {
        return text.indexOf(X_DELIM) >= 0;
    }

    /**
     * Escapes NUL, LF, CR and {@code \x10} with {@code \x10}. Twisted: {@code lowQuote}.
     *
     * @param text the text
     * @return the quoted text, free of NUL, CR and LF
     */
    public static String lowQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\0' -> out.append(M_QUOTE).append('0');
                case '\n' -> out.append(M_QUOTE).append('n');
                case '\r' -> out.append(M_QUOTE).append('r');
                case M_QUOTE -> out.append(M_QUOTE).append(M_QUOTE);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Undoes {@link #lowQuote}; a {@code \x10} before any other character is dropped, and so is
     * one at the end. Twisted: {@code lowDequote}.
     *
     * @param text the quoted text
     * @return the text
     */
    public static String lowDequote(String text) {
        return dequote(text, M_QUOTE, next -> switch (next) {
            case '0' -> '\0';
            case 'n' -> '\n';
            case 'r' -> '\r';
            default -> next;
        });
    }

    /**
     * Escapes {@code \x01} and the backslash inside a tagged message. Twisted: {@code ctcpQuote}.
     *
     * @param text the tag and data
     * @return the quoted text, free of {@code \x01}
     */
    public static String ctcpQuote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == X_DELIM) {
                out.append(X_QUOTE).append('a');
            }
            else if (c == X_QUOTE) {
                out.append(X_QUOTE).append(X_QUOTE);
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Undoes {@link #ctcpQuote}; a backslash before any other character is dropped. Twisted:
     * {@code ctcpDequote}.
     *
     * @param text the quoted text
     * @return the text
     */
    public static String ctcpDequote(String text) {
        return dequote(text, X_QUOTE, next -> (next == 'a') ? X_DELIM : next);
    }

    /**
     * Replaces each {@code quote} and the character after it by {@code unquoted} of that
     * character; a {@code quote} at the end is dropped.
     */
    private static String dequote(String text, char quote, IntUnaryOperator unquoted) {
        if (text.indexOf(quote) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != quote) {
                out.append(c);
            }
            else if (++i < text.length()) {
                out.append((char) unquoted.applyAsInt(text.charAt(i)));
            }
        }
        return out.toString();
    }

    /**
     * Splits a text into its tagged messages and its normal text. The text is low-level dequoted
     * first; a final {@code \x01} may be missing, as many clients send it. Twisted:
     * {@code ctcpExtract}.
     *
     * @param text a {@code PRIVMSG} or {@code NOTICE} text
     * @return the parts
     */
    public static Extracted ctcpExtract(String text) {
        String dequoted = lowDequote(text);
        List<Message> extended = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        int position = 0;
        boolean tagged = false;
        while (position <= dequoted.length()) {
            int end = dequoted.indexOf(X_DELIM, position);
            if (end < 0) {
                end = dequoted.length();
            }
            String piece = dequoted.substring(position, end);
            if (!piece.isEmpty()) {
                if (tagged) {
                    extended.add(parse(ctcpDequote(piece)));
                }
                else {
                    normal.add(piece);
                }
            }
            tagged = !tagged;
            position = end + 1;
        }
        return new Extracted(List.copyOf(extended), List.copyOf(normal));
    }

    /**
     * Frames tagged messages for sending: each quoted and wrapped in {@code \x01}, then the
     * whole low-level quoted. Twisted: {@code ctcpStringify} (and the {@code lowQuote} its
     * {@code sendLine} applies).
     *
     * @param messages the messages
     * @return the text of a {@code PRIVMSG} (a query) or {@code NOTICE} (a reply)
     */
    public static String ctcpStringify(List<Message> messages) {
        StringBuilder out = new StringBuilder();
        for (Message message : messages) {
            String body = (message.data() == null) ? message.tag() : message.tag() + " " + message.data();
            out.append(X_DELIM).append(ctcpQuote(body)).append(X_DELIM);
        }
        return lowQuote(out.toString());
    }

    private static Message parse(String body) {
        int space = body.indexOf(' ');
        if (space < 0) {
            return new Message(body, null);
        }
        return new Message(body.substring(0, space), body.substring(space + 1));
    }
}
