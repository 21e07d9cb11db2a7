package twisted.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import twisted.cluster.redis.RedisServer;
import twisted.testing.PeerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the demo, each its own JVM on its own loopback ports, as three pods behind a
 * TCP load balancer: the {@code cluster} profile on one real Redis (Debian's {@code redis-server},
 * started here) and one real PostgreSQL ({@code TWISTED_TEST_POSTGRES_URL}, which
 * {@code .ci/start-postgres} starts; a schema of this test's own). Clients on plain sockets and
 * Jakarta Mail talk to different nodes: chat and IRC users meet in one room and one channel, a nick
 * held on one node is refused on another, mail sent through one node is read on a second and wakes
 * IMAP IDLE on the third. Then one node is killed with SIGKILL: the others keep talking, its users
 * are seen to leave and its nicks are free again within the configured bound, and the mail it
 * accepted is still there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoClusterTests {

    /** Short, so that a lost node is noticed soon; the defaults are 1s and 5s. */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    /** The promise: a node unheard for node-timeout is lost within one more heartbeat interval. */
    private static final Duration LOST_WITHIN = NODE_TIMEOUT.plus(HEARTBEAT_INTERVAL);

    /** Room for three JVMs on two cores, never part of what is checked. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private static final String ADMIN = "admin";

    private static final String PASSWORD = "change-me";

    private static final String SERVER = ":irc.demo.local ";

    @TempDir
    static Path redisDirectory;

    private RedisServer redis;

    private String postgresUrl;

    private final String schema = "demo_cluster_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);

    private final List<DemoProcess> nodes = new ArrayList<>();

    @BeforeAll
    void startThreeNodes() throws IOException {
        RedisServer.assumeInstalled();
        this.postgresUrl = System.getenv("TWISTED_TEST_POSTGRES_URL");
        PeerProcess.assumePresent(this.postgresUrl != null && !this.postgresUrl.isBlank(),
                "no PostgreSQL server to test on: TWISTED_TEST_POSTGRES_URL is unset (.ci/start-postgres prints one)",
                "TWISTED_REQUIRE_CLUSTER_PEERS");
        this.redis = RedisServer.start(redisDirectory);
        for (int i = 1; i <= 3; i++) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("spring.profiles.active", "cluster");
            properties.put("spring.data.redis.url", "redis://127.0.0.1:" + this.redis.port());
            properties.put("twisted.cluster.node-id", "node-" + i);
            properties.put("twisted.cluster.heartbeat-interval", HEARTBEAT_INTERVAL.toMillis() + "ms");
            properties.put("twisted.cluster.node-timeout", NODE_TIMEOUT.toMillis() + "ms");
            properties.put("twisted.mail.postgres.url", this.postgresUrl);
            properties.put("twisted.mail.postgres.schema", this.schema);
            // one after the other: the first creates the shared SSH host key and the mail schema
            this.nodes.add(DemoProcess.start("cluster-node-" + i, properties));
        }
        for (DemoProcess node : this.nodes) {
            await().alias("every node sees three in " + node.log()).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        String twisted = node.get("/actuator/twisted", ADMIN, PASSWORD);
                        return twisted != null && twisted.contains("\"nodes\":[\"node-1\",\"node-2\",\"node-3\"]");
                    });
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (DemoProcess node : this.nodes) {
            node.close();
        }
        if (this.redis != null) {
            this.redis.close();
        }
        if (this.postgresUrl != null && !this.nodes.isEmpty()) {
            String[] userInfo = this.postgresUrl.replaceFirst("^r2dbc:postgresql://", "").split("@", 2)[0].split(":", 2);
            String jdbcUrl = "jdbc:postgresql://" + this.postgresUrl.substring(this.postgresUrl.indexOf('@') + 1);
            try (Connection connection = DriverManager.getConnection(jdbcUrl, userInfo[0], userInfo[1]);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
            }
        }
    }

    private DemoProcess node(int number) {
        return this.nodes.get(number - 1);
    }

    @Test
    @Order(1)
    void chatUsersOnEveryNodeShareOneRoomAndOneSetOfNames() throws IOException {
        try (LineClient alice = chat(1, "alice"); LineClient bob = chat(2, "bob"); LineClient carol = chat(3, "carol")) {
            assertThat(alice.readUntilContaining("bob has joined")).isEqualTo("bob has joined the channel.");
            assertThat(alice.readUntilContaining("carol has joined")).isEqualTo("carol has joined the channel.");
            assertThat(bob.readUntilContaining("carol has joined")).isEqualTo("carol has joined the channel.");

            bob.send("hello from node 2");
            assertThat(alice.readUntilContaining("<bob>")).isEqualTo("<bob> hello from node 2");
            assertThat(carol.readUntilContaining("<bob>")).isEqualTo("<bob> hello from node 2");

            try (LineClient impostor = new LineClient(node(3).port("chat"))) {
                assertThat(impostor.read()).isEqualTo("What's your name?");
                impostor.send("alice");
                assertThat(impostor.read()).as("alice is held on node 1").isEqualTo("Name taken, please choose another.");
            }

            carol.close();
            assertThat(alice.readUntilContaining("carol has left")).isEqualTo("carol has left the channel.");
            alice.send("bye, carol");
            assertThat(bob.readUntilContaining("<alice>")).isEqualTo("<alice> bye, carol");
        }
    }

    @Test
    @Order(2)
    void ircUsersOnEveryNodeShareOneChannelAndOneSetOfNicks() throws IOException {
        try (LineClient ann = irc(1, "ann"); LineClient ben = irc(2, "ben"); LineClient cat = irc(3, "cat")) {
            try (LineClient second = new LineClient(node(2).port("irc"))) {
                second.send("NICK ann", "USER other 0 * :Other");
                assertThat(second.readUntil(SERVER + "433 ")).as("ann is held on node 1").contains(" ann ");
            }

            ann.send("JOIN #twisted");
            assertThat(ann.readUntil(SERVER + "366 ann #twisted")).isNotNull();
            ben.send("JOIN #twisted");
            assertThat(ben.readUntil(SERVER + "353 ")).contains("ann").contains("ben");
            assertThat(ann.readUntil(":ben!")).endsWith(" JOIN #twisted");
            cat.send("JOIN #twisted");
            assertThat(cat.readUntil(SERVER + "353 ")).contains("ann").contains("ben").contains("cat");
            assertThat(ann.readUntil(":cat!")).endsWith(" JOIN #twisted");
            assertThat(ben.readUntil(":cat!")).endsWith(" JOIN #twisted");

            ben.send("PRIVMSG #twisted :hello from node 2");
            assertThat(ann.readUntil(":ben!")).endsWith(" PRIVMSG #twisted :hello from node 2");
            assertThat(cat.readUntil(":ben!")).endsWith(" PRIVMSG #twisted :hello from node 2");

            cat.send("NICK cathy");
            assertThat(ann.readUntil(":cat!")).endsWith(" NICK cathy");
            assertThat(ben.readUntil(":cat!")).endsWith(" NICK cathy");
            ann.send("PRIVMSG cathy :a word in private, across nodes");
            assertThat(cat.readUntil(":ann!")).endsWith(" PRIVMSG cathy :a word in private, across nodes");

            ben.send("QUIT :off to node nowhere");
            assertThat(ann.readUntil(":ben!")).endsWith(" QUIT :Quit: off to node nowhere");
            assertThat(cat.readUntil(":ben!")).endsWith(" QUIT :Quit: off to node nowhere");
            awaitNickFree(3, "ben", SLACK);
        }
    }

    @Test
    @Order(3)
    void mailSentThroughOneNodeIsReadOnASecondAndWakesImapIdleOnTheThird() throws Exception {
        try (LineClient idler = new LineClient(node(3).port("imap"))) {
            assertThat(idler.read()).startsWith("* OK");
            idler.send("a LOGIN " + ADMIN + " " + PASSWORD);
            assertThat(idler.readUntil("a ")).startsWith("a OK");
            idler.send("b SELECT INBOX");
            int exists = Integer.parseInt(idler.readUntilContaining(" EXISTS").split(" ")[1]);
            assertThat(idler.readUntil("b ")).startsWith("b OK");
            idler.send("c IDLE");
            assertThat(idler.read()).startsWith("+ ");

            send(1, "Across three nodes", "Sent through node 1.");

            assertThat(idler.readUntilContaining(" EXISTS")).as("IDLE on node 3 woke").isEqualTo("* " + (exists + 1) + " EXISTS");
            idler.send("DONE");
            assertThat(idler.readUntil("c ")).startsWith("c OK");

            assertThat(subjects(2)).as("IMAP on node 2").contains("Across three nodes");
        }
    }

    @Test
    @Order(4)
    void aKilledNodesUsersLeaveItsNicksAreFreedAndTheMailItAcceptedStays() throws Exception {
        try (LineClient dora = irc(1, "dora"); LineClient eve = irc(2, "eve"); LineClient fay = irc(3, "fay");
                LineClient gus = chat(1, "gus"); LineClient hal = chat(2, "hal")) {
            for (LineClient user : List.of(dora, eve, fay)) {
                user.send("JOIN #cluster");
                user.readUntilContaining(" 366 ");
            }
            assertThat(eve.readUntil(":fay!")).endsWith(" JOIN #cluster");
            assertThat(gus.readUntilContaining("hal has joined")).isEqualTo("hal has joined the channel.");
            gus.send("hello before the crash");
            assertThat(hal.readUntilContaining("<gus>")).isEqualTo("<gus> hello before the crash");
            send(1, "Accepted just before the crash", "Committed before the 250.");

            node(1).kill();
            Instant killed = Instant.now();
            assertThat(node(1).waitFor(Duration.ofSeconds(10))).isEqualTo(128 + 9);

            assertThat(eve.readUntil(":dora!")).endsWith(" QUIT :node lost");
            assertThat(fay.readUntil(":dora!")).endsWith(" QUIT :node lost");
            assertThat(hal.readUntilContaining("gus has left")).isEqualTo("gus has left the channel (node lost).");
            Duration noticed = Duration.between(killed, Instant.now());
            assertThat(noticed).as("noticed within node-timeout + heartbeat-interval, with room for a loaded machine")
                    .isLessThan(LOST_WITHIN.plus(SLACK));
            awaitNickFree(3, "dora", SLACK);

            eve.send("PRIVMSG #cluster :still here");
            assertThat(fay.readUntil(":eve!")).endsWith(" PRIVMSG #cluster :still here");
            assertThat(subjects(2)).as("the mail node 1 acknowledged, read on node 2")
                    .contains("Accepted just before the crash");
        }
    }

    /** A chat user, welcomed on a node. */
    private LineClient chat(int node, String name) throws IOException {
        LineClient client = new LineClient(node(node).port("chat"));
        assertThat(client.read()).isEqualTo("What's your name?");
        client.send(name);
        assertThat(client.read()).isEqualTo("Welcome, " + name + "!");
        return client;
    }

    /** An IRC user, registered on a node. */
    private LineClient irc(int node, String nick) throws IOException {
        LineClient client = new LineClient(node(node).port("irc"));
        client.send("NICK " + nick, "USER " + nick + " 0 * :" + nick);
        assertThat(client.readUntil(SERVER + "001 " + nick + " ")).as("%s registered on node %d", nick, node).isNotNull();
        return client;
    }

    /**
     * Waits until a nick can be registered on a node: its release on another node travels
     * through Redis, so the first try may still find it held.
     */
    private void awaitNickFree(int node, String nick, Duration within) {
        await().alias(nick + " free on node " + node).atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (LineClient client = new LineClient(node(node).port("irc"))) {
                client.send("NICK " + nick, "USER " + nick + " 0 * :" + nick);
                String answer;
                do {
                    answer = client.read();
                }
                while (answer != null && !answer.startsWith(SERVER + "001 ") && !answer.startsWith(SERVER + "433 "));
                return answer != null && answer.startsWith(SERVER + "001 ");
            }
        });
    }

    /** Sends a mail to the admin through a node's SMTP service (Jakarta Mail). */
    private void send(int node, String subject, String text) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(node(node).port("smtp")));
        smtp.put("mail.smtp.timeout", "20000");
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("someone@elsewhere.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("admin@demo.local"));
        message.setSubject(subject);
        message.setText(text);
        Transport.send(message);
    }

    /** The subjects in the admin's INBOX, read through a node's IMAP service (Jakarta Mail). */
    private List<String> subjects(int node) throws Exception {
        Properties imap = new Properties();
        imap.put("mail.imap.host", "127.0.0.1");
        imap.put("mail.imap.port", String.valueOf(node(node).port("imap")));
        imap.put("mail.imap.timeout", "20000");
        Store store = Session.getInstance(imap).getStore("imap");
        store.connect(ADMIN, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        }
        finally {
            store.close();
        }
    }
}
