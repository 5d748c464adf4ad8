package org.sstop.app.serve;

import java.util.List;

/**
 * One metric family ready to be written: its name, type, unit, help and samples. Immutable.
 *
 * @param name the family name, without the {@code _total} suffix a counter's samples carry
 *     (e.g. {@code sstop_process_sent_bytes}); it ends with the unit when it has one
 * @param type counter or gauge
 * @param unit the unit ({@code bytes}, {@code seconds}), or "" for none
 * @param help one line saying what it counts
 * @param samples its samples
 */
record MetricFamily(String name, Type type, String unit, String help, List<Sample> samples) {

    /** The two types sstop exposes. */
    enum Type {
        /** Only grows (a restart of the series is a new series). */
        COUNTER,
        /** Goes up and down. */
        GAUGE
    }

    /**
     * One sample: label names and values in pairs, and the value.
     *
     * @param labels name, value, name, value, ... (values untrusted: the writer sanitizes them)
     * @param value the value
     */
    record Sample(List<String> labels, double value) {

        /** Copies the labels; requires pairs. */
        Sample {
            labels = List.copyOf(labels);
            if (labels.size() % 2 != 0) {
                throw new IllegalArgumentException("labels come in name/value pairs");
            }
        }
    }

    /** Copies the samples; requires the unit to be the name's suffix (as OpenMetrics does). */
    MetricFamily {
        samples = List.copyOf(samples);
        if (!unit.isEmpty() && !name.endsWith("_" + unit)) {
            throw new IllegalArgumentException(name + " does not end with its unit " + unit);
        }
        if (name.endsWith("_total")) {
            throw new IllegalArgumentException(name + ": the _total suffix is the writer's");
        }
    }
}
