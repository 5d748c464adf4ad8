package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFileLongerThanTheLimitEndsAtItsLastWholeLine() throws IOException {
        Path file = Files.writeString(dir.resolve("dev"), "a: 1\nb: 22\nc: 333\n");
        assertEquals("a: 1\nb: 22\n", ProcFiles.readWholeLines(file, 14), "c's line was cut inside its number");
        assertEquals("a: 1\nb: 22\nc: 333\n", ProcFiles.readWholeLines(file, 18), "exactly the limit: whole");
        assertEquals("", ProcFiles.readWholeLines(file, 3), "not even one whole line");
    }

    @Test
    void aFileWithinTheLimitIsReadWholeEvenWithoutAFinalNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("dev"), "a: 1\nb: 2");
        assertEquals("a: 1\nb: 2", ProcFiles.readWholeLines(file, 100));
    }
}
