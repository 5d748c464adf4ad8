package org.sstop.core.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.sstop.core.Traffic;

/**
 * Keeps the counters of one kind of thing (processes, hosts, interfaces) monotonic while only the
 * top N of them are exposed, and the cardinality bounded.
 *
 * <p>Every byte goes to exactly one series: each sample, the growth of a thing's cumulative totals
 * since the previous sample is added to its own series if it is exposed, to the {@code other}
 * series if not. So every series only grows, {@code other} included, and the sum of the rates of
 * all series is the total rate, whatever moves in or out of the top N.
 *
 * <ul>
 *   <li>A thing is exposed from the sample it is among the top N eligible things (by rate) and
 *       stays exposed for {@code retention} after it last was; its series counts what it moved while
 *       exposed (from its first sample on, for one exposed from the start). An exited process is
 *       not eligible, so it expires {@code retention} after it exited.
 *   <li>At most {@code cap} things are exposed: beyond it, those out of the top N the longest are
 *       retired first.
 *   <li>A retired thing still in the snapshot stays tracked (its growth goes to {@code other}); if
 *       it returns to the top N its series continues from the value it had.
 *   <li>Labels are taken when a thing is first exposed and kept with its series; one label set
 *       has one series (a newcomer with the labels of an exposed thing replaces it).
 * </ul>
 *
 * <p>Shared by the exporters of snapshots (the app's Prometheus exporter, the Micrometer binder),
 * so that they expose the same series. Not thread-safe: confine a book to one thread (the
 * sampling thread), calling {@link #update} once per sample; what it returns is immutable.
 *
 * @param <K> what identifies a thing across samples (pid and start time, an address, a name)
 * @param <T> what a snapshot says of a thing
 */
public final class SeriesBook<K, T> {

    /** What the book needs to read from a thing. */
    public interface Reader<K, T> {
        /** Its identity. */
        K key(T thing);

        /**
         * Its labels (name/value pairs) as they will be written, sanitized (see {@link LabelText});
         * taken when it is first exposed.
         */
        List<String> labels(T thing);

        /** Its rates and cumulative bytes, from which the rest is read unless told otherwise. */
        Traffic traffic(T thing);

        /** Cumulative bytes up (sent). */
        default long up(T thing) {
            return traffic(thing).upBytes();
        }

        /** Cumulative bytes down (received). */
        default long down(T thing) {
            return traffic(thing).downBytes();
        }

        /**
         * How busy it is now, for the top N: the smoothed rates plus the bytes of the last
         * sample (a burst between two samples counts).
         */
        default double activity(T thing) {
            Traffic t = traffic(thing);
            return t.totalRate() + t.upDelta() + t.downDelta();
        }

        /** Whether it may enter the top N (a running process; an exited one moves nothing). */
        boolean eligible(T thing);
    }

    /**
     * One exposed series after a sample.
     *
     * @param labels its labels
     * @param up bytes up counted on it
     * @param down bytes down counted on it
     * @param latest what the last snapshot said of its thing, or null when it is no longer in it
     * @param <T> what a snapshot says of a thing
     */
    public record Series<T>(List<String> labels, long up, long down, T latest) {
    }

    /**
     * The exposed series and the rest after a sample.
     *
     * @param series the exposed series, busiest first
     * @param otherUp bytes up of everything not exposed when it moved them
     * @param otherDown bytes down of the same
     * @param otherThings the things in the snapshot that are not exposed
     * @param <T> what a snapshot says of a thing
     */
    public record View<T>(List<Series<T>> series, long otherUp, long otherDown, List<T> otherThings) {
    }

    private static final class Entry<T> {
        long seenUp;
        long seenDown;
        long up;
        long down;
        List<String> labels;
        boolean exposed;
        long lastTopNanos;
        T latest;
        boolean seen;
    }

    private final Reader<K, T> reader;
    private final int top;
    private final int cap;
    private final long retentionNanos;
    private final Map<K, Entry<T>> entries = new HashMap<>();
    /** The exposed entries by their (sanitized) labels: one series per label set. */
    private final Map<List<String>, Entry<T>> byLabels = new HashMap<>();
    private long otherUp;
    private long otherDown;

