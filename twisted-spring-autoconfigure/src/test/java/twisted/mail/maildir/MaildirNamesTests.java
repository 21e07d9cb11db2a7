package twisted.mail.maildir;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import twisted.testing.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class MaildirNamesTests {

    @Test
    void nameFollowsTheMaildirSpecification() {
        Clock clock = new Clock();
        clock.advance(1_764_684_000.25);
        String name = new MaildirNames(clock, 4242, "mail.example.org").next();
        assertThat(name).matches("1764684000\\.M250000P4242Q\\d+\\.mail\\.example\\.org");
    }

    @Test
    void hostIsSanitisedAndCutSoTheNameFitsAUidl() {
        assertThat(MaildirNames.sanitiseHost("a/b:c d\u00e9")).isEqualTo("a\\057b\\072cd");
        assertThat(MaildirNames.sanitiseHost("")).isEqualTo("localhost");
        String longHost = "h".repeat(200);
        String name = new MaildirNames(new Clock(), 4_194_304, longHost).next();
        assertThat(name.length()).isLessThanOrEqualTo(70);
    }

    @Test
    void namesAreUniqueUnderConcurrencyEvenWithAStoppedClock() throws Exception {
        MaildirNames one = new MaildirNames(new Clock(), 1, "host");
        MaildirNames two = new MaildirNames(new Clock(), 1, "host");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                MaildirNames names = t % 2 == 0 ? one : two;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        seen.add(names.next());
                    }
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(80_000);
    }

    @Test
    void deliveryOrderReadsTimeMicrosecondsAndCounterAsNumbers() {
        List<String> names = new ArrayList<>(List.of("20.M5P1Q1.h", "10.M999999P1Q2.h", "10.M10P1Q10.h",
                "10.M10P1Q9.h", "9.M0P1Q100.h", "junk"));
        names.sort(MaildirNames.DELIVERY_ORDER);
        assertThat(names).containsExactly("junk", "9.M0P1Q100.h", "10.M10P1Q9.h", "10.M10P1Q10.h",
                "10.M999999P1Q2.h", "20.M5P1Q1.h");
    }

    @Test
    void mailboxNamesAreFoldedAndUnsafeOnesRefused() {
        assertThat(MaildirNames.directoryOf("Alice")).isEqualTo("alice");
        assertThat(MaildirNames.directoryOf("bob.smith+lists_1-x")).isEqualTo("bob.smith+lists_1-x");
        for (String bad : List.of("", ".", "..", ".hidden", "a/b", "../etc", "a\\b", "a b", "a\u0000b", "-rf",
                "caf\u00e9", "x".repeat(65), "a:b", "/abs")) {
            assertThat(MaildirNames.directoryOf(bad)).as("'%s'", bad).isNull();
        }
        assertThat(MaildirNames.directoryOf("x".repeat(64))).isNotNull();
    }

    @Test
    void uniqueNameDropsTheInfoPart() {
        assertThat(MaildirNames.uniqueOf("1.M2P3Q4.host:2,S")).isEqualTo("1.M2P3Q4.host");
        assertThat(MaildirNames.uniqueOf("1.M2P3Q4.host")).isEqualTo("1.M2P3Q4.host");
    }
}
