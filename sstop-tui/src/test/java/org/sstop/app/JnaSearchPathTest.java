package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.ChildJvm;
import org.sstop.testkit.CiAssume;

class JnaSearchPathTest {

    private static String dir(String maps) throws IOException {
        return JnaSearchPath.libcDirectory(new BufferedReader(new StringReader(maps)));
    }

    @Test
    void findsTheDirectoryOfGlibcMuslAndOldGlibc() throws IOException {
        assertEquals("/usr/lib/x86_64-linux-gnu", dir("""
                55d0c0a00000-55d0c0a01000 r--p 00000000 fe:00 1234    /usr/lib/jvm/java-17-openjdk-amd64/bin/java
                7f992c42a000-7f992c450000 r--p 00000000 fe:00 339380  /usr/lib/x86_64-linux-gnu/libc.so.6
                7f992c600000-7f992c601000 r--p 00000000 fe:00 339381  /usr/lib/x86_64-linux-gnu/libcrypt.so.1
                """));
        assertEquals("/usr/lib64", dir("7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib64/libc.so.6\n"));
        assertEquals("/lib", dir("7f99-7f9a r-xp 00000000 fd:00 77 /lib/ld-musl-x86_64.so.1\n"));
        assertEquals("/lib/x86_64-linux-gnu", dir("7f99-7f9a r-xp 00000000 fd:00 77 /lib/x86_64-linux-gnu/libc-2.31.so\n"));
        assertEquals("/", dir("7f99-7f9a r-xp 00000000 fd:00 77 /libc.so.6\n"));
        assertEquals("/usr/lib64", dir("7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib64/libc.so.6 (deleted)\n"),
                "libc replaced by an upgrade: its directory still holds a libc");
        assertEquals("/opt/my libs", dir("7f99-7f9a r-xp 00000000 fd:00 77 /opt/my libs/libc.so.6\n"));
    }

    @Test
    void noLibcOrAnUnusablePathGivesNothing() throws IOException {
        assertNull(dir(""));
        assertNull(dir("""
                7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib/libcrypto.so.3
                7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib/libcap.so.2
                7f99-7f9a rw-p 00000000 00:00 0 [heap]
                7f99-7f9a rw-p 00000000 00:00 0
                garbage without fields
                libc.so.6
                """));
        assertNull(dir("7f99-7f9a r-xp 00000000 fd:00 77 /a:b/libc.so.6\n"), "':' separates JNA's path list");
        assertNull(dir("7f99-7f9a r-xp 00000000 fd:00 77 /" + "d".repeat(5000) + "/libc.so.6\n"));
    }

    @Test
    void readsNoMoreThanItsBoundOfLines() throws IOException {
        String filler = "7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib/libz.so.1\n".repeat(25_000);
        assertNull(dir(filler + "7f99-7f9a r-xp 00000000 fd:00 77 /usr/lib/libc.so.6\n"));
    }

    /** In a fresh JVM, as sstop's main does it: the property names libc's directory, and JNA loads libc through it. */
    @Test
    void jnaLoadsLibcThroughTheConfiguredPath() throws Exception {
        CiAssume.that(Platform.isLinux(), "reads /proc/self/maps (not Linux)");
        String out = ChildJvm.run(List.of(), List.of(), Child.class).strip();
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        String path = lines[0];
        assertTrue(path.endsWith(":" + JnaSearchPath.JNA_DEFAULTS), path);
        Path libcDir = Path.of(path.substring(0, path.indexOf(':')));
        try (Stream<Path> files = Files.list(libcDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("libc")), libcDir + " has no libc");
        }
        assertTrue(Long.parseLong(lines[1]) > 1, out);
    }

    /** Configures, then calls getpid() through JNA. */
    public static final class Child {
        public static void main(String[] args) {
            JnaSearchPath.configure();
            System.out.println(System.getProperty(JnaSearchPath.PROPERTY));
            Native.register(Platform.C_LIBRARY_NAME);
            System.out.println(getpid());
        }

        static native int getpid();
    }
}
