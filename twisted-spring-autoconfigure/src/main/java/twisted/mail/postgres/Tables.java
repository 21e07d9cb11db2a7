package twisted.mail.postgres;

import org.jspecify.annotations.Nullable;

/**
 * The store's table names, qualified with its schema when one is set, and the channel its
 * notifications go on: one channel per schema, so stores on different schemas of one database
 * never wake each other.
 */
final class Tables {

    /** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
    private static final int MAX_IDENTIFIER = 63;

    final String mailboxes;

    final String folders;

    final String messages;

    final String subscriptions;

    /** The UIDVALIDITY sequence, as a text literal for {@code nextval}. */
    final String uidValiditySequence;

    final String channel;

    Tables(@Nullable String schema) {
        String prefix = (schema == null) ? "" : quote(schema) + ".";
        this.mailboxes = prefix + "twisted_mail_mailboxes";
        this.folders = prefix + "twisted_mail_folders";
        this.messages = prefix + "twisted_mail_messages";
        this.subscriptions = prefix + "twisted_mail_subscriptions";
        this.uidValiditySequence = "'" + (prefix + "twisted_mail_uidvalidity").replace("'", "''") + "'";
        String channel = (schema == null) ? "twisted_mail" : "twisted_mail_" + schema;
        this.channel = channel.length() > MAX_IDENTIFIER ? channel.substring(0, MAX_IDENTIFIER) : channel;
    }

    /** {@code LISTEN} on the channel, the name quoted. */
    String listen() {
        return "LISTEN " + quote(this.channel);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
