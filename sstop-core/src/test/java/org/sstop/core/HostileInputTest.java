package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sstop.core.Fakes.ep;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sstop.api.FlowDelta;
import org.sstop.api.ProcessInfo;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** Buggy or hostile backend output is skipped, never breaks a sample, never yields a wrong number. */
class HostileInputTest {

    @Test
    void malformedSocketsAndFlowsAreSkipped() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.mapper.own(100, proc(42, "ok", 1));
            w.start(true);
            w.step(1000);
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 10, 0));
            w.sockets.live.add(new SocketInfo(2, null, ep("10.0.0.1", 1), ep("10.0.0.2", 2), SocketState.ESTABLISHED, 5, 0, -1, 1, 1));
            w.sockets.live.add(new SocketInfo(3, Protocol.TCP, null, ep("10.0.0.2", 2), SocketState.ESTABLISHED, 6, 0, -1, 1, 1));
            w.flows.next.add(new FlowDelta(Protocol.UDP, ep("10.0.0.1", 1), ep("10.0.0.2", 2), -5, 0, 1, 0, false));
            w.flows.next.add(new FlowDelta(null, ep("10.0.0.1", 1), ep("10.0.0.2", 2), 5, 0, 1, 0, false));
            w.interfaces.counters.put("x", new org.sstop.api.InterfaceCounters(null, 1, 1, 1, 1, false, true));
            Snapshot s = w.step(1000);
            assertEquals(10, s.totals().totalBytes());
            assertEquals(10, process(s, 42).traffic().upBytes());
        }
    }

    @Test
    void mapperThatThrowsDoesNotBreakSamples() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        Fakes.Mapper broken = new Fakes.Mapper() {
            @Override
            public int[] owners(List<SocketInfo> unmapped) {
                throw new IllegalStateException("bug");
            }

            @Override
            public Optional<ProcessInfo> describe(int pid) {
                throw new IllegalStateException("bug");
            }
        };
        Fakes.TestClock clock = new Fakes.TestClock();
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets), new Fakes.MapperProvider("m", 1, broken)))
                .nanoClock(clock).wallClock(clock).build()) {
            m.sample();
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 10, 0));
            clock.advanceMillis(1000);
            Snapshot s = m.sample();
            assertEquals(10, s.unattributed().totalBytes());
        }
    }

    @Test
    void processTextIsBoundedAndNeverNull() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            String huge = "x".repeat(1_000_000);
            w.mapper.own(100, new ProcessInfo(42, 1, null, huge, 0, null, 1, null, null));
            w.start(false);
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            Snapshot s = w.step(1000);
            ProcessStats p = process(s, 42);
            assertEquals("", p.name());
            assertEquals("", p.user());
            assertEquals(ProcessText.MAX_TEXT, p.cmdline().length());
        }
    }
}
