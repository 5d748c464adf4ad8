package org.sstop.tui.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

class DnsCacheTest {

    static final IpAddress A = IpAddress.parse("192.0.2.1");
    static final IpAddress B = IpAddress.parse("192.0.2.2");

    static void waitFor(DnsCache c, long version) throws InterruptedException {
        for (int i = 0; i < 500 && c.version() < version; i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void looksUpOffTheCallerThreadCachesAndSanitizes() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        try (DnsCache c = new DnsCache(a -> {
            threads.add(Thread.currentThread().getName());
            calls.incrementAndGet();
            return a.equals(A) ? "evil\u001b]0;x\u0007.example" : null;
        }, Duration.ofSeconds(60), 4, 2, clock::get)) {
            assertNull(c.nameOf(A), "nothing before a lookup; nameOf never looks up");
            assertEquals(0, calls.get());
            c.request(A);
            c.request(B);
            waitFor(c, 2);
            assertEquals("evil\\e]0;x\\a.example", c.nameOf(A));
            assertNull(c.nameOf(B), "no PTR record");
            assertTrue(threads.stream().allMatch(t -> t.startsWith("sstop-dns-")), threads.toString());
            c.request(A);
            c.request(B);
            Thread.sleep(50);
            assertEquals(2, calls.get(), "fresh answers (and failures) are cached");
            clock.addAndGet(Duration.ofSeconds(61).toNanos());
            c.request(A);
            waitFor(c, 3);
            assertEquals(3, calls.get(), "expired answers are looked up again");
        }
    }

    @Test
    void inFlightLookupsAreBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (DnsCache c = new DnsCache(a -> {
            started.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "h";
        }, Duration.ofSeconds(60), 3, 2, System::nanoTime)) {
            for (int i = 1; i <= 50; i++) {
                c.request(IpAddress.parse("198.51.100." + i));
            }
            c.request(IpAddress.ANY_V4);
            release.countDown();
            waitFor(c, 3);
            Thread.sleep(100);
            assertEquals(3, c.lookups(), "at most 3 in flight; the rest were not queued");
        }
    }
}
