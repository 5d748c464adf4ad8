package org.sstop.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.sstop.api.ContainerInfo;
import org.sstop.api.Availability;
import org.sstop.api.Endpoint;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowCounterProvider;
import org.sstop.api.FlowDelta;
import org.sstop.api.FlowSample;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;
import org.sstop.api.InterfaceSourceProvider;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessInfo;
import org.sstop.api.ProcessMapper;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.SocketState;

/** Controllable in-memory backends and clocks for engine tests. */
final class Fakes {

    private Fakes() {
    }

    /** A monotonic clock the test advances, and a wall clock that follows it. */
    static final class TestClock extends Clock implements LongSupplier {
        static final Instant EPOCH = Instant.parse("2026-11-21T20:00:00Z");
        long nanos = 5_000_000_000L; // arbitrary origin: only differences matter

        void advanceMillis(long ms) {
            nanos += ms * 1_000_000L;
        }

        @Override
        public long getAsLong() {
            return nanos;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return EPOCH.plusNanos(nanos);
        }
    }

    static Endpoint ep(String address, int port) {
        return new Endpoint(IpAddress.parse(address), port);
    }

    static SocketInfo tcp(long cookie, String local, int lport, String remote, int rport, long inode, long sent, long received) {
        return new SocketInfo(cookie, Protocol.TCP, ep(local, lport), ep(remote, rport), SocketState.ESTABLISHED,
                inode, 0, SocketInfo.UNKNOWN, sent, received);
    }

    static SocketInfo listen(long cookie, String local, int lport, long inode) {
        return new SocketInfo(cookie, Protocol.TCP, ep(local, lport), ep("0.0.0.0", 0), SocketState.LISTEN,
                inode, 0, SocketInfo.UNKNOWN, 0, 0);
    }

    static SocketInfo udp(long cookie, String local, int lport, String remote, int rport, long inode) {
        boolean connected = rport != 0;
        return new SocketInfo(cookie, Protocol.UDP, ep(local, lport), ep(remote, rport),
                connected ? SocketState.ESTABLISHED : SocketState.UNCONNECTED, inode, 0, SocketInfo.UNKNOWN,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN);
    }

