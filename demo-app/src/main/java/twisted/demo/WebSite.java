package twisted.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.HtmlUtils;
import twisted.internet.Reactor;
import twisted.web.File;
import twisted.web.Request;
import twisted.web.Resource;

/**
 * Chapter 4's web site, mounted at {@code /web} (see {@code twisted.web.mount-path}): static files,
 * a clock, a calendar by year through dynamic dispatch, a form, and a page answered later.
 */
@Configuration(proxyBeanMethods = false)
class WebSite {

    @Bean
    Resource root(Reactor reactor, @Value("${demo.web.static-directory:demo-app/web}") Path staticDirectory) {
        Resource root = Files.isDirectory(staticDirectory) ? new File(staticDirectory) : new Resource();
        root.putChild("clock", new ClockPage());
        root.putChild("calendar", new Calendar());
        root.putChild("form", new FormPage());
        root.putChild("busy", new BusyPage(reactor));
        root.putChild("hello", new HelloPage());
        return root;
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
