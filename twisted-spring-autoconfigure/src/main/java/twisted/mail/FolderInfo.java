package twisted.mail;

import java.util.Set;

/**
 * A folder as {@code LIST} shows it.
 *
 * @param name its full name, levels separated by the account's delimiter
 * @param attributes its attributes: {@code \HasChildren} or {@code \HasNoChildren},
 *        {@code \Noselect} for a level that holds no messages, and special-use attributes
 *        ({@code \Sent}, {@code \Drafts}, {@code \Trash}, {@code \Junk}, {@code \Archive})
 * @since 0.1.0
 */
public record FolderInfo(String name, Set<String> attributes) {

    /**
     * Copies the attributes.
     *
     * @param name its full name
     * @param attributes its attributes
     */
    public FolderInfo {
        attributes = Set.copyOf(attributes);
    }
}
