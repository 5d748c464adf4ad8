package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class AppLoggingTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AppLogging handler = new AppLogging(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWarningIsOneSanitizedLineWithItsCausesMessageAndNoStackTrace() {
        LogRecord r = new LogRecord(Level.WARNING, "provider {0} failed\u001b[2J");
        r.setParameters(new Object[] {"x"});
        r.setThrown(new IOException("no BTF"));
        handler.publish(r);
        String out = printed();
        assertEquals(1, out.lines().count(), out);
        assertEquals(false, out.contains("\u001b"), "no escape reaches the terminal");
        assertEquals(true, out.startsWith("sstop: warning: provider x failed") && out.strip().endsWith(": no BTF"), out);
    }

    @Test
    void infoIsNotPrinted() {
        handler.publish(new LogRecord(Level.INFO, "chatter"));
        assertEquals("", printed());
    }

    @Test
    void linesAreHeldWhileTheScreenIsTakenAndPrintedAfter() {
        handler.setHolding(true);
        handler.publish(new LogRecord(Level.SEVERE, "during"));
        assertEquals("", printed(), "nothing written into the screen");
        handler.setHolding(false);
        assertEquals("sstop: error: during", printed().strip());
    }

    @Test
    void heldLinesAreBoundedAndTheRestCounted() {
        handler.setHolding(true);
        for (int i = 0; i < 80; i++) {
            handler.publish(new LogRecord(Level.WARNING, "w" + i));
        }
        handler.setHolding(false);
        String out = printed();
        assertEquals(51, out.lines().count(), out);
        assertEquals(true, out.contains("30 more warnings were not kept"), out);
    }
}
