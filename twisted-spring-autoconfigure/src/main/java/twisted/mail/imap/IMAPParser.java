package twisted.mail.imap;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import twisted.mail.imap.CommandReader.Syntax;
import twisted.mail.imap.IMAPCommand.StatusItem;
import twisted.mail.imap.IMAPCommand.StoreMode;

/**
 * Parses a {@link RawCommand} into an {@link IMAPCommand}, following RFC 3501's formal syntax
 * (section 9) and the extensions' ({@code UID EXPUNGE}, {@code MOVE}, {@code IDLE}, {@code ID},
 * {@code ENABLE}, {@code UNSELECT}, {@code NAMESPACE}, SASL-IR). Commands are looked up in a
 * table by name, case-insensitively.
 *
 * <pre>{@code
 * IMAPParser parser = new IMAPParser();
 * try {
 *     IMAPCommand parsed = parser.parse(command);
 *     if (parsed instanceof IMAPCommand.Login login) {
 *         ...
 *     }
 * }
 * catch (BadCharsetException ex) {
 *     sendLine(ex.tag() + " NO " + ex.responseCode() + " " + ex.reason());
 * }
 * catch (IMAPParseException ex) {
 *     sendLine(Objects.requireNonNullElse(ex.tag(), "*") + " BAD " + ex.reason());
 * }
 * }</pre>
 *
 * <p>Whatever the bytes, {@link #parse} returns a command or throws {@link IMAPParseException}
 * (never another exception): a command whose tag cannot be read gets a {@code null} tag, for an
 * untagged {@code * BAD}. Which commands are allowed in which state (not authenticated,
 * selected...) is the server's business, not the parser's. Stateless apart from its limit, so
 * one parser may serve every connection, from any thread.
 *
 * @since 0.1.0
 */
public final class IMAPParser {

    /** How deep {@code SEARCH} keys may nest ({@code NOT}, {@code OR}, parentheses) by default. */
    public static final int DEFAULT_MAX_SEARCH_DEPTH = 100;

    /** RFC 2971: at most 30 field-value pairs, fields of at most 30 octets, values of at most 1024. */
    private static final int MAX_ID_PAIRS = 30;

    private interface Grammar {
        IMAPCommand parse(String tag, CommandReader in);
    }

    private final int maxSearchDepth;

    private final Map<String, Grammar> commands = Map.ofEntries(
            Map.entry("CAPABILITY", (tag, in) -> new IMAPCommand.Capability(tag)),
            Map.entry("NOOP", (tag, in) -> new IMAPCommand.Noop(tag)),
            Map.entry("LOGOUT", (tag, in) -> new IMAPCommand.Logout(tag)),
            Map.entry("STARTTLS", (tag, in) -> new IMAPCommand.StartTls(tag)),
            Map.entry("AUTHENTICATE", IMAPParser::authenticate),
            Map.entry("LOGIN", (tag, in) -> new IMAPCommand.Login(tag, argument(in), argument(in))),
            Map.entry("SELECT", (tag, in) -> new IMAPCommand.Select(tag, mailbox(in), false)),
            Map.entry("EXAMINE", (tag, in) -> new IMAPCommand.Select(tag, mailbox(in), true)),
            Map.entry("CREATE", (tag, in) -> new IMAPCommand.Create(tag, mailbox(in))),
            Map.entry("DELETE", (tag, in) -> new IMAPCommand.Delete(tag, mailbox(in))),
            Map.entry("RENAME", (tag, in) -> new IMAPCommand.Rename(tag, mailbox(in), mailbox(in))),
            Map.entry("SUBSCRIBE", (tag, in) -> new IMAPCommand.Subscribe(tag, mailbox(in), true)),
            Map.entry("UNSUBSCRIBE", (tag, in) -> new IMAPCommand.Subscribe(tag, mailbox(in), false)),
            Map.entry("LIST", (tag, in) -> list(tag, in, false)),
            Map.entry("LSUB", (tag, in) -> list(tag, in, true)),
            Map.entry("STATUS", IMAPParser::status),
            Map.entry("APPEND", IMAPParser::append),
            Map.entry("CHECK", (tag, in) -> new IMAPCommand.Check(tag)),
            Map.entry("CLOSE", (tag, in) -> new IMAPCommand.Close(tag)),
            Map.entry("UNSELECT", (tag, in) -> new IMAPCommand.Unselect(tag)),
            Map.entry("EXPUNGE", (tag, in) -> new IMAPCommand.Expunge(tag, null)),
            Map.entry("SEARCH", (tag, in) -> search(tag, in, false)),
            Map.entry("FETCH", (tag, in) -> fetch(tag, in, false)),
            Map.entry("STORE", (tag, in) -> store(tag, in, false)),
            Map.entry("COPY", (tag, in) -> copy(tag, in, false, false)),
            Map.entry("MOVE", (tag, in) -> copy(tag, in, false, true)),
            Map.entry("UID", this::uid),
            Map.entry("IDLE", (tag, in) -> new IMAPCommand.Idle(tag)),
            Map.entry("NAMESPACE", (tag, in) -> new IMAPCommand.Namespace(tag)),
            Map.entry("ID", IMAPParser::id),
            Map.entry("ENABLE", IMAPParser::enable));

