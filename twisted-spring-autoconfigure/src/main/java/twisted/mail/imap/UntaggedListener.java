package twisted.mail.imap;

import java.util.Map;

/**
 * Receives what the server tells {@link IMAP4Client} without being asked: new messages
 * ({@code EXISTS}), removed ones ({@code EXPUNGE}) and flag changes ({@code FETCH}), while a
 * mailbox is selected or during {@code IDLE}. Called on the reactor thread; it must not block.
 * Each method does nothing by default.
 *
 * @since 0.1.0
 */
public interface UntaggedListener {

    /**
     * {@code * n EXISTS}: the mailbox now holds n messages.
     *
     * @param count the new number of messages
     */
    default void exists(long count) {
    }

    /**
     * {@code * n EXPUNGE}: message n is gone, and the ones after it moved down by one.
     *
     * @param sequence its sequence number
     */
    default void expunge(long sequence) {
    }

    /**
     * {@code * n FETCH (...)}: message n changed (usually its {@code FLAGS}).
     *
     * @param sequence its sequence number
     * @param items the items sent, as {@link IMAP4Client#fetch} gives them
     */
    default void fetch(long sequence, Map<String, Object> items) {
    }
}
