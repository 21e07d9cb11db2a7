package twisted.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves a directory tree from the file system: {@code Range} requests, {@code Last-Modified} and
 * {@code ETag} with conditional GET (304), and content types from the file names, through Spring's
 * resource handling. A directory is served by its {@code index.html} or {@code index.htm};
 * without one it answers 403, since listing directories is off. A file with more path below it
 * ({@code /index.html/x}) is 404, as in Twisted. Paths never leave the root: {@code ..}, hidden
 * segments, encoded separators ({@code %2F}, {@code %5C}) and symbolic links pointing outside are
 * refused.
 *
 * <pre>{@code
 * root.putChild("static", new File(Path.of("public")));
 * }</pre>
 *
 * <p>Twisted: {@code twisted.web.static.File} (with {@code DirectoryLister} off by default).
 *
 * @since 0.1.0
 */
public class File extends Resource {

    private static final List<String> INDEX_NAMES = List.of("index.html", "index.htm");

    private final Path root;

    private final Path path;

    /**
     * Serves {@code directory} (or a single file).
     *
     * @param directory the directory or file to serve
     */
    public File(Path directory) {
        this(directory.toAbsolutePath().normalize(), directory.toAbsolutePath().normalize());
    }

    private File(Path root, Path path) {
        this.root = root;
        this.path = path;
    }

    /**
     * The file or directory named {@code segment} in this directory. A file has no children: a path
     * below it ({@code index.html/x}, or {@code index.html/}) is 404, as in Twisted. The segment
     * arrives percent-decoded, so it is checked as a single name: {@code ..}, names starting with a
     * dot, and names holding a slash, a backslash or NUL ({@code %2F}, {@code %5C}, {@code %00} once
     * decoded) are refused with 403.
     */
    @Override
    public Object getChild(String segment, Request request) {
        if (!Files.isDirectory(this.path)) {
            return ErrorPage.notFound();
        }
        if (segment.isEmpty()) {
            return this;
        }
        if (segment.startsWith(".") || segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0
                || segment.indexOf('\0') >= 0) {
            return ErrorPage.forbidden();
        }
        Path child;
        try {
            child = this.path.resolve(segment).normalize();
        }
        catch (java.nio.file.InvalidPathException ex) {
            return ErrorPage.notFound();
        }
        if (!this.path.equals(child.getParent()) || !child.startsWith(this.root) || !Files.exists(child)) {
            // one name, one level down: nothing a platform reads as a root or a separator gets further
            return ErrorPage.notFound();
        }
        try {
            if (!child.toRealPath().startsWith(this.root.toRealPath())) {
                return ErrorPage.forbidden();
            }
        }
        catch (java.io.IOException ex) {
            return ErrorPage.notFound();
        }
        return new File(this.root, child);
    }

    @Override
    protected Object renderGET(Request request) {
        Path target = this.path;
        if (Files.isDirectory(target)) {
            target = INDEX_NAMES.stream().map(target::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
            if (target == null) {
                return ErrorPage.forbidden().render(request);
            }
        }
        if (!Files.isReadable(target)) {
            return ErrorPage.notFound().render(request);
        }
        return new FileBody(target);
    }

    /** A renderer's result meaning "send this file". */
    record FileBody(Path path) {
    }
}