    private final Map<String, Grammar> uidCommands = Map.of(
            "SEARCH", (tag, in) -> search(tag, in, true),
            "FETCH", (tag, in) -> fetch(tag, in, true),
            "STORE", (tag, in) -> store(tag, in, true),
            "COPY", (tag, in) -> copy(tag, in, true, false),
            "MOVE", (tag, in) -> copy(tag, in, true, true),
            "EXPUNGE", (tag, in) -> {
                in.sp();
                return new IMAPCommand.Expunge(tag, in.sequenceSet());
            });

    /** A parser with the default limit on {@code SEARCH} nesting. */
    public IMAPParser() {
        this(DEFAULT_MAX_SEARCH_DEPTH);
    }

    /**
     * A parser with its own limit on {@code SEARCH} nesting.
     *
     * @param maxSearchDepth how deep keys may nest, at least 1
     */
    public IMAPParser(int maxSearchDepth) {
        if (maxSearchDepth < 1) {
            throw new IllegalArgumentException("maxSearchDepth (" + maxSearchDepth + ") must be at least 1");
        }
        this.maxSearchDepth = maxSearchDepth;
    }

    /**
     * Parses one command.
     *
     * @param command the command as {@link IMAPFraming} delivered it
     * @return the typed command
     * @throws BadCharsetException when {@code SEARCH CHARSET} names a charset other than US-ASCII
     *         and UTF-8: answer {@code NO [BADCHARSET ...]}
     * @throws IMAPParseException when the command is malformed or unknown: answer {@code BAD}
     */
    public IMAPCommand parse(RawCommand command) throws IMAPParseException {
        CommandReader in = new CommandReader(command);
        String tag = tagOf(command.lines().get(0));
        if (tag == null) {
            throw new IMAPParseException(null, in.atEnd() ? "Empty command line" : "Missing or invalid tag");
        }
        in.token(IMAPParser::isTagChar, "Missing tag");
        String name = "";
        try {
            if (in.atEnd()) {
                throw new Syntax("Missing command");
            }
            in.sp();
            name = in.atom().toUpperCase(Locale.ROOT);
            Grammar grammar = this.commands.get(name);
            if (grammar == null) {
                name = "";
                throw new Syntax("Unknown command");
            }
            IMAPCommand parsed = grammar.parse(tag, in);
            in.expectEnd();
            return parsed;
        }
        catch (SearchKeyParser.BadCharset ex) {
            throw new BadCharsetException(tag);
        }
        catch (Syntax ex) {
            throw new IMAPParseException(tag, (name.isEmpty() ? "" : "Error in IMAP command " + name + ": ")
                    + ex.getMessage());
        }
    }

