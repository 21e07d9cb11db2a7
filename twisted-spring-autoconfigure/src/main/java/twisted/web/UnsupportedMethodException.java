package twisted.web;

import java.util.List;

/**
 * A resource has no renderer for the request's method: the answer is 405 with an {@code Allow}
 * header listing the methods it does have. Twisted: {@code server.UnsupportedMethod}.
 *
 * @since 0.1.0
 */
public class UnsupportedMethodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> allowedMethods;

    /**
     * Creates the exception.
     *
     * @param method the method asked for
     * @param allowedMethods the methods the resource renders
     */
    public UnsupportedMethodException(String method, List<String> allowedMethods) {
        super("method " + method + " is not allowed; allowed: " + allowedMethods);
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /**
     * The methods the resource renders.
     *
     * @return the methods, for the {@code Allow} header
     */
    public List<String> getAllowedMethods() {
        return this.allowedMethods;
    }
}
