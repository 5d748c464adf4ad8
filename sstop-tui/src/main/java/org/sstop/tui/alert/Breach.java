package org.sstop.tui.alert;

import java.time.Duration;
import org.sstop.core.ProcessStats;
import org.sstop.tui.text.Sanitizer;

/**
 * One process meeting one rule for as long as the rule asks: what an alert says. Text fields are
 * sanitized and bounded (they come from the process: its name and command line are its own
 * choice). Immutable.
 *
 * @param rule the rule's text
 * @param pid the process
 * @param startTime its start-time token (pid reuse)
 * @param name its name
 * @param cmdline its command line, at most {@link #MAX_TEXT} characters
 * @param user its user, empty if unknown
 * @param container its container, service or session name, empty if none
 * @param upRate its upload rate, bytes per second
 * @param downRate its download rate, bytes per second
 * @param connections its open connections
 * @param held how long the condition has held so far
 */
public record Breach(String rule, int pid, long startTime, String name, String cmdline, String user, String container,
        double upRate, double downRate, int connections, Duration held) {

    /** The longest text a breach carries in one field. */
    public static final int MAX_TEXT = 256;

    /**
     * A breach of a process as it is in a sample.
     *
     * @param rule the rule
     * @param p the process
     * @param held how long the condition has held
     * @return the breach
     */
    public static Breach of(AlertRule rule, ProcessStats p, Duration held) {
        return new Breach(clean(rule.text()), p.pid(), p.startTime(), clean(p.name()), clean(p.cmdline()), clean(p.user()),
                p.container() == null ? "" : clean(p.container().name()), p.traffic().upRate(), p.traffic().downRate(),
                p.connections(), held);
    }

    /** Sanitized and bounded, as a breach's fields are. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String c = Sanitizer.clean(s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s);
        return c.length() > MAX_TEXT ? c.substring(0, MAX_TEXT) : c;
    }
}
