package twisted.mail.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import twisted.mail.imap.CommandReader.Syntax;
import twisted.mail.imap.SearchKey.DateRelation;

/** Reads {@code search-key}s (RFC 3501 section 9) into {@link SearchKey}s, no deeper than a limit. */
final class SearchKeyParser {

    /** {@code SEARCH CHARSET} named a charset other than US-ASCII and UTF-8. */
    static final class BadCharset extends Syntax {

        private static final long serialVersionUID = 1L;

        BadCharset() {
            super("Unsupported search charset");
        }
    }

    private final CommandReader in;

    private final int maxDepth;

    SearchKeyParser(CommandReader in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /** {@code [CHARSET SP astring SP]} : the charset, upper-cased, or null; refuses unsupported ones. */
    @Nullable String charset() {
        long mark = this.in.mark();
        if (this.in.peek() >= 'A') {
            String word = this.in.token(CommandReader::isAtomChar, "Expected a search key");
            if (word.equalsIgnoreCase("CHARSET")) {
                this.in.sp();
                String charset = this.in.astring().toUpperCase(Locale.ROOT);
                if (!BadCharsetException.SUPPORTED.contains(charset)) {
                    throw new BadCharset();
                }
                this.in.sp();
                return charset;
            }
        }
        this.in.reset(mark);
        return null;
    }

    /** {@code search-key *(SP search-key)}: one key, or an {@link SearchKey.And} of several. */
    SearchKey keys() {
        List<SearchKey> keys = new ArrayList<>();
        do {
            keys.add(key(1));
        }
        while (this.in.skip(' '));
        return (keys.size() == 1) ? keys.get(0) : new SearchKey.And(keys);
    }

    private SearchKey key(int depth) {
        if (depth > this.maxDepth) {
            throw new Syntax("Search criteria nested too deeply");
        }
        if (this.in.skip('(')) {
            List<SearchKey> keys = new ArrayList<>();
            do {
                keys.add(key(depth + 1));
            }
            while (this.in.skip(' '));
            this.in.expect(')', "')' closing the search keys");
            return new SearchKey.And(keys);
        }
        if (this.in.atSequenceSet()) {
            return new SearchKey.SequenceNumbers(this.in.sequenceSet());
        }
        String word = this.in.atom().toUpperCase(Locale.ROOT);
        return switch (word) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.HasFlag(Flags.ANSWERED);
            case "DELETED" -> new SearchKey.HasFlag(Flags.DELETED);
            case "DRAFT" -> new SearchKey.HasFlag(Flags.DRAFT);
            case "FLAGGED" -> new SearchKey.HasFlag(Flags.FLAGGED);
            case "RECENT" -> new SearchKey.HasFlag(Flags.RECENT);
            case "SEEN" -> new SearchKey.HasFlag(Flags.SEEN);
            case "UNANSWERED" -> new SearchKey.LacksFlag(Flags.ANSWERED);
            case "UNDELETED" -> new SearchKey.LacksFlag(Flags.DELETED);
            case "UNDRAFT" -> new SearchKey.LacksFlag(Flags.DRAFT);
            case "UNFLAGGED" -> new SearchKey.LacksFlag(Flags.FLAGGED);
            case "UNSEEN" -> new SearchKey.LacksFlag(Flags.SEEN);
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.HasFlag(Flags.RECENT),
                    new SearchKey.LacksFlag(Flags.SEEN)));
            case "OLD" -> new SearchKey.LacksFlag(Flags.RECENT);
            case "KEYWORD" -> new SearchKey.HasFlag(keyword());
            case "UNKEYWORD" -> new SearchKey.LacksFlag(keyword());
            case "BCC", "CC", "FROM", "SUBJECT", "TO" -> new SearchKey.Header(word, argument());
            case "HEADER" -> {
                String field = argument();
                yield new SearchKey.Header(field, argument());
            }
            case "BODY" -> new SearchKey.Body(argument());
            case "TEXT" -> new SearchKey.Text(argument());
            case "BEFORE" -> new SearchKey.InternalDate(DateRelation.BEFORE, date());
            case "ON" -> new SearchKey.InternalDate(DateRelation.ON, date());
            case "SINCE" -> new SearchKey.InternalDate(DateRelation.SINCE, date());
            case "SENTBEFORE" -> new SearchKey.SentDate(DateRelation.BEFORE, date());
            case "SENTON" -> new SearchKey.SentDate(DateRelation.ON, date());
            case "SENTSINCE" -> new SearchKey.SentDate(DateRelation.SINCE, date());
            case "LARGER" -> new SearchKey.Larger(size());
            case "SMALLER" -> new SearchKey.Smaller(size());
            case "UID" -> {
                this.in.sp();
                yield new SearchKey.Uids(this.in.sequenceSet());
            }
            case "NOT" -> {
                this.in.sp();
                yield new SearchKey.Not(key(depth + 1));
            }
            case "OR" -> {
                this.in.sp();
                SearchKey left = key(depth + 1);
                this.in.sp();
                yield new SearchKey.Or(left, key(depth + 1));
            }
            default -> throw new Syntax("Unknown search key");
        };
    }

    private String argument() {
        this.in.sp();
        return this.in.astring();
    }

    private String keyword() {
        this.in.sp();
        return this.in.atom();
    }

    private java.time.LocalDate date() {
        this.in.sp();
        return this.in.date();
    }

    private long size() {
        this.in.sp();
        return this.in.number(false);
    }
}
