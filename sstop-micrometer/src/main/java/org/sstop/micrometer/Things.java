package org.sstop.micrometer;

import java.util.List;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Traffic;
import org.sstop.core.export.LabelText;
import org.sstop.core.export.SeriesBook;

/**
 * How the binder's books read processes and interfaces: identity, tags, totals and how busy each
 * is, as the app's Prometheus exporter reads them. Tag keys are the same for every meter of a name
 * (registries such as Prometheus' require it): a process not in a container has
 * {@code container="none"}, an unknown name or user is {@code "unknown"}.
 */
final class Things {

    /** The tag value of a process without a container. */
    static final String NO_CONTAINER = "none";
    /** The tag value of an unknown name or user. */
    static final String UNKNOWN = "unknown";

    private Things() {
    }

    /** A process across samples: pid reuse makes another process, so another series. */
    private record ProcessKey(int pid, long startTime) {
    }

    private static String value(String untrusted) {
        String v = LabelText.of(untrusted);
        return v.isEmpty() ? UNKNOWN : v;
    }

    /** Processes: tags pid, name, user, container; only running ones enter the top N. */
    static final class Processes implements SeriesBook.Reader<Object, ProcessStats> {
        @Override
        public Object key(ProcessStats p) {
            return new ProcessKey(p.pid(), p.startTime());
        }

        @Override
        public List<String> labels(ProcessStats p) {
            return List.of("pid", Integer.toString(p.pid()), "name", value(p.name()), "user", value(p.user()),
                    "container", p.container() == null ? NO_CONTAINER : value(p.container().name()));
        }

        @Override
        public Traffic traffic(ProcessStats p) {
            return p.traffic();
        }

        @Override
        public boolean eligible(ProcessStats p) {
            return p.state() != ProcessState.EXITED;
        }
    }

    /**
     * Interfaces: tags interface and netns (its network namespace's inode, 0 for the monitor's
     * own: {@code eth0} is in every container); all of them have meters.
     */
    static final class Interfaces implements SeriesBook.Reader<Object, InterfaceStats> {
        @Override
        public Object key(InterfaceStats i) {
            return List.of(i.netns(), i.name());
        }

        @Override
        public List<String> labels(InterfaceStats i) {
            return List.of("interface", value(i.name()), "netns", Long.toString(i.netns()));
        }

        @Override
        public Traffic traffic(InterfaceStats i) {
            return i.traffic();
        }

        @Override
        public boolean eligible(InterfaceStats i) {
            return true;
        }
    }
}
