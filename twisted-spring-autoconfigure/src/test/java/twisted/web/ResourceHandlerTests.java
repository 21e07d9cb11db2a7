package twisted.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionLostException;
import twisted.internet.netty.NettyReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A resource tree served by WebFlux on a real Reactor Netty server, on loopback. */
@ExtendWith(OutputCaptureExtension.class)
class ResourceHandlerTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    private final List<Object> notified = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Request> slowRequest = new CompletableFuture<>();

    private final List<DisposableServer> servers = new CopyOnWriteArrayList<>();

    private Resource root;

    private DisposableServer server;

    private WebTestClient client;

    @TempDir
    Path site;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(this.site.resolve("index.html"), "<html><body><form method='post' action='/web/form'>"
                + "<input name='name'><input type='submit'></form></body></html>");
        Files.write(this.site.resolve("data.bin"), bytes(1000));
        Files.createDirectories(this.site.resolve("empty"));
        Resource root = new Resource();
        root.putChild("", new Text("root page"));
        root.putChild("hello", new Text("hi"));
        root.putChild("calendar", new Calendar());
        root.putChild("form", new Form());
        root.putChild("busy", new Busy(this.reactor));
        root.putChild("slow", new Slow(this.reactor, this.notified, this.slowRequest));
        root.putChild("later", new Later());
        root.putChild("lazy", new Lazy());
        root.putChild("body", new Body());
        root.putChild("boom", new Boom());
        root.putChild("teapot", new Teapot());
        root.putChild("moved", new Moved());
        root.putChild("echo", new Echo(this.notified));
        root.putChild("static", new File(this.site));
        root.putChild("args", new Args());
        root.putChild("sizes", new Sizes());
        Files.createDirectories(this.site.resolve("jail/sub"));
        Files.writeString(this.site.resolve("jail/inside.txt"), "inside");
        Files.writeString(this.site.resolve("jail/sub/inner.txt"), "inner");
        Files.writeString(this.site.resolve("secret.txt"), "top secret");
        root.putChild("jail", new File(this.site.resolve("jail")));
        this.root = root;
        this.server = serve(1024);
        this.client = client(this.server);
    }

    private DisposableServer serve(long maxBodySize) {
        DisposableServer started = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(
                        ResourceHandler.mount("/web", this.root, this.reactor, maxBodySize))))
                .bindNow();
        this.servers.add(started);
        return started;
    }

    private static WebTestClient client(DisposableServer server) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + server.port())
                .responseTimeout(Duration.ofSeconds(20)).codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(-1))
                .build();
    }

    /** Sends {@code GET target} as written, without any client's encoding, and reads the whole response. */
    private String get(String target) throws Exception {
        return send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as written and reads the whole response. */
    private String send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void stop() throws Exception {
        this.servers.forEach(DisposableServer::disposeNow);
        this.running.close();
    }

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    // ------------------------------------------------------------------ resources

    static final class Text extends Resource {

        private final String text;

        Text(String text) {
            this.text = text;
        }

        @Override
        protected Object renderGET(Request request) {
            request.setHeader(HttpHeaders.CONTENT_TYPE, "text/plain");
            return this.text;
        }
    }

    static final class Calendar extends Resource {

        @Override
        public Object getChild(String year, Request request) {
            return new Text("Calendar for " + Integer.parseInt(year));
        }
    }

    static final class Form extends Resource {

        @Override
        protected Object renderGET(Request request) {
            return "<html><body><form method='post'><input name='name'></form></body></html>";
        }

        @Override
        protected Object renderPOST(Request request) {
            StringBuilder answer = new StringBuilder("You submitted: " + request.getArgs());
            request.getUploads().forEach((field, files) -> files.forEach(file -> answer.append(" [").append(field)
                    .append(": ").append(file.filename()).append(", ").append(file.content().length).append(" bytes]")));
            return answer.toString();
        }
    }

    static final class Busy extends Resource {

        private final NettyReactor reactor;

        Busy(NettyReactor reactor) {
            this.reactor = reactor;
        }

        @Override
        protected Object renderGET(Request request) {
            this.reactor.callLater(Duration.ofMillis(100), () -> {
                request.write("Finally done, ".getBytes(StandardCharsets.UTF_8));
                request.write("after a while.".getBytes(StandardCharsets.UTF_8));
                request.finish();
            });
            return NOT_DONE_YET;
        }
    }

    /** Streams a chunk every 20 ms until the client goes away. */
    static final class Slow extends Resource {

        private final NettyReactor reactor;

        private final List<Object> notified;

        private final CompletableFuture<Request> seen;

        Slow(NettyReactor reactor, List<Object> notified, CompletableFuture<Request> seen) {
            this.reactor = reactor;
            this.notified = notified;
            this.seen = seen;
        }

        @Override
        protected Object renderGET(Request request) {
            request.notifyFinish().addCallbacks(done -> this.notified.add("finished"), failure -> this.notified.add(failure));
            this.seen.complete(request);
            tick(request, 0);
            return NOT_DONE_YET;
        }

        private void tick(Request request, int n) {
            request.write(("chunk " + n + "\n").getBytes(StandardCharsets.UTF_8));
            if (n == 500) {
                request.finish();
                return;
            }
            this.reactor.callLater(Duration.ofMillis(20), () -> tick(request, n + 1));
        }
    }

    static final class Later extends Resource {

        @Override
        protected Object renderGET(Request request) {
            return Deferred.succeed("computed later").thenApply(s -> s + ", on the reactor thread");
        }
    }

    /** Dynamic dispatch through a Deferred child (beyond Twisted). */
    static final class Lazy extends Resource {

        @Override
        public Object getChild(String path, Request request) {
            return Deferred.succeed(new Text("lazy " + path));
        }
    }

    static final class Body extends Resource {

        @Override
        protected Object renderPUT(Request request) {
            return "got " + request.getContent().length + " bytes";
        }
    }

    static final class Boom extends Resource {

        @Override
        protected Object renderGET(Request request) {
            throw new IllegalStateException("secret internals");
        }
    }

    static final class Teapot extends Resource {

        @Override
        protected Object renderGET(Request request) {
            return Deferred.fail(new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout"));
        }
    }

    static final class Moved extends Resource {

        @Override
        protected Object renderGET(Request request) {
            request.addCookie(ResponseCookie.from("visited", "yes").path("/").httpOnly(true).build());
            request.redirect("/web/hello");
            return new byte[0];
        }
    }

    /** Answers with what it was asked: arguments, a cookie, the body's size; and notes when it is finished. */
    static final class Echo extends Resource {

        private final List<Object> notified;

        Echo(List<Object> notified) {
            this.notified = notified;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected Object renderGET(Request request) {
            request.notifyFinish().addCallbacks(done -> this.notified.add("finished " + request.getUri()),
                    failure -> this.notified.add(failure));
            return "args=" + request.getArgs() + " name=" + request.getArg("name") + " cookie="
                    + request.getCookie("flavour") + " body=" + request.getContent().length + " postpath="
                    + request.getPostpath();
        }
    }

    /** Answers with the arguments, each value quoted, so that an empty value shows. */
    static final class Args extends Resource {

        @Override
        protected Object renderGET(Request request) {
            StringBuilder answer = new StringBuilder();
            request.getArgs().forEach((name, values) -> answer.append(name).append('=')
                    .append(values.stream().map(v -> "'" + v + "'").toList()).append(' '));
            return answer.toString().trim();
        }

        @Override
        protected Object renderPOST(Request request) {
            return renderGET(request);
        }
    }

    /** Answers with the length of each argument's values and of each upload. */
    static final class Sizes extends Resource {

        @Override
        protected Object renderPOST(Request request) {
            StringBuilder answer = new StringBuilder();
            request.getArgs().forEach((name, values) -> answer.append(name).append('=')
                    .append(values.stream().map(String::length).toList()).append(' '));
            request.getUploads().forEach((name, files) -> answer.append(name).append('=')
                    .append(files.stream().map(file -> file.content().length).toList()).append(' '));
            return answer.toString().trim();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void rendersAResourceAndHeadAnswersFromGetWithoutTheBody() {
        this.client.get().uri("/web/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hi");
        this.client.head().uri("/web/hello").exchange().expectStatus().isOk().expectHeader().contentLength(2)
                .expectBody().isEmpty();
        this.client.get().uri("/web/").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("root page");
    }

    @Test
    void aWholeBodyGoesOutWithItsLengthNotChunkedAndNotifyFinishFires() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /web/echo/a/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String body = "args={} name=null cookie=null body=0 postpath=[a, b]";
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + body.length())
                    .doesNotContainIgnoringCase("transfer-encoding").endsWith("\r\n\r\n" + body);
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> !this.notified.isEmpty());
        assertThat(this.notified).containsExactly("finished /web/echo/a/b");
    }

    @Test
    void argumentsAndCookiesOfAGetArriveWhenTheResourceAsks() {
        this.client.get().uri("/web/echo?name=Jessica&name=Bob&x=1").cookie("flavour", "oat").exchange().expectStatus()
                .isOk().expectBody(String.class)
                .isEqualTo("args={name=[Jessica, Bob], x=[1]} name=Jessica cookie=oat body=0 postpath=[]");
    }

    @Test
    void aGetWithABodyStillHasItsBodyRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /web/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Length: 5\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("body=5 postpath=[]");
        }
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /web/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("body=3 postpath=[]");
        }
    }

    @Test
    void onlyAGetOrHeadWithoutLengthOrTransferEncodingSkipsReadingTheBody() {
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.get("/web").build(), -1)).isTrue();
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.head("/web").build(), 0)).isTrue();
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.get("/web").build(), 5)).isFalse();
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.get("/web")
                .header(HttpHeaders.TRANSFER_ENCODING, "chunked").build(), -1)).isFalse();
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.post("/web").build(), -1)).isFalse();
        assertThat(ResourceHandler.hasNoBody(MockServerHttpRequest.delete("/web").build(), -1)).isFalse();
    }

    @Test
    void missingMethodIs405WithAnAllowHeader() {
        this.client.post().uri("/web/hello").exchange().expectStatus().isEqualTo(405).expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET, HEAD");
        this.client.delete().uri("/web/form").exchange().expectStatus().isEqualTo(405).expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET, HEAD, POST");
    }

    @Test
    void unknownPathIs404() {
        this.client.get().uri("/web/nothing/here").exchange().expectStatus().isNotFound();
    }

    @Test
    void dynamicDispatchComputesTheChild() {
        this.client.get().uri("/web/calendar/2013").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("Calendar for 2013");
        this.client.get().uri("/web/lazy/thing").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("lazy thing");
    }

    @Test
    void formPostArgumentsArrive() {
        this.client.post().uri("/web/form?from=query").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("name", "Jessica")).exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("You submitted: {from=[query], name=[Jessica]}");
    }

    @Test
    void multipartPostWithAFileArrives() {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("name", "Jessica");
        parts.part("photo", new ByteArrayResource(bytes(300)) {
            @Override
            public String getFilename() {
                return "photo.jpg";
            }
        }).contentType(MediaType.IMAGE_JPEG);
        this.client.post().uri("/web/form").body(BodyInserters.fromMultipartData(parts.build())).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .isEqualTo("You submitted: {name=[Jessica]} [photo: photo.jpg, 300 bytes]");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        this.client.put().uri("/web/body").bodyValue(bytes(100)).exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("got 100 bytes");
        this.client.put().uri("/web/body").bodyValue(bytes(5000)).exchange().expectStatus().isEqualTo(413);
    }

    @Test
    void notDoneYetAnswersLater() {
        this.client.get().uri("/web/busy").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("Finally done, after a while.");
    }

    @Test
    void renderMayReturnADeferred() {
        this.client.get().uri("/web/later").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("computed later, on the reactor thread");
        this.client.get().uri("/web/teapot").exchange().expectStatus().isEqualTo(418);
    }

    @Test
    void errorsAre500WithoutTheTraceback(CapturedOutput output) {
        this.client.get().uri("/web/boom").exchange().expectStatus().isEqualTo(500).expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("secret"));
        assertThat(output.getAll()).contains("secret internals");
    }

    @Test
    void redirectAndCookie() {
        this.client.get().uri("/web/moved").exchange().expectStatus().isFound().expectHeader()
                .valueEquals(HttpHeaders.LOCATION, "/web/hello").expectCookie().valueEquals("visited", "yes");
    }

    @Test
    void staticFilesWithRangeEtagAndIndex() {
        this.client.get().uri("/web/static/").exchange().expectStatus().isOk().expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML).expectBody(String.class)
                .value(body -> assertThat(body).contains("<form"));
        String etag = this.client.get().uri("/web/static/data.bin").exchange().expectStatus().isOk().expectHeader()
                .contentLength(1000).expectHeader().exists(HttpHeaders.LAST_MODIFIED).returnResult(byte[].class)
                .getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        this.client.get().uri("/web/static/data.bin").header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus()
                .isNotModified();
        this.client.get().uri("/web/static/data.bin").header(HttpHeaders.RANGE, "bytes=10-19").exchange().expectStatus()
                .isEqualTo(206).expectHeader().valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 10-19/1000")
                .expectBody(byte[].class).isEqualTo(java.util.Arrays.copyOfRange(bytes(1000), 10, 20));
        this.client.get().uri("/web/static/empty/").exchange().expectStatus().isForbidden();
        this.client.get().uri("/web/static/missing.txt").exchange().expectStatus().isNotFound();
    }

    @Test
    void pathTraversalOutOfTheRootIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /web/static/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:");
        }
    }

    @Test
    void clientDisconnectingMidResponseErrbacksNotifyFinishAndNothingEscapes(CapturedOutput output) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /web/slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            String seen = "";
            while (!seen.contains("chunk 2")) {
                int n = in.read(buffer);
                seen += new String(buffer, 0, n, StandardCharsets.US_ASCII);
            }
            assertThat(seen).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> !this.notified.isEmpty());
        assertThat(this.notified).singleElement().isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.value()).isInstanceOf(ConnectionLostException.class));
        Request request = this.slowRequest.get(1, TimeUnit.SECONDS);
        assertThat(request.isConnected()).isFalse();
        Thread.sleep(200); // the resource keeps writing: those writes are quiet no-ops
        assertThat(output.getAll()).doesNotContain("Exception");
        // Each call gives a new Deferred: take one, and handle the failure it holds, or it is reported as
        // unhandled when collected, in whichever later test the collector runs.
        Deferred<@Nullable Void> late = request.notifyFinish();
        assertThat(late.hasFailed()).as("called late, it has already fired").isTrue();
        late.addErrback(f -> null);
    }

    // ------------------------------------------------------------------ issue 11: arguments, body limits, paths

    @Test
    void anArgumentWithoutAValueHasTheEmptyValueAsInTwisted(CapturedOutput output) throws Exception {
        assertThat(get("/web/args?flag&x=1&empty=")).startsWith("HTTP/1.1 200").endsWith("flag=[''] x=['1'] empty=['']");
        assertThat(get("/web/args?plus=a+b%2Bc&&%C3%A9=%E2%82%AC&pct=100%25")).startsWith("HTTP/1.1 200")
                .endsWith("plus=['a b+c'] \u00e9=['\u20ac'] pct=['100%']");
        this.client.post().uri("/web/args").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("name&x=1&bad=%zz")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("name=[''] x=['1'] bad=['%zz']");
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("NullPointerException");
    }

    /** What the web fuzz target found (docs/reliability.md, Fuzzing): each was a 500. */
    @Test
    void theFuzzersFindingsAreAnsweredWithoutA500(CapturedOutput output) throws Exception {
        this.client.get().uri("/web/args?a=1&flag").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("a=['1'] flag=['']");
        this.client.post().uri("/web/args").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("name=value&flag")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("name=['value'] flag=['']");
        this.client.post().uri("/web/args").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("a=%th")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("a=['%th']");
        assertThat(send("PUT /web/body HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: deam=vgia\r\n"
                + "Content-Length: 1\r\n\r\nx")).startsWith("HTTP/1.1 200").endsWith("got 1 bytes");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void maxBodySizeGovernsFormBodiesBeyondTheCodecsLimit(CapturedOutput output) throws Exception {
        DisposableServer server = serve(MIB_2);
        client(server).post().uri("/web/sizes").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("name=" + "x".repeat(1024 * 1024)).exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("name=[1048576]");
        // chunked, so that nothing declares the size up front
        String response = postChunked(server, MediaType.APPLICATION_FORM_URLENCODED_VALUE, "name=" + "x".repeat(3 * 1024 * 1024));
        assertThat(response).startsWith("HTTP/1.1 413").contains("the limit is " + MIB_2 + " bytes");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void maxBodySizeGovernsMultipartBodiesWholeAndPerField(CapturedOutput output) throws Exception {
        DisposableServer large = serve(MIB_2);
        MultipartBodyBuilder fieldAndFile = new MultipartBodyBuilder();
        fieldAndFile.part("name", "x".repeat(1024 * 1024));
        fieldAndFile.part("photo", upload(300 * 1024));
        client(large).post().uri("/web/sizes").body(BodyInserters.fromMultipartData(fieldAndFile.build())).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("name=[1048576] photo=[307200]");
        // two files, each within the limit, 3 MiB together; chunked, so that nothing declares the size up front
        String part = "--abc\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.bin\"\r\n\r\n"
                + "x".repeat(1536 * 1024) + "\r\n";
        String response = postChunked(large, "multipart/form-data; boundary=abc", part + part + "--abc--\r\n");
        assertThat(response).startsWith("HTTP/1.1 413").contains("the limit is " + MIB_2 + " bytes");
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void aMalformedBodyIs400AndNotLoggedAsAnError(CapturedOutput output) {
        this.client.post().uri("/web/sizes").contentType(MediaType.parseMediaType("multipart/form-data; boundary=abc"))
                .bodyValue("--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing boundary").exchange()
                .expectStatus().isBadRequest();
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    /**
     * Posts {@code body} in 64 KiB chunks from another thread, as a client that does not wait for
     * the server, and reads the response; the server may answer and close before the body is all sent.
     */
    private static String postChunked(DisposableServer server, String contentType, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    out.write(("POST /web/sizes HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + contentType
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
                    for (int at = 0; at < bytes.length; at += 65536) {
                        int n = Math.min(65536, bytes.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(bytes, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                catch (java.io.IOException closedByTheServer) {
                    // expected once the server has answered 413
                }
            });
            // read as it comes: the server resets the connection once it has answered, with the body unread
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                    response.write(buffer, 0, n);
                }
            }
            catch (java.net.SocketException reset) {
                // what was read before the reset is the answer
            }
            sending.cancel(true);
            return response.toString(StandardCharsets.US_ASCII);
        }
    }

    private static final long MIB_2 = 2 * 1024 * 1024;

    private static ByteArrayResource upload(int size) {
        return new ByteArrayResource(bytes(size)) {
            @Override
            public String getFilename() {
                return "photo.jpg";
            }
        };
    }

    @Test
    void pathSegmentsArePercentDecodedBeforeTraversal() throws Exception {
        Files.writeString(this.site.resolve("my file.html"), "spaced");
        assertThat(get("/web/static/my%20file.html")).startsWith("HTTP/1.1 200").endsWith("spaced");
        assertThat(get("/web/lazy/a%20b%2Bc+d%C3%A9")).startsWith("HTTP/1.1 200").endsWith("lazy a b+c+d\u00e9");
        assertThat(get("/web/echo/a%2Fb/c")).startsWith("HTTP/1.1 200").endsWith("postpath=[a/b, c]");
        assertThat(get("/web/lazy/%zz")).startsWith("HTTP/1.1 400");
    }

    @Test
    void aFileWithPathSegmentsBelowItIsNotFound() throws Exception {
        assertThat(get("/web/static/index.html")).startsWith("HTTP/1.1 200");
        assertThat(get("/web/static/index.html/x")).startsWith("HTTP/1.1 404").doesNotContain("<form");
        assertThat(get("/web/static/index.html/")).startsWith("HTTP/1.1 404").doesNotContain("<form");
    }

    @Test
    void encodedPathTraversalIsRefused() throws Exception {
        assertThat(get("/web/jail/inside.txt")).startsWith("HTTP/1.1 200").endsWith("inside");
        for (String target : List.of("/web/jail/%2e%2e/secret.txt", "/web/jail/%2E%2E/secret.txt",
                "/web/jail/.%2e/secret.txt", "/web/jail/..%2fsecret.txt", "/web/jail/%2e%2e%2fsecret.txt",
                "/web/jail/..%5csecret.txt", "/web/jail/%252e%252e/secret.txt", "/web/jail/sub%2f..%2f..%2fsecret.txt",
                "/web/jail/sub%2finner.txt", "/web/jail/%2fetc%2fpasswd", "/web/jail/inside.txt%00.html",
                "/web/jail/sub/%2e%2e/%2e%2e/secret.txt")) {
            assertThat(get(target)).as(target).doesNotStartWith("HTTP/1.1 200").doesNotContain("top secret")
                    .doesNotContain("inner").doesNotContain("root:");
        }
    }
}
