package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.BackendProvider;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;

/**
 * A backend's own errors (a class that cannot load, a failed assertion, runaway recursion) are
 * survived as its exceptions are: the backend is given up, no byte is lost, and closing goes on
 * past them. Errors of the JVM itself still propagate. Each case failed before its fix.
 */
class BackendFaultTest {

    private final Fakes.TestClock clock = new Fakes.TestClock();

    private NetMonitor monitor(Fakes.Sockets sockets, Fakes.Mapper mapper, FakeCounter counter)
            throws Exception {
        List<BackendProvider<?>> providers = new java.util.ArrayList<>(List.of(
                new Fakes.SocketsProvider("fake-sockets", 10, sockets),
                new Fakes.MapperProvider("fake-mapper", 10, mapper)));
        if (counter != null) {
            providers.add(new Fakes.CountersProvider("fake-counter", 10, counter));
        }
        return NetMonitor.builder().providers(providers).nanoClock(clock).wallClock(clock).build();
    }

    private Snapshot step(NetMonitor m) throws IOException {
        clock.advanceMillis(1000);
        return m.sample();
    }

    /** A mapper whose owners call throws what the test sets, from its second call on. */
    private static final class FailingMapper extends Fakes.Mapper {
        Error error;

        @Override
        public int[] owners(List<SocketInfo> unmapped) throws IOException {
            if (ownersCalls++ >= 1 && error != null) {
                throw error;
            }
            ownersCalls--;
            return super.owners(unmapped);
        }
    }

    @Test
    void aMapperWhoseClassCannotLoadIsGivenUpAndNoByteIsLost() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        FailingMapper mapper = new FailingMapper();
        mapper.own(100, proc(42, "curl", 1));
        mapper.error = new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
        try (NetMonitor m = monitor(sockets, mapper, null)) {
            step(m);
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
            step(m);
            sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 200, 1000, 0)); // needs the mapper again
            Snapshot s = step(m);
            sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 200, 2000, 0));
            s = step(m);
            assertEquals(3000, s.totals().upBytes(), "every byte counted once");
            assertEquals(1000, Fakes.process(s, 42).traffic().upBytes());
            BackendReport.ServiceReport r = m.backends().service("processes").orElseThrow();
            assertTrue(r.candidates().get(0).reason().startsWith("failed permanently: Could not initialize"),
                    r.toString());
        }
    }

    @Test
    void aSocketSourceThatRecursesForeverFailsLikeOneThatThrows() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets() {
            @Override
            public SocketSample sample() throws IOException {
                if (samples == 2) {
                    samples++;
                    throw new StackOverflowError();
                }
                return super.sample();
            }
        };
        try (NetMonitor m = monitor(sockets, new Fakes.Mapper(), null)) {
            step(m);
            step(m);
            IOException e = assertThrows(IOException.class, () -> step(m), "a failed sample, the monitor usable");
            assertTrue(e.getCause() instanceof StackOverflowError, e.toString());
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 700, 0));
            assertEquals(700, step(m).totals().upBytes());
        }
    }

    @Test
    void errorsOfTheJvmItselfAreNotSwallowed() throws Exception {
        FailingMapper mapper = new FailingMapper();
        mapper.error = new OutOfMemoryError("Java heap space");
        Fakes.Sockets sockets = new Fakes.Sockets();
        try (NetMonitor m = monitor(sockets, mapper, null)) {
            step(m);
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
            step(m);
            sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 200, 1000, 0));
            assertThrows(OutOfMemoryError.class, () -> step(m));
        }
    }

    @Test
    void aBackendThatFailsToCloseDoesNotKeepTheOthersOpen() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        FakeCounter counter = new FakeCounter() {
            @Override
            public void close() {
                super.close();
                throw new AssertionError("a plugin's broken close");
            }
        };
        NetMonitor m = monitor(sockets, new Fakes.Mapper(), counter);
        step(m);
        m.close();
        assertTrue(counter.closed);
        assertTrue(sockets.closed, "the socket source is closed too");
    }
}