    /**
     * A book.
     *
     * @param reader reads the things
     * @param top how many things are exposed by rate each sample
     * @param cap how many may be exposed at once (at least {@code top})
     * @param retentionNanos how long a thing stays exposed after it last was in the top N
     */
    public SeriesBook(Reader<K, T> reader, int top, int cap, long retentionNanos) {
        if (top < 1 || cap < top) {
            throw new IllegalArgumentException("top " + top + ", cap " + cap);
        }
        this.reader = reader;
        this.top = top;
        this.cap = cap;
        this.retentionNanos = retentionNanos;
    }

    /**
     * Folds one sample in.
     *
     * @param things what the snapshot lists (a thing's key at most once)
     * @param nowNanos the monotonic time of the sample
     * @return the exposed series and the rest
     */
    public View<T> update(List<T> things, long nowNanos) {
        List<T> ranked = new ArrayList<>(things.size());
        for (T t : things) {
            if (reader.eligible(t)) {
                ranked.add(t);
            }
        }
        // A stable sort: equally busy things keep the snapshot's order.
        ranked.sort(Comparator.comparingDouble((T t) -> reader.activity(t)).reversed());
        for (int i = 0; i < Math.min(top, ranked.size()); i++) {
            Entry<T> e = entries.computeIfAbsent(reader.key(ranked.get(i)), k -> new Entry<>());
            if (!e.exposed) {
                e.exposed = true;
                if (e.labels == null) {
                    e.labels = List.copyOf(reader.labels(ranked.get(i)));
                }
                // Two things with one label set (a pid reused by a process of the same name within
                // the retention): the newcomer's series replaces the old one, as a counter reset.
                Entry<T> old = byLabels.put(e.labels, e);
                if (old != null && old != e) {
                    old.exposed = false;
                }
            }
            e.lastTopNanos = nowNanos;
        }
        retire(nowNanos);
        // Then this sample's growth: to the series of what is exposed now, to other for the rest.
        List<T> others = new ArrayList<>();
        for (T t : things) {
            Entry<T> e = entries.computeIfAbsent(reader.key(t), k -> new Entry<>());
            long incUp = growth(e.seenUp, reader.up(t));
            long incDown = growth(e.seenDown, reader.down(t));
            e.seenUp = reader.up(t);
            e.seenDown = reader.down(t);
            e.latest = t;
            e.seen = true;
            if (e.exposed) {
                e.up += incUp;
                e.down += incDown;
            } else {
                otherUp += incUp;
                otherDown += incDown;
                others.add(t);
            }
        }
        List<Entry<T>> exposed = new ArrayList<>();
        for (Iterator<Entry<T>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<T> e = it.next();
            if (!e.seen) {
                e.latest = null;
            }
            e.seen = false;
            if (e.exposed) {
                exposed.add(e);
            } else if (e.latest == null) {
                it.remove(); // gone, and nothing of it is served
            }
        }
        exposed.sort(Comparator.comparingLong((Entry<T> e) -> -(e.up + e.down)));
        List<Series<T>> series = new ArrayList<>(exposed.size());
        for (Entry<T> e : exposed) {
            series.add(new Series<>(e.labels, e.up, e.down, e.latest));
        }
        return new View<>(List.copyOf(series), otherUp, otherDown, List.copyOf(others));
    }

    /**
     * Retires, before this sample's growth is counted, what was out of the top N longer than the
     * retention, and beyond the cap what was out of it the longest.
     */
    private void retire(long nowNanos) {
        List<Entry<T>> exposed = new ArrayList<>();
        for (Entry<T> e : entries.values()) {
            if (e.exposed && nowNanos - e.lastTopNanos > retentionNanos) {
                e.exposed = false;
                byLabels.remove(e.labels, e);
            } else if (e.exposed) {
                exposed.add(e);
            }
        }
        if (exposed.size() > cap) {
            exposed.sort(Comparator.comparingLong((Entry<T> e) -> e.lastTopNanos).reversed());
            for (Entry<T> e : exposed.subList(cap, exposed.size())) {
                e.exposed = false;
                byLabels.remove(e.labels, e);
            }
        }
    }

    /**
     * How much a cumulative total grew. The engine's totals never go down for one key; if one did
     * (a counter that restarted), nothing is invented: the new total is the next base.
     */
    private static long growth(long before, long now) {
        return Math.max(0, now - before);
    }

    /** How many things are tracked (exposed, or in the last snapshot): bounded by the cap plus the snapshot's size. */
    public int tracked() {
        return entries.size();
    }
}
