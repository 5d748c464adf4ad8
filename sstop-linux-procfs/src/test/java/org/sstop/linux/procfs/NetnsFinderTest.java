package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The namespace finder over a proc tree of its own: links as the kernel writes them, and hostile ones. */
class NetnsFinderTest {

    private static final long OWN = 4026531840L;

    @TempDir
    Path proc;

    private void process(String pid, String link) throws Exception {
        Path ns = Files.createDirectories(proc.resolve(pid).resolve("ns"));
        Files.deleteIfExists(ns.resolve("net"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of(link));
    }

    @Test
    void findsOtherNamespacesWithAProcessInEachAndLeavesItsOwnOut() throws Exception {
        process("1", "net:[" + OWN + "]");
        process("200", "net:[4026532001]");
        process("201", "net:[4026532001]");
        process("300", "net:[4026532002]");
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("sys"));
        NetnsFinder f = new NetnsFinder(proc, OWN);
        f.scan(0);
        Map<Long, Integer> found = f.namespaces();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(4026532001L) == 200 || found.get(4026532001L) == 201);
        assertEquals(300, found.get(4026532002L));
    }

    @Test
    void aNamespaceGoesWhenItsLastProcessExits() throws Exception {
        process("300", "net:[4026532002]");
        NetnsFinder f = new NetnsFinder(proc, OWN);
        f.scan(0);
        assertEquals(Map.of(4026532002L, 300), f.namespaces());
        Files.delete(proc.resolve("300/ns/net"));
        Files.delete(proc.resolve("300/ns"));
        Files.delete(proc.resolve("300"));
        f.scan(1);
        assertTrue(f.namespaces().isEmpty());
    }

    @Test
    void aProcessThatMovesRightAfterItStartedIsFoundOnItsSecondScan() throws Exception {
        process("400", "net:[" + OWN + "]"); // as `ip netns exec` starts: still in the old namespace
        NetnsFinder f = new NetnsFinder(proc, OWN);
        f.scan(0);
        assertTrue(f.namespaces().isEmpty());
        process("400", "net:[4026532003]");
        f.scan(1);
        assertEquals(Map.of(4026532003L, 400), f.namespaces());
        process("400", "net:[4026532004]");
        f.scan(2);
        assertEquals(Map.of(4026532003L, 400), f.namespaces(), "later moves wait for the periodic check");
        f.scan(NetnsFinder.RECHECK_NANOS + 2);
        assertEquals(Map.of(4026532004L, 400), f.namespaces());
    }

    @Test
    void malformedLinksAndNamesAreSkipped() throws Exception {
        process("500", "net:[12ab]");
        process("501", "mnt:[4026532005]");
        process("502", "net:[99999999999999999999999999]");
        process("503", "net:[\u001b[2J]");
        process("0504", "net:[4026532006]"); // not a pid as the kernel writes it
        process("12345678901", "net:[4026532007]");
        process("505", "net:[4026532008]");
        NetnsFinder f = new NetnsFinder(proc, OWN);
        f.scan(0);
        assertEquals(Map.of(4026532008L, 505), f.namespaces());
    }

    @Test
    void parsesPidsAndLinks() {
        assertEquals(1, NetnsFinder.pid("1"));
        assertEquals(0, NetnsFinder.pid("self"));
        assertEquals(0, NetnsFinder.pid(""));
        assertEquals(0, NetnsFinder.pid("-1"));
        assertEquals(0, NetnsFinder.pid("1234567890"));
        assertEquals(0, NetnsFinder.pid("01"));
        assertEquals(4026531840L, ProcText.netnsInode("net:[4026531840]"));
        assertEquals(0, ProcText.netnsInode("net:[]x"));
        assertEquals(0, ProcText.netnsInode("net:[" + "9".repeat(19) + "9]"));
        assertEquals(0, NetnsFinder.netnsOf(Path.of("/nonexistent/ns/net")));
    }
}
