package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostTest {

    private static final String STATUS = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t1000\nGid:\t100\t100\t100\t100\n";

    @Test
    void uidsComeFromTheUidLine() {
        assertEquals(1000, Host.uidField(STATUS, 0), "real");
        assertEquals(0, Host.uidField(STATUS, 1), "effective");
        assertEquals(1000, Host.uidField(STATUS, 3), "filesystem");
    }

    @Test
    void malformedStatusGivesMinusOne() {
        assertEquals(-1, Host.uidField("Name:\tx\nGid:\t0\t0\t0\t0\n", 1), "no Uid line");
        assertEquals(-1, Host.uidField("Uid:\troot\troot\n", 0), "not a number");
        assertEquals(-1, Host.uidField("Uid:\t5\n", 1), "field missing");
        assertEquals(-1, Host.uidField("", 0));
    }

    @Test
    void uidsAgreeWithTheIdCommand() throws Exception {
        CiAssume.linux();
        CiAssume.onPath("id");
        // A child process inherits the uids.
        assertEquals(Commands.run(List.of("id", "-u")).strip(), Integer.toString(Host.effectiveUid()));
        assertEquals(Commands.run(List.of("id", "-ru")).strip(), Integer.toString(Host.realUid()));
        assertEquals(Host.effectiveUid() == 0, Host.isRoot());
    }

    @Test
    void onPathFindsExecutablesByBareName() {
        CiAssume.linux();
        assertTrue(Host.onPath("sh"));
        assertFalse(Host.onPath("sstop-no-such-command"));
        assertFalse(Host.onPath("/bin/sh"), "a path is not a command name");
        assertFalse(Host.onPath(""));
    }
}
