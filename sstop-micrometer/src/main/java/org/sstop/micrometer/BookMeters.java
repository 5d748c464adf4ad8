package org.sstop.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.sstop.core.export.SeriesBook;

/**
 * The series of one {@link SeriesBook} (processes, interfaces) as meters: per exposed series two
 * function counters (bytes sent and received, counted as the book counts them) and the gauges the
 * kind declares, plus the {@code other} series when there is a top N. A series that leaves the
 * book has its meters removed from every registry; a series whose counters went back (a new
 * process with the labels of an old one) gets new meters, so no registry sees a counter go down.
 *
 * <p>Its owner ({@link SstopMetrics}) serializes every call; the meters read volatile fields.
 *
 * @param <T> what a snapshot says of a thing
 */
final class BookMeters<T> {

    /**
     * A gauge each series has, read from what the last snapshot said of its thing.
     *
     * @param name the meter name
     * @param baseUnit its unit, or null
     * @param description what it measures
     * @param value its value for one thing (the {@code other} series: the sum over the things not exposed)
     */
    record GaugeSpec<T>(String name, String baseUnit, String description, ToDoubleFunction<T> value) {
    }

    /** One series: its values, written by the owner, read by the registries. */
    static final class Series {
        final Tags tags;
        volatile double up;
        volatile double down;
        volatile double[] gauges;
        final List<Registered> meters = new ArrayList<>();

        Series(Tags tags, int gauges) {
            this.tags = tags;
            this.gauges = new double[gauges];
        }

        double gauge(int i) {
            return gauges[i];
        }
    }

    /** A meter and the registry it is in. */
    record Registered(MeterRegistry registry, Meter meter) {
    }

    private final String prefix;
    private final String what;
    private final Tags common;
    private final List<GaugeSpec<T>> gauges;
    /** Null when every thing is exposed (no top N). */
    private final Series other;
    private final Map<List<String>, Series> series = new HashMap<>();

    /**
     * Meters for one kind of thing.
     *
     * @param prefix meter names start with it ({@code sstop.process})
     * @param what what the description calls the thing ("the process")
     * @param common tags every meter has (the binder's)
     * @param otherTags the tags of the {@code other} series, or null for none
     * @param gauges the gauges each series has
     */
    BookMeters(String prefix, String what, Tags common, Tags otherTags, List<GaugeSpec<T>> gauges) {
        this.prefix = prefix;
        this.what = what;
        this.common = common;
        this.gauges = List.copyOf(gauges);
        this.other = otherTags == null ? null : new Series(otherTags, gauges.size());
    }

    /** Registers every current series (and {@code other}) with a registry newly bound. */
    void bind(MeterRegistry registry) {
        if (other != null) {
            register(other, registry);
        }
        for (Series s : series.values()) {
            register(s, registry);
        }
    }

    /**
     * Takes in a sample's view of the book.
     *
     * @param view what the book returned for this sample
     * @param registries the registries bound now
     */
    void update(SeriesBook.View<T> view, List<MeterRegistry> registries) {
        Map<List<String>, SeriesBook.Series<T>> now = new HashMap<>();
        for (SeriesBook.Series<T> s : view.series()) {
            now.put(s.labels(), s);
        }
        for (Iterator<Map.Entry<List<String>, Series>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<List<String>, Series> e = it.next();
            SeriesBook.Series<T> s = now.get(e.getKey());
            if (s == null || s.up() < e.getValue().up || s.down() < e.getValue().down) {
                unregister(e.getValue()); // gone, or a new thing under the old labels: a new counter
                it.remove();
            }
        }
        for (SeriesBook.Series<T> s : view.series()) {
            Series m = series.get(s.labels());
            if (m == null) {
                m = new Series(Tags.of(s.labels().toArray(String[]::new)), gauges.size());
                series.put(s.labels(), m);
                set(m, s.up(), s.down(), s.latest() == null ? List.of() : List.of(s.latest()));
                for (MeterRegistry r : registries) {
                    register(m, r);
                }
            } else {
                set(m, s.up(), s.down(), s.latest() == null ? List.of() : List.of(s.latest()));
            }
        }
        if (other != null) {
            set(other, view.otherUp(), view.otherDown(), view.otherThings());
        }
    }

    /** Removes every meter from every registry. */
    void unbindAll() {
        if (other != null) {
            unregister(other);
        }
        series.values().forEach(this::unregister);
        series.clear();
    }

    /** How many series have meters, {@code other} included. */
    int size() {
        return series.size() + (other != null ? 1 : 0);
    }

    private void set(Series m, long up, long down, List<T> things) {
        double[] values = new double[gauges.size()];
        for (int i = 0; i < values.length; i++) {
            ToDoubleFunction<T> f = gauges.get(i).value();
            for (T t : things) {
                values[i] += f.applyAsDouble(t);
            }
        }
        m.gauges = values;
        m.up = up;
        m.down = down;
    }

    private void register(Series m, MeterRegistry r) {
        Tags tags = common.and(m.tags);
        m.meters.add(new Registered(r, FunctionCounter.builder(prefix + ".sent", m, s -> s.up)
                .baseUnit("bytes").description("Bytes " + what + " sent").tags(tags).register(r)));
        m.meters.add(new Registered(r, FunctionCounter.builder(prefix + ".received", m, s -> s.down)
                .baseUnit("bytes").description("Bytes " + what + " received").tags(tags).register(r)));
        for (int i = 0; i < gauges.size(); i++) {
            GaugeSpec<T> g = gauges.get(i);
            int index = i;
            m.meters.add(new Registered(r, Gauge.builder(g.name(), m, s -> s.gauge(index))
                    .baseUnit(g.baseUnit()).description(g.description()).tags(tags).register(r)));
        }
    }

    private void unregister(Series m) {
        for (Registered reg : m.meters) {
            reg.registry().remove(reg.meter());
        }
        m.meters.clear();
    }
}
