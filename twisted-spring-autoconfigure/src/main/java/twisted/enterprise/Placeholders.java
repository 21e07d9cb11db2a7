package twisted.enterprise;

import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.binding.BindMarkers;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;

/**
 * Rewrites the {@code ?} placeholders of a statement into the driver's own bind markers
 * ({@code $1, $2} for PostgreSQL and H2, {@code ?} for MySQL and MariaDB, {@code @P0} for SQL
 * Server), so that one statement runs on every database, as sqlite3's {@code ?} does in the book.
 *
 * <p>A {@code ?} inside a string literal ({@code '...'}, {@code E'...'} with backslash escapes),
 * a quoted identifier ({@code "..."}), a PostgreSQL dollar-quoted string ({@code $tag$...$tag$}) or
 * a comment ({@code -- ...}, {@code /* ... *}{@code /}) is left alone. {@code ??} stands for one
 * literal {@code ?}, for PostgreSQL's {@code jsonb} operators ({@code ??|} is {@code ?|}). A
 * statement with no {@code ?} at all passes through, so native markers work too.
 */
final class Placeholders {

    private Placeholders() {
    }

    /**
     * The statement with its markers rewritten.
     *
     * @param sql the statement, with {@code ?} placeholders or native markers
     * @param markers the driver's bind markers
     * @param arguments the number of arguments given
     * @return the statement for the driver
     * @throws IllegalArgumentException when the statement has {@code ?} placeholders, but not as
     *         many as there are arguments
     */
    static String rewrite(String sql, BindMarkersFactory markers, int arguments) {
        Scan scan = new Scan(sql, markers.create());
        scan.run();
        if (scan.placeholders > 0 && scan.placeholders != arguments) {
            throw new IllegalArgumentException("the statement has " + scan.placeholders + " '?' placeholder"
                    + ((scan.placeholders == 1) ? "" : "s") + " but " + arguments + " argument"
                    + ((arguments == 1) ? " was" : "s were") + " given: " + sql);
        }
        return scan.out.toString();
    }

    /** One pass over the statement, copying it and replacing each placeholder. */
    private static final class Scan {

        private final String sql;

        private final BindMarkers markers;

        private final StringBuilder out;

        private int i;

        private int placeholders;

        Scan(String sql, BindMarkers markers) {
            this.sql = sql;
            this.markers = markers;
            this.out = new StringBuilder(sql.length() + 16);
        }

        void run() {
            while (this.i < this.sql.length()) {
                char c = this.sql.charAt(this.i);
                if (c == '?') {
                    placeholder();
                }
                else if (c == '\'') {
                    copyQuoted('\'', escapesWithBackslash());
                }
                else if (c == '"') {
                    copyQuoted('"', false);
                }
                else if (startsWith("--")) {
                    copyPast(2, "\n");
                }
                else if (startsWith("/*")) {
                    copyPast(2, "*/");
                }
                else if (c == '$') {
                    String tag = dollarTag();
                    if (tag != null) {
                        copyPast(tag.length(), tag);
                    }
                    else {
                        copy(1);
                    }
                }
                else {
                    copy(1);
                }
            }
        }

        private void placeholder() {
            if (startsWith("??")) {
                this.out.append('?');
                this.i += 2;
                return;
            }
            this.out.append(this.markers.next().getPlaceholder());
            this.placeholders++;
            this.i++;
        }

        /** {@code E'...'}: PostgreSQL's escape string, where a backslash escapes the quote. */
        private boolean escapesWithBackslash() {
            return this.i > 0 && (this.sql.charAt(this.i - 1) == 'E' || this.sql.charAt(this.i - 1) == 'e')
                    && (this.i < 2 || !isIdentifierPart(this.sql.charAt(this.i - 2)));
        }

        /** Copies a quoted text; a doubled quote stays inside, and so does an escaped one. */
        private void copyQuoted(char quote, boolean backslash) {
            copy(1);
            while (this.i < this.sql.length()) {
                char c = this.sql.charAt(this.i);
                if (backslash && c == '\\') {
                    copy(Math.min(2, this.sql.length() - this.i));
                }
                else if (c == quote) {
                    copy(1);
                    if (this.i < this.sql.length() && this.sql.charAt(this.i) == quote) {
                        copy(1);
                    }
                    else {
                        return;
                    }
                }
                else {
                    copy(1);
                }
            }
        }

        /** {@code $$} or {@code $tag$} starting here, unless the {@code $} is part of a name or a {@code $1}. */
        private @Nullable String dollarTag() {
            if (this.i > 0 && isIdentifierPart(this.sql.charAt(this.i - 1))) {
                return null;
            }
            int end = this.i + 1;
            while (end < this.sql.length() && this.sql.charAt(end) != '$') {
                char c = this.sql.charAt(end);
                boolean first = end == this.i + 1;
                if (!(Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c)))) {
                    return null;
                }
                end++;
            }
            return (end < this.sql.length()) ? this.sql.substring(this.i, end + 1) : null;
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }

        private boolean startsWith(String text) {
            return this.sql.startsWith(text, this.i);
        }

        /** Copies an opening of {@code opening} characters, then up to and including {@code end}, or to the end. */
        private void copyPast(int opening, String end) {
            int found = this.sql.indexOf(end, this.i + opening);
            int stop = (found < 0) ? this.sql.length() : found + end.length();
            copy(stop - this.i);
        }

        private void copy(int count) {
            this.out.append(this.sql, this.i, this.i + count);
            this.i += count;
        }
    }
}
