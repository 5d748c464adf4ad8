package org.sstop.core;

import jdk.jfr.EventType;

/**
 * Emits a monitor's JFR events (only for a monitor built with {@link NetMonitor.Builder#jfrEvents}):
 * per sample a {@link NetworkSampleEvent} spanning the sample, and a {@link ProcessTrafficEvent}
 * per process at or above the threshold. Costs an enabled-check per sample while no recording
 * asks for the events. Confined to the monitor's sampling lock.
 */
final class JfrEvents {

    /** Touches JFR: an instance field, so that a runtime without it fails in the constructor (see {@link NetMonitor}). */
    private final EventType processType = EventType.getEventType(ProcessTrafficEvent.class);
    /** Longest text written in an event; process names are short, container names may not be. */
    private static final int MAX_TEXT = 256;

    private final long thresholdBytesPerSecond;

    /**
     * Events for one monitor.
     *
     * @param thresholdBytesPerSecond the traffic (up plus down) from which a process gets an event
     */
    JfrEvents(long thresholdBytesPerSecond) {
        this.thresholdBytesPerSecond = thresholdBytesPerSecond;
    }


    /** Starts timing a sample; null when no recording wants sample events. */
    NetworkSampleEvent begin() {
        NetworkSampleEvent e = new NetworkSampleEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    /**
     * Ends and commits the sample event (if {@link #begin} gave one), then writes the busy
     * processes' events.
     *
     * @param e what {@link #begin} returned
     * @param s the snapshot the sample produced
     */
    void emit(NetworkSampleEvent e, Snapshot s) {
        if (e != null) {
            e.end();
            if (e.shouldCommit()) {
                Traffic t = s.totals();
                e.sequence = s.sequence();
                e.upRate = Math.round(t.upRate());
                e.downRate = Math.round(t.downRate());
                e.upDelta = t.upDelta();
                e.downDelta = t.downDelta();
                e.upBytes = t.upBytes();
                e.downBytes = t.downBytes();
                e.unattributedUpBytes = s.unattributed().upBytes();
                e.unattributedDownBytes = s.unattributed().downBytes();
                Coverage.Closure c = s.coverage().sample();
                e.payloadBytes = c.payloadBytes();
                e.interfaceBytes = c.interfaceBytes();
                e.estimatedHeaderBytes = c.estimatedHeaderBytes();
                e.forwardedBytes = c.forwardedBytes();
                e.coverage = c.ratio();
                e.totalCoverage = s.coverage().total().ratio();
                e.processes = s.processes().size();
                e.visibilityLimited = s.visibility().limited();
                e.commit();
            }
        }
        if (processType.isEnabled()) {
            double seconds = Math.max(s.elapsed().toNanos(), 1) / 1e9;
            for (ProcessStats p : s.processes()) {
                if (busy(p.traffic(), seconds)) {
                    process(s.sequence(), p);
                }
            }
        }
    }

    /** At the threshold by its smoothed rate, or by the bytes of this sample (a burst, or a process that just exited). */
    private boolean busy(Traffic t, double seconds) {
        return t.totalRate() >= thresholdBytesPerSecond
                || (t.upDelta() + t.downDelta()) / seconds >= thresholdBytesPerSecond;
    }

    private static void process(long sequence, ProcessStats p) {
        ProcessTrafficEvent e = new ProcessTrafficEvent();
        if (!e.shouldCommit()) {
            return;
        }
        Traffic t = p.traffic();
        e.sequence = sequence;
        e.pid = p.pid();
        e.name = text(p.name());
        e.user = text(p.user());
        e.container = p.container() == null ? "" : text(p.container().name());
        e.exited = p.state() == ProcessState.EXITED;
        e.upRate = Math.round(t.upRate());
        e.downRate = Math.round(t.downRate());
        e.upDelta = t.upDelta();
        e.downDelta = t.downDelta();
        e.upBytes = t.upBytes();
        e.downBytes = t.downBytes();
        e.connections = p.connections();
        e.commit();
    }

    /** Text from other processes, sanitized and bounded: {@code jfr print} writes it to a terminal. */
    private static String text(String s) {
        String clean = Sanitizer.clean(s);
        if (clean.length() <= MAX_TEXT) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT; // never half a pair
        return clean.substring(0, end) + '…';
    }
}
