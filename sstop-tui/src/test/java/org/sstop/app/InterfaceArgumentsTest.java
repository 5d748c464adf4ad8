package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/** {@code sstop eth0 eth1}: interfaces as arguments, checked before anything starts. */
class InterfaceArgumentsTest {

    private static String runErr(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), true, false);
        assertEquals(Main.USAGE, status, err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownInterfaceIsBadUsageThatListsTheKnownOnes() {
        CiAssume.that(Host.isLinux(), "loopback is lo on Linux");
        String err = runErr("lo", "nosuch0\u001b[2J");
        assertTrue(err.startsWith("sstop: unknown interface 'nosuch0\\e[2J' (this host has: "), err);
        assertTrue(err.contains("lo"), err);
        assertTrue(runErr("../lo").contains("unknown interface '../lo'"));
        assertTrue(runErr("toolongname0123456").contains("unknown interface"));
        assertNull(InterfaceNames.error(List.of("lo")));
    }

    @Test
    void theyAreForTheTerminalUi() {
        assertTrue(runErr("--json", "lo").contains("interfaces as arguments are for the terminal UI only"));
    }
}
