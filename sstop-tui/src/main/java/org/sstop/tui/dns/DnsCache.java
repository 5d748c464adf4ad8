package org.sstop.tui.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.sstop.api.IpAddress;
import org.sstop.tui.text.Sanitizer;
import org.sstop.tui.view.Names;

/**
 * Reverse DNS off the render path: {@link #request} starts a lookup on a small owned pool
 * ({@code sstop-dns-N}) unless the answer is cached and fresh or too many lookups are in
 * flight; {@link #nameOf} only reads the cache. Answers (and failures) expire; names are
 * sanitized when stored.
 */
public final class DnsCache implements Names, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DnsCache.class.getName());
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String name, long expiresNanos) {
    }

    private final Function<IpAddress, String> resolver;
    private final long ttlNanos;
    private final int maxInFlight;
    private final LongSupplier nanoClock;
    private final Map<IpAddress, Entry> cache = new ConcurrentHashMap<>();
    private final Map<IpAddress, Boolean> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();
    private final ExecutorService pool;

    /**
     * @param resolver address to name, null when it has none (called on the pool's threads)
     * @param ttl how long answers are kept
     * @param maxInFlight lookups running or queued at most
     * @param threads pool size
     * @param nanoClock monotonic clock
     */
    public DnsCache(Function<IpAddress, String> resolver, Duration ttl, int maxInFlight, int threads, LongSupplier nanoClock) {
        this.resolver = resolver;
        this.ttlNanos = ttl.toNanos();
        this.maxInFlight = maxInFlight;
        this.nanoClock = nanoClock;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sstop-dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** The system resolver: 2 threads, 8 lookups in flight, answers kept 5 minutes. */
    public static DnsCache system() {
        return new DnsCache(DnsCache::reverse, Duration.ofMinutes(5), 8, 2, System::nanoTime);
    }

    private static String reverse(IpAddress address) {
        InetAddress a = address.toInetAddress();
        String name = a.getCanonicalHostName();
        // The JDK returns the literal when there is no PTR record.
        return name == null || name.equals(a.getHostAddress()) ? null : name;
    }

    @Override
    public String nameOf(IpAddress address) {
        Entry e = cache.get(address);
        return e == null || e.name().isEmpty() ? null : e.name();
    }

    /** Starts a lookup unless one is fresh in the cache, already running, or the pool is full. */
    public void request(IpAddress address) {
        if (address.isAny() || pool.isShutdown()) {
            return;
        }
        Entry e = cache.get(address);
        if (e != null && e.expiresNanos() - nanoClock.getAsLong() > 0) {
            return;
        }
        if (inFlight.size() >= maxInFlight || inFlight.putIfAbsent(address, Boolean.TRUE) != null) {
            return;
        }
        try {
            pool.execute(() -> lookup(address));
        } catch (RejectedExecutionException ex) {
            inFlight.remove(address);
        }
    }

    private void lookup(IpAddress address) {
        try {
            lookups.incrementAndGet();
            String name = resolver.apply(address);
            if (cache.size() >= MAX_ENTRIES) {
                long now = nanoClock.getAsLong();
                cache.values().removeIf(x -> x.expiresNanos() - now <= 0);
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
            }
            String clean = name == null ? "" : Sanitizer.clean(name.length() > 253 ? name.substring(0, 253) : name);
            cache.put(address, new Entry(clean, nanoClock.getAsLong() + ttlNanos));
            version.incrementAndGet();
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.DEBUG, "reverse lookup failed", ex);
        } finally {
            inFlight.remove(address);
        }
    }

    /** Counts completed lookups; changes when a redraw may show new names. */
    public long version() {
        return version.get();
    }

    /** Lookups started so far. */
    public long lookups() {
        return lookups.get();
    }

    /** Stops the pool; running lookups finish in the background (their threads are daemons). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
