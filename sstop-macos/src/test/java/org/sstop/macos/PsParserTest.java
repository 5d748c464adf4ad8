package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsParserTest {

    @Test
    void processTable() {
        ParseResult<PsParser.PsProcess> r = PsParser.parseProcesses(Fixtures.read("ps-table.txt"), ZoneOffset.UTC);
        assertEquals(6, r.items().size());
        assertEquals(1, r.badLines());
        PsParser.PsProcess launchd = r.items().get(0);
        assertEquals(1, launchd.pid());
        assertEquals(0, launchd.ppid());
        assertEquals("root", launchd.user());
        assertEquals("launchd", launchd.name());
        assertEquals(LocalDateTime.of(2026, 11, 21, 8, 0, 1).toEpochSecond(ZoneOffset.UTC), launchd.startEpochSecond());
        PsParser.PsProcess mdns = r.items().get(1);
        assertEquals(65, mdns.uid());
        assertEquals("_mdnsresponder", mdns.user());
        PsParser.PsProcess chrome = r.items().get(4);
        assertEquals(977, chrome.ppid());
        assertEquals("Google Chrome Helper", chrome.name(), "path with spaces");
        assertEquals(LocalDateTime.of(2026, 11, 1, 10, 0).toEpochSecond(ZoneOffset.UTC), chrome.startEpochSecond(), "space-padded day");
        assertEquals("Телеграм", r.items().get(5).name());
    }

    @Test
    void startTimeFollowsTheZone() {
        long utc = PsParser.lstart("Sat Nov 21 08:00:01 2026", ZoneOffset.UTC);
        long paris = PsParser.lstart("Sat Nov 21 08:00:01 2026", ZoneId.of("Europe/Paris"));
        assertEquals(3600, utc - paris);
        assertEquals(-1, PsParser.lstart("Sam nov 21 08:00:01 2026", ZoneOffset.UTC));
    }

    @Test
    void commandLines() {
        Map<Integer, String> c = PsParser.parseCommands(Fixtures.read("ps-commands.txt"));
        assertEquals(6, c.size());
        assertEquals("/sbin/launchd", c.get(1));
        assertEquals("/Applications/Телеграм.app/Contents/MacOS/Телеграм -psn_0_12345", c.get(4100));
        assertEquals(true, c.get(1234).endsWith("--type=utility --utility-sub-type=network.mojom.NetworkService"));
    }
}
