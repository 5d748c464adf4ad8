package org.sstop.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.SnapshotListener;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Format;
import org.sstop.tui.text.Sanitizer;

/**
 * The exit summary: the processes that moved the most bytes since sstop started, exited ones
 * included (a snapshot keeps an exited process only for a while; this remembers its last
 * totals). Fed with every snapshot (as a monitor listener in the terminal UI, as a writer in
 * front of the headless output), printed once at the end. At most {@link #MAX_PROCESSES} are
 * remembered: past that, those with the fewest bytes are forgotten. Thread-safe (the sampler
 * thread feeds it, the exiting thread prints it).
 */
final class TopTalkers implements SnapshotListener {

    /** Most processes remembered. */
    static final int MAX_PROCESSES = 10_000;
    /** Rows printed. */
    static final int ROWS = 10;
    /** Characters of a command line kept: more than the 60 cells printed, whatever their escapes take. */
    static final int KEPT_CHARS = 256;

    /** A process as last seen: who, and its totals since sstop started. */
    private record Seen(int pid, String name, String cmdline, long up, long down) {
        long total() {
            return up + down;
        }
    }

    /** By pid and start time, so a reused pid is another process. */
    private final Map<List<Long>, Seen> seen = new HashMap<>();
    private Instant first;
    private Instant last;
    private long upTotal;
    private long downTotal;

    @Override
    public synchronized void onSnapshot(Snapshot s) {
        if (first == null) {
            first = s.time().minus(s.elapsed()); // the totals cover the first sample's interval too
        }
        last = s.time();
        upTotal = s.totals().upBytes();
        downTotal = s.totals().downBytes();
        for (ProcessStats p : s.processes()) {
            long up = p.traffic().upBytes();
            long down = p.traffic().downBytes();
            if (up + down > 0) {
                List<Long> key = List.of((long) p.pid(), p.startTime());
                Seen before = seen.get(key);
                seen.put(key, new Seen(p.pid(), p.name(), before != null ? before.cmdline() : cut(p.cmdline()), up, down));
            }
        }
        if (seen.size() > MAX_PROCESSES) {
            forgetSmallest();
        }
    }

    /**
     * A command line as far as the summary can show it: kept whole, ten thousand command lines
     * of up to 4 KiB each grew the terminal UI's heap by 30 MB under process churn.
     */
    private static String cut(String cmdline) {
        return cmdline == null || cmdline.length() <= KEPT_CHARS ? cmdline : cmdline.substring(0, KEPT_CHARS);
    }

    /** Down to three quarters of the bound, so that this sort runs rarely. */
    private void forgetSmallest() {
        List<Map.Entry<List<Long>, Seen>> all = new ArrayList<>(seen.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().total()));
        for (int i = 0; i < all.size() - MAX_PROCESSES * 3 / 4; i++) {
            seen.remove(all.get(i).getKey());
        }
    }

    /** Characters of command line remembered, all processes together. */
    synchronized long commandChars() {
        return seen.values().stream().mapToLong(p -> p.cmdline() == null ? 0 : p.cmdline().length()).sum();
    }

    /** A writer in front of {@code next} that feeds this summary with every snapshot written. */
    SnapshotWriter feeding(SnapshotWriter next) {
        return SnapshotWriter.observing(this::onSnapshot, next, null);
    }

    /**
     * The summary's lines: a heading with the time covered and the system totals, then the top
     * processes by bytes moved, names and command lines sanitized and cut.
     */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        if (first == null) {
            out.add("sstop: no sample was taken: no summary");
            return out;
        }
        out.add("sstop: top talkers over " + Format.age(Duration.between(first, last)) + " (system ↑ "
                + Format.bytes(upTotal) + " ↓ " + Format.bytes(downTotal) + "; per process, loopback included)");
        List<Seen> top = new ArrayList<>(seen.values());
        top.sort(Comparator.comparingLong(Seen::total).reversed().thenComparingInt(Seen::pid));
        if (top.isEmpty()) {
            out.add("  no process moved any bytes");
            return out;
        }
        out.add(pad("PID", 8, true) + "  " + pad("PROCESS", 16, false) + "  " + pad("UPLOAD", 10, true) + "  "
                + pad("DOWNLOAD", 10, true) + "  COMMAND");
        for (Seen p : top.subList(0, Math.min(ROWS, top.size()))) {
            String name = CellBuffer.fit(Sanitizer.clean(p.name()), 16);
            out.add(pad(Integer.toString(p.pid()), 8, true) + "  " + pad(name.isEmpty() ? "?" : name, 16, false) + "  "
                    + pad(Format.bytes(p.up()), 10, true) + "  " + pad(Format.bytes(p.down()), 10, true) + "  "
                    + CellBuffer.fit(Sanitizer.clean(p.cmdline()), 60));
        }
        return out;
    }

    /** Prints {@link #lines()}. */
    void print(PrintStream err) {
        for (String line : lines()) {
            err.println(line);
        }
        err.flush();
    }

    /** Text padded to a width in terminal cells (wide characters count two). */
    private static String pad(String text, int width, boolean right) {
        String gap = " ".repeat(Math.max(0, width - CellBuffer.widthOf(text)));
        return right ? gap + text : text + gap;
    }
}
