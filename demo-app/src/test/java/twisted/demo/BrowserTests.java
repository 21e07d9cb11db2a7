package twisted.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser, headless Chromium from Debian's packages, loads the demo's static page and
 * submits its form, driven over the Chrome DevTools Protocol. CI installs Chromium and sets
 * {@code TWISTED_REQUIRE_BROWSER=1}, so there this test cannot be skipped; elsewhere it runs when
 * Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.httpEcho.endpoint=tcp:0" })
class BrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Test
    void chromiumLoadsTheStaticPageAndSubmitsTheForm(@TempDir Path profile) throws Exception {
        boolean required = "1".equals(System.getenv("TWISTED_REQUIRE_BROWSER"));
        assumeTrue(required || Files.isExecutable(CHROMIUM), "Chromium is not installed");
        Process browser = new ProcessBuilder(CHROMIUM.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path activePort = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(activePort) || Files.readAllLines(activePort).isEmpty()) {
                assertThat(System.nanoTime()).as("Chromium's DevTools port").isLessThan(deadline);
                Thread.sleep(100);
            }
            int devtools = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
            String page = "http://127.0.0.1:" + this.port + "/web/";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + devtools + "/json/new?" + page)).PUT(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            String socketUrl = JSON.readTree(created.body()).get("webSocketDebuggerUrl").asString();
            try (DevTools tab = new DevTools(http, socketUrl)) {
                String title = tab.waitFor("document.readyState === 'complete' ? document.title : ''", "chapter 4");
                assertThat(title).contains("twisted-spring");
                tab.evaluate("document.getElementById('name').value = 'Chromium'; document.getElementById('submit').click(); true");
                String answer = tab.waitFor("location.href + ' | ' + (document.body ? document.body.innerText : '')", "You submitted");
                assertThat(answer).contains("You submitted: Chromium");
            }
        }
        finally {
            stopWithChildren(browser);
        }
    }

    /**
     * Kills Chromium and the processes it started (renderer, GPU, crashpad), and waits for each:
     * a child still writing into the profile directory makes JUnit's clean-up of it fail.
     */
    private static void stopWithChildren(Process browser) throws InterruptedException {
        List<ProcessHandle> children = browser.descendants().toList();
        browser.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        browser.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
            catch (ExecutionException | TimeoutException ex) {
                // gone already, or will be reported by the clean-up that follows
            }
        }
    }

    /** One tab, over the DevTools WebSocket: evaluate JavaScript and read the result. */
    private static final class DevTools implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

        private final StringBuilder partial = new StringBuilder();

        private final AtomicInteger ids = new AtomicInteger();

        private final WebSocket socket;

        DevTools(HttpClient http, String url) throws Exception {
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                this.messages.add(JSON.readTree(this.partial.toString()));
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        String evaluate(String expression) throws Exception {
            int id = this.ids.incrementAndGet();
            String command = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate", "params",
                    Map.of("expression", expression, "returnByValue", true)));
            this.socket.sendText(command, true).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode message = this.messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && message.has("id") && message.get("id").asInt() == id) {
                    if (message.path("result").has("exceptionDetails")) {
                        throw new AssertionError("JavaScript failed in Chromium: " + message.path("result").path("result")
                                .path("description").asString());
                    }
                    JsonNode value = message.path("result").path("result").path("value");
                    return value.isMissingNode() ? "" : value.asString();
                }
            }
            throw new AssertionError("no answer from Chromium to " + expression);
        }

        String waitFor(String expression, String expected) throws Exception {
            String value = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                value = evaluate(expression);
                if (value.contains(expected)) {
                    return value;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("Chromium never showed '" + expected + "'; last: " + value);
        }

        @Override
        public void close() {
            this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
