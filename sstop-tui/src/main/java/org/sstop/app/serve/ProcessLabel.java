package org.sstop.app.serve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.sstop.api.ContainerInfo;
import org.sstop.core.ProcessStats;
import org.sstop.core.export.LabelText;

/**
 * A label a process's series may carry ({@code --serve-labels}). Processes whose chosen labels
 * are equal share one series: without {@code pid}, the eight workers of one nginx are one
 * {@code name="nginx"} series, which is how an operator bounds the cardinality by what matters.
 */
enum ProcessLabel {
    /** The process id. */
    PID(p -> Integer.toString(p.pid())),
    /** The short name. */
    NAME(p -> Objects.toString(p.name(), "")),
    /** The user name. */
    USER(p -> Objects.toString(p.user(), "")),
    /** The container's name (or short id), the service's unit or the session: the group's name. */
    CONTAINER(p -> container(p, ContainerInfo::name)),
    /** What runs the group: docker, podman, kubernetes, lxc, machine, systemd… */
    RUNTIME(p -> container(p, ContainerInfo::runtime)),
    /** The Kubernetes pod UID. */
    POD(p -> container(p, ContainerInfo::pod)),
    /** The systemd unit. */
    UNIT(p -> container(p, ContainerInfo::unit)),
    /** The network namespace's inode (empty: sstop's own or unknown). */
    NETNS(p -> p.netns() == 0 ? null : Long.toString(p.netns()));

    /** The labels a series carries unless told otherwise (what it carried before labels were selectable). */
    static final Set<ProcessLabel> DEFAULT = EnumSet.of(PID, NAME, USER, CONTAINER);

    private final Function<ProcessStats, String> value;

    ProcessLabel(Function<ProcessStats, String> value) {
        this.value = value;
    }

    /** The label's name in the exposition. */
    String labelName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The name/value pairs of a process's chosen labels, sanitized, in this enum's order; a
     * container's label is left out for a process in none (Prometheus reads it as empty).
     */
    static List<String> of(Set<ProcessLabel> chosen, ProcessStats p) {
        List<String> pairs = new ArrayList<>(2 * chosen.size());
        for (ProcessLabel l : chosen) {
            String v = l.value.apply(p);
            if (v != null) {
                pairs.add(l.labelName());
                pairs.add(LabelText.of(v));
            }
        }
        return pairs;
    }

    /**
     * Parses {@code --serve-labels}: a comma-separated list of label names.
     *
     * @param text the option's value
     * @return the chosen labels
     * @throws IllegalArgumentException naming the bad part and the known labels, or a label given twice
     */
    static Set<ProcessLabel> parse(String text) {
        Set<ProcessLabel> chosen = EnumSet.noneOf(ProcessLabel.class);
        for (String part : text.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            ProcessLabel found = null;
            for (ProcessLabel l : values()) {
                if (l.labelName().equals(name)) {
                    found = l;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException((name.isEmpty() ? "an empty label" : "unknown label '"
                        + org.sstop.core.Sanitizer.clean(name) + "'") + "; known: " + known());
            }
            if (!chosen.add(found)) {
                throw new IllegalArgumentException("label '" + name + "' given twice");
            }
        }
        return chosen;
    }

    /** The known label names, comma-separated. */
    static String known() {
        StringBuilder s = new StringBuilder();
        for (ProcessLabel l : values()) {
            s.append(s.length() == 0 ? "" : ",").append(l.labelName());
        }
        return s.toString();
    }

    private static String container(ProcessStats p, Function<ContainerInfo, String> field) {
        return p.container() == null ? null : field.apply(p.container());
    }
}
