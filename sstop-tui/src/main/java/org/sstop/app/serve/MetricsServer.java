package org.sstop.app.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.sstop.tui.text.Sanitizer;

/**
 * The HTTP side of {@code --serve}, on the JDK's {@link HttpServer}: {@code /metrics} in the format
 * the scraper asks for (gzip when it accepts it), {@code /healthz}. Requests run on a
 * bounded pool of named threads ({@value #THREADS} threads, a queue of {@value #QUEUE}; beyond
 * that the accepting thread serves, which slows accepting down instead of failing). The sampling
 * thread {@link #publish publishes} each sample's families; each format is rendered once per
 * sample, on the first scrape that asks for it, so a scrape is a copy of cached bytes.
 */
public final class MetricsServer implements Closeable {

    /**
     * Most threads serving requests: one is started per request until there are this many, and
     * each ends after 30 s idle. Many, because a thread reads its request: with 4, four clients
     * that sent half a request held all of them, and a scrape that came meanwhile waited in the
     * queue until the JDK's request timer closed it with them. As many such clients still hold a
     * scrape until that timer (5 s) closes them.
     */
    static final int THREADS = 32;
    /** Requests waiting for a thread. */
    static final int QUEUE = 64;
    private static final int BACKLOG = 128;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";
    /** How long a client may take to send its request before the connection is closed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** One sample's families and their renderings, made at most once each (format x gzip). */
    private static final class Exposition {
        final List<MetricFamily> families;
        final long publishedNanos;
        private final byte[][] rendered = new byte[4][];

        Exposition(List<MetricFamily> families, long publishedNanos) {
            this.families = families;
            this.publishedNanos = publishedNanos;
        }

        synchronized byte[] body(ExpositionFormat format, boolean gzip) {
            int slot = format.ordinal() * 2 + (gzip ? 1 : 0);
            if (rendered[slot] == null) {
                byte[] plain = gzip ? body(format, false) : ExpositionWriter.write(families, format);
                rendered[slot] = gzip ? gzip(plain) : plain;
            }
            return rendered[slot];
        }

        private static byte[] gzip(byte[] plain) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not from a byte array
            }
            return out.toByteArray();
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final long staleNanos;
    private volatile Exposition current;

    private MetricsServer(HttpServer server, ThreadPoolExecutor pool, Duration interval) {
        this.server = server;
        this.pool = pool;
        // Healthy while samples keep coming: three missed intervals (and some slack for a slow one) is not.
        this.staleNanos = interval.multipliedBy(3).plusSeconds(2).toNanos();
    }

    /**
     * Binds and starts serving (nothing but an empty exposition until the first {@link #publish}).
     *
     * @param where the address and port
     * @param interval the sampling interval (for {@code /healthz})
     * @return the running server
     * @throws IOException when it cannot bind (a {@link java.net.BindException} when the port is
     *     in use or not permitted)
     */
    public static MetricsServer start(ServeAddress where, Duration interval) throws IOException {
        // Without TCP_NODELAY the JDK's server writes headers and body in two segments and a keep-alive
        // scrape waits for the scraper's delayed ACK: 40 ms each. Read once, when the server first starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        // The server reads a request on a pool thread: without a limit, THREADS clients sending
        // half a request would hold every thread for good (and, the queue full, the accepting one).
        if (System.getProperty(MAX_REQUEST_SECONDS) == null) {
            System.setProperty(MAX_REQUEST_SECONDS, Long.toString(REQUEST_TIMEOUT.toSeconds()));
        }
        HttpServer http = HttpServer.create(where.socketAddress(), BACKLOG);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "sstop-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        MetricsServer s = new MetricsServer(http, pool, interval);
        http.createContext("/", s::handle);
        http.setExecutor(pool);
        http.start();
        return s;
    }

