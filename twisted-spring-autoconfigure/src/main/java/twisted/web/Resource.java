package twisted.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A node of a web site's resource tree, Twisted's way: a resource renders itself for a request,
 * and has children for the path segments below it, fixed ({@link #putChild}) or computed
 * ({@link #getChild}, which may even return a {@code Deferred<Resource>}, beyond Twisted).
 *
 * <pre>{@code
 * class Clock extends Resource {
 *     @Override
 *     protected Object renderGET(Request request) {
 *         return "<html><body>" + Instant.now() + "</body></html>";
 *     }
 * }
 * Resource root = new Resource();
 * root.putChild("clock", new Clock());
 * }</pre>
 *
 * <p>A renderer returns the body ({@code byte[]}, or a {@code String} sent as UTF-8),
 * {@link #NOT_DONE_YET} when it will {@code write}/{@code finish} the request later, or a
 * {@code Deferred}, {@code Mono} or {@code CompletionStage} of the body (beyond Twisted, #3711).
 * Renderers run on the reactor thread. A method without a renderer gets 405 with an
 * {@code Allow} header; {@code HEAD} is answered from {@code GET} without the body.
 *
 * <p>Twisted: {@code twisted.web.resource.Resource}; the {@code render_GET} methods are
 * {@code renderGET} here, dispatched through a table, not by name.
 *
 * @since 0.1.0
 */
public class Resource {

    /** Returned by a renderer that will finish the request itself. Twisted: {@code NOT_DONE_YET}. */
    public static final Object NOT_DONE_YET = new Object() {
        @Override
        public String toString() {
            return "NOT_DONE_YET";
        }
    };

    private static final List<String> RENDERERS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private static final Map<Class<?>, List<String>> ALLOWED = new ConcurrentHashMap<>();

    private final Map<String, Resource> children = new LinkedHashMap<>();

    /**
     * Adds a fixed child for a path segment. {@code ""} is the child for a trailing slash.
     *
     * @param path the segment, without slashes
     * @param child the child
     */
    public void putChild(String path, Resource child) {
        if (path.contains("/")) {
            throw new IllegalArgumentException("a child's path is one segment, without '/': " + path);
        }
        this.children.put(path, Objects.requireNonNull(child, "child"));
    }

    /**
     * The fixed children.
     *
     * @return the children by segment
     */
    public Map<String, Resource> getChildren() {
        return java.util.Collections.unmodifiableMap(this.children);
    }

    /**
     * The child for a segment that has no fixed child: a 404 page by default. Override it for
     * dynamic dispatch (the book's calendar by year). It may return a {@code Deferred<Resource>}.
     * The segment arrives percent-decoded, as in Twisted, so it may hold any character, a slash
     * ({@code %2F}) or {@code ..} included: a resource that maps segments to files or keys checks
     * them as {@link File} does.
     *
     * @param path the segment, percent-decoded
     * @param request the request
     * @return the child resource, or a Deferred of it
     */
    public Object getChild(String path, Request request) {
        return ErrorPage.notFound();
    }

    /**
     * The fixed child for {@code path}, or else {@link #getChild}. Twisted: {@code getChildWithDefault}.
     *
     * @param path the segment
     * @param request the request
     * @return the child, or a Deferred of it
     */
    public Object getChildWithDefault(String path, Request request) {
        Resource child = this.children.get(path);
        return (child != null) ? child : getChild(path, request);
    }

    /**
     * Whether traversal stops here and this resource renders the rest of the path itself
     * ({@code request.getPostpath()}).
     *
     * @return {@code false} by default
     */
    public boolean isLeaf() {
        return false;
    }

    /**
     * Renders the request by its method.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET}, or a Deferred/Mono/CompletionStage of the body
     * @throws UnsupportedMethodException for a method without a renderer
     */
    public Object render(Request request) {
        return switch (request.getMethod()) {
            case "GET" -> renderGET(request);
            case "HEAD" -> renderHEAD(request);
            case "POST" -> renderPOST(request);
            case "PUT" -> renderPUT(request);
            case "DELETE" -> renderDELETE(request);
            case "PATCH" -> renderPATCH(request);
            case "OPTIONS" -> renderOPTIONS(request);
            default -> throw unsupported(request);
        };
    }

    /**
     * Renders GET.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderGET(Request request) {
        throw unsupported(request);
    }

    /**
     * Renders HEAD: as GET, whose body is then dropped.
     *
     * @param request the request
     * @return what GET renders
     */
    protected Object renderHEAD(Request request) {
        return renderGET(request);
    }

    /**
     * Renders POST.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderPOST(Request request) {
        throw unsupported(request);
    }

    /**
     * Renders PUT.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderPUT(Request request) {
        throw unsupported(request);
    }

    /**
     * Renders DELETE.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderDELETE(Request request) {
        throw unsupported(request);
    }

    /**
     * Renders PATCH.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderPATCH(Request request) {
        throw unsupported(request);
    }

    /**
     * Renders OPTIONS.
     *
     * @param request the request
     * @return the body, {@link #NOT_DONE_YET} or a Deferred of the body
     */
    protected Object renderOPTIONS(Request request) {
        throw unsupported(request);
    }

    /**
     * The methods this resource renders, for the {@code Allow} header: those whose renderer its
     * class overrides, plus HEAD when it renders GET. Twisted: {@code allowedMethods}.
     *
     * @return the methods
     */
    public List<String> allowedMethods() {
        return ALLOWED.computeIfAbsent(getClass(), Resource::overriddenRenderers);
    }

    private UnsupportedMethodException unsupported(Request request) {
        return new UnsupportedMethodException(request.getMethod(), allowedMethods());
    }

    private static List<String> overriddenRenderers(Class<?> type) {
        List<String> allowed = new ArrayList<>();
        for (String method : RENDERERS) {
            if (overrides(type, "render" + method)) {
                allowed.add(method);
                if (method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return List.copyOf(allowed);
    }

    private static boolean overrides(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Resource.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == Request.class) {
                    return true;
                }
            }
        }
        return false;
    }

    static @Nullable Resource asResource(@Nullable Object value) {
        return (value instanceof Resource resource) ? resource : null;
    }
}