    /**
     * The tag a command line starts with: one or more {@code ASTRING-CHAR}s but {@code +},
     * followed by a space or the end of the line.
     *
     * @param line a command's first line
     * @return the tag, or {@code null} when the line does not start with one
     */
    static @Nullable String tagOf(byte[] line) {
        int end = 0;
        while (end < line.length && isTagChar(line[end] & 0xFF)) {
            end++;
        }
        if (end == 0 || (end < line.length && line[end] != ' ')) {
            return null;
        }
        return new String(line, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean isTagChar(int c) {
        return CommandReader.isAstringChar(c) && c != '+';
    }

    private IMAPCommand uid(String tag, CommandReader in) {
        in.sp();
        Grammar grammar = this.uidCommands.get(in.atom().toUpperCase(Locale.ROOT));
        if (grammar == null) {
            throw new Syntax("Unknown UID command");
        }
        return grammar.parse(tag, in);
    }

    private static String argument(CommandReader in) {
        in.sp();
        return in.astring();
    }

    private static String mailbox(CommandReader in) {
        in.sp();
        return in.mailbox();
    }

    private static IMAPCommand authenticate(String tag, CommandReader in) {
        in.sp();
        String mechanism = in.atom().toUpperCase(Locale.ROOT);
        byte[] initial = null;
        if (in.skip(' ')) {
            String response = in.token(c -> c == '=' || c == '+' || c == '/' || (c >= '0' && c <= '9')
                    || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'), "Expected an initial response");
            initial = response.equals("=") ? new byte[0] : base64(response);
        }
        return new IMAPCommand.Authenticate(tag, mechanism, initial);
    }

    private static byte[] base64(String text) {
        if (text.length() % 4 != 0) {
            throw new Syntax("Invalid base64 in initial response");
        }
        try {
            return Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException ex) {
            throw new Syntax("Invalid base64 in initial response");
        }
    }

    private static IMAPCommand list(String tag, CommandReader in, boolean subscribedOnly) {
        in.sp();
        String reference = in.reference();
        in.sp();
        return new IMAPCommand.ListMailboxes(tag, reference, in.listMailbox(), subscribedOnly);
    }

    private static IMAPCommand status(String tag, CommandReader in) {
        String mailbox = mailbox(in);
        in.sp();
        List<StatusItem> items = new ArrayList<>();
        for (String word : in.list(in::atom, false)) {
            StatusItem item = switch (word.toUpperCase(Locale.ROOT)) {
                case "MESSAGES" -> StatusItem.MESSAGES;
                case "RECENT" -> StatusItem.RECENT;
                case "UIDNEXT" -> StatusItem.UIDNEXT;
                case "UIDVALIDITY" -> StatusItem.UIDVALIDITY;
                case "UNSEEN" -> StatusItem.UNSEEN;
                default -> throw new Syntax("Unknown STATUS item");
            };
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        return new IMAPCommand.Status(tag, mailbox, items);
    }

    private static IMAPCommand append(String tag, CommandReader in) {
        String mailbox = mailbox(in);
        in.sp();
        List<String> flags = List.of();
        if (in.peek() == '(') {
            flags = Flags.list(in);
            in.sp();
        }
        java.time.OffsetDateTime date = null;
        if (in.peek() == '"') {
            date = in.dateTime();
            in.sp();
        }
        if (in.peek() != CommandReader.LITERAL) {
            throw new Syntax("Expected the message as a literal");
        }
        return new IMAPCommand.Append(tag, mailbox, flags, date, in.literal());
    }

    private IMAPCommand search(String tag, CommandReader in, boolean uid) {
        in.sp();
        SearchKeyParser keys = new SearchKeyParser(in, this.maxSearchDepth);
        String charset = keys.charset();
        return new IMAPCommand.Search(tag, uid, charset, keys.keys());
    }

    private static IMAPCommand fetch(String tag, CommandReader in, boolean uid) {
        in.sp();
        SequenceSet set = in.sequenceSet();
        in.sp();
        return new IMAPCommand.Fetch(tag, uid, set, new FetchItemParser(in).items());
    }

    private static IMAPCommand store(String tag, CommandReader in, boolean uid) {
        in.sp();
        SequenceSet set = in.sequenceSet();
        in.sp();
        String what = in.token(c -> c == '+' || c == '-' || c == '.' || (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z'), "Expected FLAGS").toUpperCase(Locale.ROOT);
        StoreMode mode = what.startsWith("+") ? StoreMode.ADD : what.startsWith("-") ? StoreMode.REMOVE
                : StoreMode.REPLACE;
        String rest = (mode == StoreMode.REPLACE) ? what : what.substring(1);
        boolean silent = rest.equals("FLAGS.SILENT");
        if (!silent && !rest.equals("FLAGS")) {
            throw new Syntax("Expected FLAGS, +FLAGS or -FLAGS");
        }
        in.sp();
        List<String> flags = (in.peek() == '(') ? Flags.list(in) : Flags.bare(in);
        return new IMAPCommand.Store(tag, uid, set, mode, silent, flags);
    }

    private static IMAPCommand copy(String tag, CommandReader in, boolean uid, boolean move) {
        in.sp();
        SequenceSet set = in.sequenceSet();
        return new IMAPCommand.Copy(tag, uid, set, mailbox(in), move);
    }

    private static IMAPCommand id(String tag, CommandReader in) {
        in.sp();
        if (in.peek() != '(') {
            if (!in.atom().equalsIgnoreCase("NIL")) {
                throw new Syntax("Expected a parameter list or NIL");
            }
            return new IMAPCommand.Id(tag, null);
        }
        in.expect('(', "'('");
        Map<String, @Nullable String> parameters = new LinkedHashMap<>();
        if (!in.skip(')')) {
            do {
                String field = CommandReader.text(in.string());
                in.sp();
                String value = in.nstring();
                if (field.length() > 30 || (value != null && value.length() > 1024)) {
                    throw new Syntax("ID field or value too long");
                }
                if (parameters.keySet().stream().anyMatch(field::equalsIgnoreCase)) {
                    throw new Syntax("ID field repeated");
                }
                if (parameters.size() == MAX_ID_PAIRS) {
                    throw new Syntax("Too many ID fields");
                }
                parameters.put(field, value);
            }
            while (in.skip(' '));
            in.expect(')', "')' closing the parameter list");
        }
        return new IMAPCommand.Id(tag, Collections.unmodifiableMap(parameters));
    }

    private static IMAPCommand enable(String tag, CommandReader in) {
        List<String> capabilities = new ArrayList<>();
        do {
            in.sp();
            capabilities.add(in.atom().toUpperCase(Locale.ROOT));
        }
        while (in.peek() == ' ');
        return new IMAPCommand.Enable(tag, capabilities);
    }
}
