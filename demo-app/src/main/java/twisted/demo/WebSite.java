package twisted.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.util.HtmlUtils;
import twisted.internet.Reactor;
import twisted.web.File;
import twisted.web.Request;
import twisted.web.Resource;

/**
 * Chapter 4's web site, mounted at {@code /web} (see {@code twisted.web.mount-path}): static files
 * packaged in the jar ({@code src/main/resources/static-site}), a clock, a calendar by year through dynamic dispatch, a form, and a page answered later.
 */
@Configuration(proxyBeanMethods = false)
class WebSite {

    private static final Logger log = LoggerFactory.getLogger(WebSite.class);

    /** Where the static pages are packaged: {@code src/main/resources/static-site}, in the jar. */
    static final String STATIC_SITE = "static-site/";

    @Bean
    Resource root(Reactor reactor, @Value("${demo.web.static-directory:}") String staticDirectory) {
        Resource root = staticSite(staticDirectory);
        root.putChild("clock", new ClockPage());
        root.putChild("calendar", new Calendar());
        root.putChild("form", new FormPage());
        root.putChild("busy", new BusyPage(reactor));
        root.putChild("hello", new HelloPage());
        return root;
    }

    /**
     * The static pages: from the classpath (in the jar, so the working directory does not matter),
     * or from {@code demo.web.static-directory} when set, to edit pages without rebuilding. A
     * directory that does not exist is reported and the packaged pages are served instead.
     */
    static Resource staticSite(String staticDirectory) {
        if (!staticDirectory.isBlank()) {
            Path directory = Path.of(staticDirectory);
            if (Files.isDirectory(directory)) {
                return new File(directory);
            }
            log.warn("demo.web.static-directory ({}) is not a directory (working directory {}): serving the pages "
                    + "packaged in the jar instead", directory.toAbsolutePath(), Path.of("").toAbsolutePath());
        }
        return new ClasspathSite(STATIC_SITE);
    }

    /**
     * Serves the files under a classpath folder, read through Spring's {@link ClassPathResource}
     * (a plain directory in the IDE, an entry of the jar once packaged). A folder is served by its
     * {@code index.html}; names starting with a dot, and any other path trick, are refused.
     */
    static final class ClasspathSite extends Resource {

        private final String folder;

        ClasspathSite(String folder) {
            this.folder = folder;
        }

        @Override
        public Object getChild(String segment, Request request) {
            if (segment.isEmpty()) {
                return this;
            }
            if (segment.startsWith(".") || segment.contains("/") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return super.getChild(segment, request);
            }
            if (new ClassPathResource(this.folder + segment + "/index.html").isReadable()) {
                return new ClasspathSite(this.folder + segment + "/");
            }
            ClassPathResource file = new ClassPathResource(this.folder + segment);
            return file.isReadable() ? new ClasspathFile(file) : super.getChild(segment, request);
        }

        @Override
        protected Object renderGET(Request request) {
            ClassPathResource index = new ClassPathResource(this.folder + "index.html");
            return index.isReadable() ? new ClasspathFile(index).renderGET(request) : super.renderGET(request);
        }
    }

    /**
     * One packaged file, with its content type from its name. Not a leaf: a path below a file
     * ({@code /web/index.html/x}) is 404, as with Twisted's {@code File}.
     */
    static final class ClasspathFile extends Resource {

        private final ClassPathResource file;

        ClasspathFile(ClassPathResource file) {
            this.file = file;
        }

        @Override
        protected Object renderGET(Request request) {
            request.setHeader("Content-Type", MediaTypeFactory.getMediaType(this.file)
                    .orElse(MediaType.APPLICATION_OCTET_STREAM).toString());
            try (InputStream in = this.file.getInputStream()) {
                return in.readAllBytes();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** The benchmark's page: the same bytes as {@link HelloController}, through a Resource. */
    static final class HelloPage extends Resource {

        @Override
        protected Object renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return HelloController.HELLO;
        }
    }

    /** Dynamic content: the time, rendered on each request. */
    static final class ClockPage extends Resource {

        @Override
        protected Object renderGET(Request request) {
            return "<html><body>The local time is " + LocalTime.now().withNano(0) + "</body></html>\n";
        }
    }

    /** Dynamic dispatch: {@code /web/calendar/2013} is computed, not registered. */
    static final class Calendar extends Resource {

        @Override
        public Object getChild(String year, Request request) {
            try {
                return new YearPage(Year.parse(year));
            }
            catch (RuntimeException notAYear) {
                return super.getChild(year, request);
            }
        }
    }

    static final class YearPage extends Resource {

        private final Year year;

        YearPage(Year year) {
            this.year = year;
        }

        @Override
        protected Object renderGET(Request request) {
            StringBuilder page = new StringBuilder("<html><body><h1>" + this.year + "</h1><ul>");
            for (Month month : Month.values()) {
                page.append("<li>").append(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append(": ")
                        .append(this.year.atMonth(month).lengthOfMonth()).append(" days</li>");
            }
            return page.append("</ul></body></html>\n").toString();
        }
    }

    /** Handling a POST: the form, and what was submitted. */
    static final class FormPage extends Resource {

        @Override
        protected Object renderGET(Request request) {
            return "<html><body><form method='post'><input name='name'><input type='submit'></form></body></html>\n";
        }

        @Override
        protected Object renderPOST(Request request) {
            List<String> names = request.getArgs().getOrDefault("name", List.of());
            return "<html><body>You submitted: " + HtmlUtils.htmlEscape(String.join(", ", names)) + "</body></html>\n";
        }
    }

    /** Asynchronous answer: the page says it is done two seconds later. */
    static final class BusyPage extends Resource {

        private final Reactor reactor;

        BusyPage(Reactor reactor) {
            this.reactor = reactor;
        }

        @Override
        protected Object renderGET(Request request) {
            this.reactor.callLater(Duration.ofSeconds(2), () -> {
                request.write("<html><body>Finally done, after 2 seconds.</body></html>\n".getBytes());
                request.finish();
            });
            return NOT_DONE_YET;
        }
    }
}
