package twisted.defer;

/**
 * The failure of a {@link DeferredList} with {@code fireOnOneErrback}, and of
 * {@link DeferredList#gatherResults}: which member failed first, and how. The member's exception
 * is also this exception's cause.
 *
 * <p>Twisted: {@code defer.FirstError}.
 *
 * @since 0.1.0
 */
public class FirstErrorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Failure subFailure;

    private final int index;

    /**
     * Creates the exception.
     *
     * @param subFailure the member's failure
     * @param index the member's position
     */
    public FirstErrorException(Failure subFailure, int index) {
        super("FirstError[#" + index + ", " + subFailure + "]", subFailure.value());
        this.subFailure = subFailure;
        this.index = index;
    }

    /**
     * The failing member's failure. Twisted: {@code subFailure}.
     *
     * @return the failure
     */
    public Failure getSubFailure() {
        return this.subFailure;
    }

    /**
     * The failing member's position in the list.
     *
     * @return the index
     */
    public int getIndex() {
        return this.index;
    }
}
