package twisted.mail.maildir;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DirectorySyncTests {

    @Test
    void everyCallReturnsOnlyAfterAnFsyncThatStartedAfterItAndCallsShareFsyncs() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicInteger fsyncs = new AtomicInteger();
        // each fsync records when it started; a call must see a finished fsync that started after it
        List<long[]> finishedSpans = java.util.Collections.synchronizedList(new ArrayList<>());
        DirectorySync sync = new DirectorySync(() -> {
            long start = clock.incrementAndGet();
            fsyncs.incrementAndGet();
            try {
                Thread.sleep(2);
            }
            catch (InterruptedException ex) {
                throw new IOException(ex);
            }
            finishedSpans.add(new long[] { start, clock.incrementAndGet() });
        });
        int threads = 8;
        int calls = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        long before = clock.incrementAndGet();
                        sync.sync();
                        long after = clock.incrementAndGet();
                        boolean covered;
                        synchronized (finishedSpans) {
                            covered = finishedSpans.stream().anyMatch(s -> s[0] > before && s[1] < after);
                        }
                        assertThat(covered).as("an fsync ran entirely between the call and its return").isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(fsyncs.get()).isBetween(1, threads * calls);
    }

    @Test
    void callsArrivingDuringAnFsyncShareTheNextOne() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        DirectorySync sync = new DirectorySync(() -> {
            if (runs.incrementAndGet() == 1) {
                inFirst.countDown();
                try {
                    release.await();
                }
                catch (InterruptedException ex) {
                    throw new IOException(ex);
                }
            }
        });
        Thread first = new Thread(() -> call(sync));
        first.start();
        inFirst.await();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread waiter = new Thread(() -> call(sync));
            waiters.add(waiter);
            waiter.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiters.stream().anyMatch(w -> w.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(waiters).allMatch(w -> w.getState() == Thread.State.WAITING);
        release.countDown();
        first.join(10_000);
        for (Thread waiter : waiters) {
            waiter.join(10_000);
            assertThat(waiter.isAlive()).isFalse();
        }
        assertThat(runs.get()).as("the first fsync, then one for the five that arrived during it").isEqualTo(2);
    }

    private static void call(DirectorySync sync) {
        try {
            sync.sync();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void aFailedFsyncFailsItsCallerAndTheWaitersRunTheirOwn() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        DirectorySync sync = new DirectorySync(() -> {
            if (runs.incrementAndGet() == 1) {
                inFirst.countDown();
                try {
                    release.await();
                }
                catch (InterruptedException ex) {
                    throw new IOException(ex);
                }
                throw new IOException("disk on fire");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> {
                sync.sync();
                return null;
            });
            inFirst.await();
            Future<?> second = pool.submit(() -> {
                sync.sync();
                return null;
            });
            release.countDown();
            assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
                    .isThrownBy(() -> first.get(10, TimeUnit.SECONDS)).withCauseInstanceOf(IOException.class);
            second.get(10, TimeUnit.SECONDS);
            assertThat(runs.get()).isEqualTo(2);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
