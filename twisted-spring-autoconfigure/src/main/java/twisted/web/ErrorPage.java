package twisted.web;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/**
 * A resource that answers every request with an error status and a short HTML page, whatever the
 * path below it. Twisted: {@code resource.ErrorPage}, {@code NoResource}, {@code ForbiddenResource}.
 *
 * @since 0.1.0
 */
public class ErrorPage extends Resource {

    private final int code;

    private final String brief;

    private final String detail;

    /**
     * Creates the page.
     *
     * @param code the HTTP status
     * @param brief the title
     * @param detail one sentence of explanation
     */
    public ErrorPage(int code, String brief, String detail) {
        this.code = code;
        this.brief = brief;
        this.detail = detail;
    }

    /**
     * The 404 page. Twisted: {@code NoResource}.
     *
     * @return a new page
     */
    public static ErrorPage notFound() {
        return new ErrorPage(404, "No Such Resource", "No such child resource.");
    }

    /**
     * The 403 page. Twisted: {@code ForbiddenResource}.
     *
     * @return a new page
     */
    public static ErrorPage forbidden() {
        return new ErrorPage(403, "Forbidden Resource", "Sorry, resource is forbidden.");
    }

    @Override
    public Object getChild(String path, Request request) {
        return this;
    }

    @Override
    public Object render(Request request) {
        request.setResponseCode(this.code);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String page = "<html><head><title>" + this.code + " - " + HtmlUtils.htmlEscape(this.brief)
                + "</title></head><body><h1>" + HtmlUtils.htmlEscape(this.brief) + "</h1><p>"
                + HtmlUtils.htmlEscape(this.detail) + "</p></body></html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The status this page answers with.
     *
     * @return the HTTP status code
     */
    public int getCode() {
        return this.code;
    }
}
