package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.api.SocketInfo;
import org.sstop.api.CounterSample;
import org.sstop.api.ProcessInfo;

/** Processes rolled up by the container, service or session their mapper says they run in, and by user. */
class ContainerRollupTest {

    private static final ContainerInfo WEB = new ContainerInfo("docker", "ab".repeat(32), "web", null, null);
    private static final ContainerInfo SSHD = new ContainerInfo("systemd", null, "ssh.service", null, "ssh.service");

    private final Fakes.World w = new Fakes.World();

    private static ProcessInfo in(ContainerInfo c, int pid, String name) {
        return new ProcessInfo(pid, 1, name, name, 0, "root", pid * 10L, null, "/x", 4026531840L, c);
    }

    @BeforeEach
    void setUp() throws Exception {
        w.withCounter = true;
        w.mapper.own(1, in(WEB, 50, "nginx"));
        w.mapper.own(2, in(WEB, 51, "worker"));
        w.mapper.own(3, in(SSHD, 60, "sshd"));
        w.mapper.own(4, Fakes.proc(70, "loner", 700));
        w.mapper.own(5, new ProcessInfo(80, 1, "curl", "curl x", 1000, "alice", 800, null, ""));
        w.start(true);
        w.step(1000);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    private static ContainerStats group(Snapshot s, ContainerInfo c) {
        return s.containers().stream().filter(g -> g.container().equals(c)).findFirst().orElseThrow();
    }

    @Test
    void aGroupSumsItsProcessesAndAProcessWithoutOneIsInNone() throws Exception {
        w.counter.process(50, 500, "nginx", 1000, 100, 0, 0);
        w.counter.process(51, 510, "worker", 2000, 200, 0, 0);
        w.counter.process(60, 600, "sshd", 30, 3, 0, 0);
        w.counter.process(70, 700, "loner", 5, 5, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(2, s.containers().size(), s.containers().toString());
        assertEquals(new Traffic(3000, 300, 3000, 300, 3000, 300), group(s, WEB).traffic());
        assertEquals(2, group(s, WEB).processes());
        assertEquals(30, group(s, SSHD).traffic().upBytes());
        assertEquals(WEB, s.containers().get(0).container(), "busiest first");
        ProcessStats nginx = s.processes().stream().filter(p -> p.pid() == 50).findFirst().orElseThrow();
        assertEquals(WEB, nginx.container());
        assertEquals(4026531840L, nginx.netns());
    }

    @Test
    void aProcessThatExitedBeforeItWasDescribedIsInTheContainerOfItsCgroup() throws Exception {
        w.mapper.cgroups.put(4242L, WEB);
        w.mapper.users.put(0, "root");
        w.counter.process(50, 500, "nginx", 1000, 4242);
        w.counter.process(90, 900, "curl", 700, 4242); // gone before the mapper could read it
        w.counter.process(91, 910, "wget", 300, 99); // a cgroup the mapper cannot name
        w.counter.process(92, 920, "odd", 200, 666); // a mapper that throws: no container, the sample goes on
        w.counter.process(93, 930, "early", 100, 0); // no cgroup recorded
        Snapshot s = w.step(1000);
        ProcessStats curl = s.processes().stream().filter(p -> p.pid() == 90).findFirst().orElseThrow();
        assertEquals(WEB, curl.container());
        assertEquals("curl", curl.name());
        assertEquals("root", curl.user(), "the mapper's name for its uid, not 0");
        assertEquals(1700, group(s, WEB).traffic().upBytes(), "nginx and the short-lived curl");
        assertEquals(ProcessState.EXITED, curl.state());
        assertEquals(1, group(s, WEB).processes(), "running: nginx alone");
        for (int pid : new int[] {91, 92, 93}) {
            assertNull(s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow().container(), "pid " + pid);
        }
    }

    @Test
    void aProcessCountedButNeverDescribedHasTheUserNameTheMapperGivesItsUid() throws Exception {
        w.mapper.users.put(1000, "alice");
        w.counter.processes.add(new CounterSample.ProcessCount(95, 950, 1, 4242, "job", 10, 0, 0, 0));
        w.counter.processes.add(new CounterSample.ProcessCount(96, 960, 1, 1000, "job", 10, 0, 0, 0));
        w.counter.processes.add(new CounterSample.ProcessCount(97, 970, 1, SocketInfo.UNKNOWN, "job", 10, 0, 0, 0));
        w.counter.processes.add(new CounterSample.ProcessCount(98, 980, 1, 666, "job", 10, 0, 0, 0));
        Snapshot s = w.step(1000);
        assertEquals("alice", user(s, 96), "no process of uid 1000 was described: the mapper names it");
        assertEquals("4242", user(s, 95), "a uid the mapper cannot name");
        assertEquals("", user(s, 97), "no uid");
        assertEquals("666", user(s, 98), "a mapper that throws: the uid, and the sample goes on");
    }

    private static String user(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow().user();
    }

    @Test
    void aGroupKeepsTheBytesOfAProcessThatExitedAndWasDropped() throws Exception {
        w.counter.process(50, 500, "nginx", 1000, 0, 0, 0);
        w.counter.process(51, 510, "worker", 2000, 0, 0, 0);
        w.step(1000);
        w.mapper.processes.remove(51); // the worker exits
        Snapshot s = w.step(1000);
        for (int i = 0; i < 600 && s.processes().stream().anyMatch(p -> p.pid() == 51); i++) {
            w.counter.process(50, 500, "nginx", 1, 0, 0, 0); // nginx stays busy and listed
            s = w.step(1000);
        }
        assertTrue(s.processes().stream().noneMatch(p -> p.pid() == 51), "the exited worker was dropped");
        long nginx = s.processes().stream().filter(p -> p.pid() == 50).findFirst().orElseThrow().traffic().upBytes();
        assertEquals(nginx + 2000, group(s, WEB).traffic().upBytes(), "the worker's 2,000 bytes stay in the group");
        assertEquals(1, group(s, WEB).processes());
    }

    @Test
    void processesAreRolledUpByUserWithTheBytesOfThoseThatExited() throws Exception {
        w.counter.process(50, 500, "nginx", 1000, 100, 0, 0);
        w.counter.process(70, 700, "loner", 5, 5, 0, 0);
        w.counter.process(80, 800, "curl", 40, 4000, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(List.of("alice", "root"), s.users().stream().map(UserStats::user).toList(), "busiest first");
        assertEquals(new Traffic(40, 4000, 40, 4000, 40, 4000), s.users().get(0).traffic());
        assertEquals(1005, s.users().get(1).traffic().upBytes(), "nginx and the loner, container or not");
        assertEquals(1, s.users().get(0).processes());
        w.mapper.processes.remove(80); // alice's curl exits
        w.counter.process(50, 500, "nginx", 1, 0, 0, 0);
        s = w.step(1000);
        UserStats alice = s.users().stream().filter(u -> u.user().equals("alice")).findFirst().orElseThrow();
        assertEquals(4000, alice.traffic().downBytes(), "listed while her exited process is");
        assertEquals(0, alice.processes(), "no running process");
        assertEquals(0, alice.traffic().downRate(), "an exited process moves nothing");
        assertEquals(1000, alice.uid());
    }

    @Test
    void aProcessOnlyTheCounterSawIsInItsUsersGroupByUid() throws Exception {
        // pid 90 has no mapper entry: the engine names its user by its uid, "0"
        w.counter.process(90, 900, "curl", 0, 700, 0, 0);
        w.counter.process(50, 500, "nginx", 100, 0, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals("0", s.processes().stream().filter(p -> p.pid() == 90).findFirst().orElseThrow().user());
        List<UserStats> root = s.users().stream().filter(u -> u.uid() == 0).toList();
        assertEquals(1, root.size(), "one group for uid 0: " + s.users());
        assertEquals("root", root.get(0).user(), "named by the process that had a name");
        assertEquals(700, root.get(0).traffic().downBytes());
    }

    @Test
    void aGroupHasItsPerSecondHistory() throws Exception {
        for (int i = 0; i < 3; i++) {
            w.counter.process(50, 500, "nginx", 1000, 0, 0, 0);
            w.counter.process(51, 510, "worker", 500, 0, 0, 0);
            w.step(1000);
        }
        RateHistory h = group(w.step(1000), WEB).history();
        long sum = 0;
        for (int i = 0; i < h.size(); i++) {
            sum += h.total(i);
        }
        assertEquals(4500, sum, "every second's bytes of both processes");
    }

    @Test
    void monitorsOfTwoContainersAreTwoGroups() throws Exception {
        w.mapper.own(5, in(new ContainerInfo("lxc", null, "lxc monitor c1", null, null), 80, "lxc-start"));
        w.mapper.own(6, in(new ContainerInfo("lxc", null, "lxc monitor c2", null, null), 81, "lxc-start"));
        w.counter.process(80, 800, "lxc-start", 10, 0, 0, 0);
        w.counter.process(81, 810, "lxc-start", 20, 0, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(List.of("lxc monitor c2", "lxc monitor c1"),
                s.containers().stream().map(g -> g.container().name()).toList(), "not one group keyed (lxc, null, null)");
    }

    @Test
    void aUsersCgroupNamedLikeAContainerIsAnotherGroup() throws Exception {
        ContainerInfo posing = new ContainerInfo("docker", WEB.id(), "ababababab", null, "user@1000.service/docker-x.scope");
        w.mapper.own(7, in(posing, 90, "impostor"));
        w.counter.process(50, 500, "nginx", 1000, 0, 0, 0);
        w.counter.process(90, 900, "impostor", 7, 0, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(1000, group(s, WEB).traffic().upBytes(), "the container's bytes alone");
        assertEquals(7, group(s, posing).traffic().upBytes());
    }

    @Test
    void aGroupWithNoListedProcessIsGone() throws Exception {
        w.counter.process(60, 600, "sshd", 30, 3, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(List.of(SSHD), s.containers().stream().map(ContainerStats::container).toList());
        w.mapper.processes.remove(60);
        for (int i = 0; i < 600 && !s.containers().isEmpty(); i++) {
            s = w.step(1000);
        }
        assertEquals(List.of(), s.containers());
    }

    @Test
    void aContainerNamedLateGetsItsNameOnTheProcessesAlreadyDescribed() throws Exception {
        String id = "cd".repeat(32);
        ContainerInfo unnamed = new ContainerInfo("docker", id, id.substring(0, ContainerInfo.SHORT_ID_LENGTH), null, null);
        ContainerInfo named = new ContainerInfo("docker", id, "db", null, null);
        w.mapper.own(9, in(unnamed, 90, "postgres"));
        w.sockets.put(Fakes.tcp(9, "10.0.0.1", 5432, "10.0.0.9", 40000, 9, 0, 0));
        w.step(1000);
        // The runtime writes its files now: the mapper would name it if asked again.
        w.mapper.processes.put(90, in(named, 90, "postgres"));
        Snapshot soon = w.step(1000);
        assertEquals(unnamed, pid(soon, 90).container(), "not described again at every sample");
        int describes = w.mapper.describeCalls;
        Snapshot later = null;
        for (int i = 0; i < 31; i++) {
            later = w.step(1000);
        }
        assertEquals(named, pid(later, 90).container(), "named within the retry period");
        assertEquals("db", later.containers().stream().filter(c -> c.container().id().equals(id)).findFirst().orElseThrow()
                .container().name());
        assertEquals(describes + 1, w.mapper.describeCalls, "described once more, not once per sample");
        for (int i = 0; i < 40; i++) {
            w.step(1000);
        }
        assertEquals(describes + 1, w.mapper.describeCalls, "a named container is not looked up again");
    }

    private static ProcessStats pid(Snapshot s, int pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }
}
