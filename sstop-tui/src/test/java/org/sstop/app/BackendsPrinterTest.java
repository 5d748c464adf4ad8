package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.BackendReport;
import org.sstop.tui.text.Sanitizer;

class BackendsPrinterTest {

    @Test
    void tableHasOneAlignedRowPerProviderAndMarksTheSelected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackendsPrinter.printTable(Snapshots.report(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of(
                "SERVICE     PROVIDER       PRIORITY  AVAILABLE  SELECTED  NOTE",
                "sockets     linux-netlink  100       yes        *",
                "sockets     linux-procfs   50        yes                  passed over: lower priority",
                "processes   linux-procfs   50        yes        *",
                "interfaces  linux-procfs   50        yes        *",
                "interfaces  macos-netstat  50        no                   not macOS",
                "flows       (none found)"), List.of(lines));
    }

    @Test
    void tableSanitizesProviderText() {
        BackendReport hostile = new BackendReport(List.of(new BackendReport.ServiceReport("sockets", null, List.of(
                new BackendReport.Candidate("x\u001b[2J", 1, false, "why\u009b\u202e", "", null, false)))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackendsPrinter.printTable(hostile, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("x\\e[2J") && out.contains("why\\x9b\\u202e"), out);
        assertFalse(out.chars().anyMatch(c -> c != '\n' && Sanitizer.isUnsafe(c)), out);
    }

    @Test
    void jsonIsOneObjectWithEveryProvider() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BackendsPrinter.printJson(Snapshots.report(), bytes);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("\n").length);
        JsonNode n = new ObjectMapper().readTree(out);
        assertEquals("sstop-backends/1", n.get("schema").asText());
        JsonNode services = n.get("services");
        assertEquals(4, services.size());
        JsonNode sockets = services.get(0);
        assertEquals("sockets", sockets.get("name").asText());
        assertEquals("linux-netlink", sockets.get("selected").asText());
        JsonNode procfs = sockets.get("providers").get(1);
        assertEquals("linux-procfs", procfs.get("name").asText());
        assertEquals(50, procfs.get("priority").asInt());
        assertTrue(procfs.get("available").asBoolean());
        assertFalse(procfs.get("selected").asBoolean());
        assertEquals("passed over: lower priority", procfs.get("reason").asText());
        assertEquals("not macOS", services.get(2).get("providers").get(1).get("reason").asText());
        assertTrue(services.get(3).get("selected").isNull());
        assertEquals(0, services.get(3).get("providers").size());
    }
}