    /**
     * {@link #start}s the server and says on {@code err} where it serves, or why it cannot: a port
     * in use, a port below 1024 without the privilege, any other failure to bind.
     *
     * @param where the address and port
     * @param interval the sampling interval
     * @param err where to say it
     * @return the running server, or null when it cannot bind
     */
    public static MetricsServer open(ServeAddress where, Duration interval, PrintStream err) {
        String at = ServeAddress.hostAndPort(where.socketAddress());
        try {
            MetricsServer s = start(where, interval);
            err.println("sstop: serving metrics on " + s.metricsUrl());
            return s;
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("in use")) {
                err.println("sstop: cannot serve on " + at + ": the port is in use (another exporter? pick another with --serve)");
            } else if (why.contains("ermission") && where.port() < 1024) {
                err.println("sstop: cannot serve on " + at + ": ports below 1024 need root or CAP_NET_BIND_SERVICE");
            } else {
                err.println("sstop: cannot serve on " + at + ": " + Sanitizer.clean(why));
            }
        } catch (IOException | RuntimeException e) {
            err.println("sstop: cannot serve on " + at + ": " + Sanitizer.clean(String.valueOf(e)));
        }
        return null;
    }

    /** The address it listens on (with the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The URL of the metrics, for people: {@code http://127.0.0.1:9100/metrics}. */
    public String metricsUrl() {
        return "http://" + ServeAddress.hostAndPort(address()) + "/metrics";
    }

    /**
     * Serves these families from now on. Called by the sampling thread.
     *
     * @param families the families of the last sample
     * @param nowNanos the monotonic time (for {@code /healthz})
     */
    void publish(List<MetricFamily> families, long nowNanos) {
        current = new Exposition(families, nowNanos);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean head = method.equals("HEAD");
            if (!path.equals("/metrics") && !path.equals("/healthz") && !path.equals("/")) {
                text(exchange, 404, "not found: try /metrics or /healthz\n", head);
            } else if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "method not allowed\n", false);
            } else if (path.equals("/metrics")) {
                metrics(exchange, head);
            } else if (path.equals("/healthz")) {
                health(exchange, head);
            } else {
                text(exchange, 200, "sstop exporter: /metrics (Prometheus text or OpenMetrics), /healthz\n", head);
            }
        }
    }

    private void metrics(HttpExchange exchange, boolean head) throws IOException {
        Headers request = exchange.getRequestHeaders();
        ExpositionFormat format = ExpositionFormat.negotiate(String.join(",", request.getOrDefault("Accept", List.of())));
        boolean gzip = acceptsGzip(String.join(",", request.getOrDefault("Accept-Encoding", List.of())));
        Exposition e = current;
        byte[] body = e == null ? ExpositionWriter.write(List.of(), format) : e.body(format, gzip);
        gzip &= e != null;
        Headers response = exchange.getResponseHeaders();
        response.set("Content-Type", format.contentType());
        response.set("Vary", "Accept, Accept-Encoding");
        if (gzip) {
            response.set("Content-Encoding", "gzip");
        }
        send(exchange, 200, body, head);
    }

    private void health(HttpExchange exchange, boolean head) throws IOException {
        Exposition e = current;
        if (e == null) {
            text(exchange, 503, "starting: no sample yet\n", head);
            return;
        }
        long age = System.nanoTime() - e.publishedNanos;
        if (age > staleNanos) {
            text(exchange, 503, "stalled: last sample " + TimeUnit.NANOSECONDS.toSeconds(age) + " s ago\n", head);
        } else {
            text(exchange, 200, "ok\n", head);
        }
    }

    /** Whether {@code gzip} is among the codings, not with {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        for (String coding : acceptEncoding.split(",", 17)) {
            String[] parts = coding.split(";", -1);
            if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("gzip")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].replace(" ", "");
                refused |= p.equals("q=0") || p.matches("q=0\\.0{0,3}");
            }
            return !refused;
        }
        return false;
    }

    private static void text(HttpExchange exchange, int status, String text, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving at once and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