    static SocketInfo withCounters(SocketInfo s, long sent, long received) {
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), s.state(), s.ownerKey(), s.uid(), s.pid(), sent, received);
    }

    static SocketInfo withInode(SocketInfo s, long inode) {
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), s.state(), inode, s.uid(), s.pid(), s.bytesSent(), s.bytesReceived());
    }

    static ProcessInfo proc(int pid, String name, long startTime) {
        return new ProcessInfo(pid, 1, name, name + " --flag", 0, "root", startTime, null, "");
    }

    /** A socket source whose next sample the test sets; can be told to fail. */
    static class Sockets implements SocketSource {
        final List<SocketInfo> live = new ArrayList<>();
        final List<SocketInfo> closedNext = new ArrayList<>();
        long lostNext;
        IOException failNext;
        boolean failAlways;
        int samples;
        boolean closed;
        List<String> limitations = List.of();
        /** What the engine last told about byte counters (null: nothing yet), and whether TCP is then listed without them. */
        Boolean countersWanted;
        boolean honourHint;

        @Override
        public void byteCountersWanted(boolean wanted) {
            countersWanted = wanted;
        }

        @Override
        public SocketSample sample() throws IOException {
            samples++;
            if (failNext != null) {
                IOException e = failNext;
                if (!failAlways) {
                    failNext = null;
                }
                throw e;
            }
            List<SocketInfo> listed = !honourHint || !Boolean.FALSE.equals(countersWanted) ? live
                    : live.stream().map(x -> new SocketInfo(x.cookie(), x.protocol(), x.local(), x.remote(), x.state(),
                            x.ownerKey(), x.uid(), x.pid(), SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, x.netns())).toList();
            SocketSample s = new SocketSample(listed, closedNext, lostNext);
            closedNext.clear();
            lostNext = 0;
            return s;
        }

        /** Replaces the socket with the same cookie (or adds it). */
        void put(SocketInfo s) {
            live.removeIf(x -> x.cookie() == s.cookie());
            live.add(s);
        }

        void remove(long cookie) {
            live.removeIf(x -> x.cookie() == cookie);
        }

        @Override
        public List<String> limitations() {
            return limitations;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static class Mapper implements ProcessMapper {
        final Map<Long, Integer> owners = new HashMap<>();
        final Map<Integer, ProcessInfo> processes = new HashMap<>();
        final Set<Long> asked = new HashSet<>();
        /** What {@link #containerOfCgroup} knows. */
        final Map<Long, ContainerInfo> cgroups = new HashMap<>();
        /** What {@link #userName} knows; uid 666 throws. */
        final Map<Integer, String> users = new HashMap<>();
        int ownersCalls;
        int describeCalls;
        List<String> limitations = List.of();

        void own(long inode, ProcessInfo p) {
            owners.put(inode, p.pid());
            processes.put(p.pid(), p);
        }

        @Override
        public int[] owners(List<SocketInfo> unmapped) throws IOException {
            ownersCalls++;
            int[] out = new int[unmapped.size()];
            for (int i = 0; i < out.length; i++) {
                long key = unmapped.get(i).ownerKey();
                asked.add(key);
                out[i] = owners.getOrDefault(key, 0);
            }
            return out;
        }

        @Override
        public Optional<ProcessInfo> describe(int pid) {
            describeCalls++;
            return Optional.ofNullable(processes.get(pid));
        }

        @Override
        public boolean isAlive(int pid, long startTime) {
            ProcessInfo p = processes.get(pid);
            return p != null && p.startTime() == startTime;
        }

        @Override
        public Optional<ContainerInfo> containerOfCgroup(long cgroupId) {
            if (cgroupId == 666) {
                throw new IllegalStateException("a mapper that fails");
            }
            return Optional.ofNullable(cgroups.get(cgroupId));
        }

        @Override
        public Optional<String> userName(int uid) {
            if (uid == 666) {
                throw new IllegalStateException("a mapper that fails");
            }
            return Optional.ofNullable(users.get(uid));
        }

        @Override
        public List<String> limitations() {
            return limitations;
        }

        @Override
        public void close() {
        }
    }

    static final class Interfaces implements InterfaceSource {
        final Map<String, InterfaceCounters> counters = new HashMap<>();

        void set(String name, long rx, long tx, boolean loopback) {
            counters.put(name, new InterfaceCounters(name, rx, tx, 0, 0, loopback, true));
        }

        /** An interface of another network namespace. */
        void set(long netns, String name, long rx, long tx) {
            counters.put(netns + "/" + name, new InterfaceCounters(name, rx, tx, 0, 0, false, true, netns));
        }

        @Override
        public List<InterfaceCounters> read() {
            return List.copyOf(counters.values());
        }

        @Override
        public void close() {
        }
    }

    static final class Flows implements FlowCounter {
        final List<FlowDelta> next = new ArrayList<>();
        long dropsNext;
        boolean closed;
        /** What the engine last asked to count (null: never asked, so everything). */
        java.util.Set<Protocol> countOnly;

        @Override
        public void countOnly(java.util.Set<Protocol> protocols) {
            countOnly = java.util.Set.copyOf(protocols);
        }

        void add(Protocol p, Endpoint local, Endpoint remote, long out, long in, boolean loopback) {
            next.add(new FlowDelta(p, local, remote, out, in, 1, 1, loopback));
        }

        @Override
        public FlowSample drain() {
            FlowSample s = new FlowSample(next, next.size(), dropsNext);
            next.clear();
            dropsNext = 0;
            return s;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A kernel traffic counter whose next drain the test sets; can be told to fail. */
    /** A provider of any service that hands out a given backend (or fails to open). */
    abstract static class Provider<T extends org.sstop.api.Backend> {
        final String name;
        final int priority;
        Availability availability = Availability.yes();
        T backend;
        IOException openFailure;
        int opened;
        int probed;

        Provider(String name, int priority, T backend) {
            this.name = name;
            this.priority = priority;
            this.backend = backend;
        }

        public String name() {
            return name;
        }

        public int priority() {
            return priority;
        }

        public Availability availability() {
            probed++;
            return availability;
        }

        public T open() throws IOException {
            if (openFailure != null) {
                throw openFailure;
            }
            opened++;
            return backend;
        }
    }

    static final class SocketsProvider extends Provider<SocketSource> implements SocketSourceProvider {
        SocketsProvider(String name, int priority, SocketSource s) {
            super(name, priority, s);
        }
    }

    static final class MapperProvider extends Provider<ProcessMapper> implements ProcessMapperProvider {
        MapperProvider(String name, int priority, ProcessMapper m) {
            super(name, priority, m);
        }
    }

    static final class InterfacesProvider extends Provider<InterfaceSource> implements InterfaceSourceProvider {
        InterfacesProvider(String name, int priority, InterfaceSource i) {
            super(name, priority, i);
        }
    }

    static final class FlowsProvider extends Provider<FlowCounter> implements FlowCounterProvider {
        FlowsProvider(String name, int priority, FlowCounter f) {
            super(name, priority, f);
        }
    }

    static final class CountersProvider extends Provider<org.sstop.api.TrafficCounter>
            implements org.sstop.api.TrafficCounterProvider {
        CountersProvider(String name, int priority, org.sstop.api.TrafficCounter c) {
            super(name, priority, c);
        }
    }

    /** A monitor over one fake of each service, driven by a test clock. */
    static final class World implements AutoCloseable {
        final TestClock clock = new TestClock();
        final Sockets sockets = new Sockets();
        final Mapper mapper = new Mapper();
        final Interfaces interfaces = new Interfaces();
        final Flows flows = new Flows();
        final FakeCounter counter = new FakeCounter();
        boolean withCounter;
        final Map<IpAddress, String> localAddresses = new HashMap<>(Map.of(IpAddress.parse("10.0.0.1"), "eth0"));
        NetMonitor monitor;
        /** More builder settings, applied last. */
        java.util.function.UnaryOperator<NetMonitor.Builder> configure = b -> b;

        World start(boolean withFlows) throws BackendSelectionException {
            List<org.sstop.api.BackendProvider<?>> providers = new ArrayList<>(List.of(
                    new SocketsProvider("fake-sockets", 10, sockets),
                    new MapperProvider("fake-mapper", 10, mapper),
                    new InterfacesProvider("fake-interfaces", 10, interfaces)));
            if (withFlows) {
                providers.add(new FlowsProvider("fake-flows", 10, flows));
            }
            if (withCounter) {
                providers.add(new CountersProvider("fake-counter", 10, counter));
            }
            monitor = configure.apply(NetMonitor.builder()
                    .providers(providers)
                    .nanoClock(clock)
                    .wallClock(clock)
                    .localAddresses(() -> localAddresses)
                    .socketDetail(true))
                    .build();
            return this;
        }

        /** Advances the clock, then samples. */
        Snapshot step(long millis) throws IOException {
            clock.advanceMillis(millis);
            return monitor.sample();
        }

        @Override
        public void close() {
            if (monitor != null) {
                monitor.close();
            }
        }
    }

    /** Every row of a pid (a reused pid has one per process). */
    static List<ProcessStats> rows(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).toList();
    }

    /** The row of a pid with this start time (a reused pid has one per process). */
    static ProcessStats process(Snapshot s, int pid, long startTime) {
        return rows(s, pid).stream().filter(p -> p.startTime() == startTime).findFirst()
                .orElseThrow(() -> new AssertionError("no process " + pid + " started at " + startTime + " in " + s.processes()));
    }

    static ProcessStats process(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no process " + pid + " in " + s.processes()));
    }

    static Optional<ProcessStats> findProcess(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst();
    }

    static ArrayDeque<Long> longs(long... values) {
        ArrayDeque<Long> d = new ArrayDeque<>();
        for (long v : values) {
            d.add(v);
        }
        return d;
    }
}
