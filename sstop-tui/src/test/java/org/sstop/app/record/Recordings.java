package org.sstop.app.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sstop.core.BackendReport;
import org.sstop.core.RateHistory;
import org.sstop.core.Service;
import org.sstop.core.Snapshot;
import org.sstop.tui.testing.Fixtures;

/** Recordings of hand-built samples, for the record and replay tests. */
final class Recordings {

    private Recordings() {
    }

    /** Every service, as the engine reports them (the fixtures' report lacks the newer ones). */
    static BackendReport report() {
        List<BackendReport.ServiceReport> services = new ArrayList<>();
        for (Service s : Service.values()) {
            services.add(new BackendReport.ServiceReport(s.label(), s == Service.SOCKETS ? "linux-netlink"
                    : s == Service.FLOWS ? null : "linux-procfs", List.of()));
        }
        return new BackendReport(services);
    }

    /**
     * {@code n} samples one second apart: the fixtures' processes (hostile and wide names, sockets,
     * containers) with the system history shifted by a second per sample and the sequence counting.
     */
    static List<Snapshot> samples(int n) {
        List<Snapshot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Snapshot s = Fixtures.withContainers(8 + i % 3);
            long[] up = new long[RateHistory.CAPACITY];
            long[] down = new long[RateHistory.CAPACITY];
            for (int k = 0; k < up.length; k++) {
                up[k] = s.history().up((k + i) % up.length);
                down[k] = s.history().down((k + i) % up.length) + i;
            }
            out.add(new Snapshot(1 + i, s.time().plusSeconds(i), Duration.ofMillis(1000 + i), s.interval(), report(),
                    s.external(), s.loopback(), s.coverage(), s.processes(), s.hosts(), s.listen(), s.interfaces(),
                    RateHistory.of(up, down), s.trend(), s.visibility(), s.containers()));
        }
        return out;
    }

    /** Records samples to a file as {@code --record} does (gzip when the name ends in .gz). */
    static void record(Path file, List<Snapshot> samples, boolean sockets, boolean close) throws IOException {
        RecordingWriter w = RecordingWriter.create(file, sockets, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        for (Snapshot s : samples) {
            w.write(s);
        }
        if (close) {
            w.close();
        }
    }
}
