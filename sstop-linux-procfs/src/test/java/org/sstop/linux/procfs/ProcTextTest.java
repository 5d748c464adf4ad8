package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcTextTest {

    private static String cmdline(String raw) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        return ProcText.cmdline(b, b.length);
    }

    @Test
    void cmdlineJoinsArguments() {
        assertEquals("curl -O http://x", cmdline("curl\0-O\0http://x\0"));
        assertEquals("a  b", cmdline("a\0\0b\0\0\0"));
        assertEquals("", cmdline(""));
        assertEquals("", cmdline("\0\0"));
        assertEquals("nginx: worker process", cmdline("nginx: worker process\0\0\0\0"));
    }

    @Test
    void cmdlineIsBounded() {
        assertEquals(ProcText.MAX_CMDLINE_BYTES, cmdline("y".repeat(100_000)).length());
    }

    @Test
    void cgroupPrefersUnifiedThenSystemdThenAnyNonRoot() {
        assertEquals("/user.slice/session-1.scope", ProcText.cgroup("0::/user.slice/session-1.scope\n"));
        assertEquals("/system.slice/ssh.service",
                ProcText.cgroup("9:name=systemd:/system.slice/ssh.service\n4:memory:/m\n0::/\n"));
        assertEquals("/m", ProcText.cgroup("9:name=systemd:/\n4:memory:/m\n1:cpu:/\n0::/\n"));
        assertEquals("/", ProcText.cgroup("1:cpu:/\n0::/\n"));
        assertEquals("/docker/abc", ProcText.cgroup("4:memory:/docker/abc\n0::/docker/abc2\n".replace("0::/docker/abc2", "0::/docker/abc")));
    }

    @Test
    void cgroupSkipsMalformed() {
        assertEquals("", ProcText.cgroup(""));
        assertEquals("", ProcText.cgroup("garbage\n:\n1:cpu:\n"));
        assertEquals("/ok", ProcText.cgroup("garbage\n0::/ok"));
        assertEquals(ProcText.MAX_CGROUP_LENGTH, ProcText.cgroup("0::/" + "a".repeat(5000)).length());
    }

    @Test
    void netnsInode() {
        assertEquals(4026531840L, ProcText.netnsInode("net:[4026531840]"));
        assertEquals(0, ProcText.netnsInode("mnt:[4026531840]"));
        assertEquals(0, ProcText.netnsInode("net:[]"));
        assertEquals(0, ProcText.netnsInode("net:[12x]"));
        assertEquals(0, ProcText.netnsInode("net:[4026531840"));
        assertEquals(0, ProcText.netnsInode("net:[99999999999999999999999]"));
        assertEquals(0, ProcText.netnsInode(""));
    }

    @Test
    void bootTime() {
        assertEquals(1763750000L, ProcText.bootTime("cpu  1 2 3\nintr 5\nbtime 1763750000\nprocesses 9\n"));
        assertEquals(5, ProcText.bootTime("btime 5"));
        assertEquals(-1, ProcText.bootTime("cpu 1\n"));
        assertEquals(-1, ProcText.bootTime("btime x\n"));
        assertEquals(-1, ProcText.bootTime("btime \n"));
        assertEquals(-1, ProcText.bootTime("xbtime 5\n"));
        assertEquals(-1, ProcText.bootTime("btime 9999999999999999999999\n"));
    }
}
