package twisted.internet.endpoints;

/**
 * An endpoint description string that cannot be used, with the part that is wrong and why.
 *
 * @since 0.1.0
 */
public class EndpointSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String description;

    private final String part;

    /**
     * Creates the exception.
     *
     * @param description the whole description string
     * @param part the wrong part of it
     * @param problem what is wrong, and what would be right
     */
    public EndpointSyntaxException(String description, String part, String problem) {
        super("Invalid endpoint '" + description + "': " + (part.isEmpty() ? "" : "'" + part + "' ") + problem);
        this.description = description;
        this.part = part;
    }

    /**
     * The description string.
     *
     * @return the string as given
     */
    public String getDescription() {
        return this.description;
    }

    /**
     * The part of the description that is wrong.
     *
     * @return the part, or an empty string when the whole is wrong
     */
    public String getPart() {
        return this.part;
    }
}
