package org.sstop.core;

import org.sstop.api.ContainerInfo;
import org.sstop.api.ProcessInfo;

/**
 * Bounds the text a mapper or a kernel counter gives about a process, which is untrusted: a
 * command line can be megabytes, and a plugin may leave parts null. Stateless.
 */
final class ProcessText {

    /** Longest text kept from a process (its command line can be megabytes). */
    static final int MAX_TEXT = 4096;

    private ProcessText() {
    }

    /** Process text is untrusted: bound its length and replace missing parts with empty text. */
    static ProcessInfo bounded(ProcessInfo p) {
        String name = clip(p.name());
        String cmdline = clip(p.cmdline());
        String user = clip(p.user());
        String cgroup = clip(p.cgroup());
        ContainerInfo container = bounded(p.container());
        if (name == p.name() && cmdline == p.cmdline() && user == p.user() && cgroup == p.cgroup()
                && container == p.container()) {
            return p;
        }
        return new ProcessInfo(p.pid(), p.ppid(), name, cmdline, p.uid(), user, p.startTime(), p.started(), cgroup,
                p.netns(), container);
    }

    /** A container's text is untrusted too: its fields bounded like the process's. */
    private static ContainerInfo bounded(ContainerInfo c) {
        if (c == null) {
            return null;
        }
        String runtime = clip(c.runtime());
        String name = clip(c.name());
        String id = c.id() == null ? null : clip(c.id());
        String pod = c.pod() == null ? null : clip(c.pod());
        String unit = c.unit() == null ? null : clip(c.unit());
        if (runtime == c.runtime() && name == c.name() && id == c.id() && pod == c.pod() && unit == c.unit()) {
            return c;
        }
        return new ContainerInfo(runtime, id, name, pod, unit);
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }
}
