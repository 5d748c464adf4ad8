package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.testkit.CiAssume;

/** The kernel layout kept between runs: it comes back whole, for its own boot and BTF only, and nothing malformed is used. */
class KernelLayoutCacheTest {

    private static final String KEY = "0f1e2d3c-aaaa-bbbb-cccc-000011112222 5520272";

    @TempDir
    Path dir;

    /** A layout whose every field differs: a field left out of the text would come back as another value. */
    private static KernelLayout distinct() {
        Map<AttachPoint, Integer> ids = new EnumMap<>(AttachPoint.class);
        ids.put(AttachPoint.SEND_TRACEPOINT, 101);
        ids.put(AttachPoint.READ_TRACEPOINT, 103);
        return new KernelLayout(1, 2, 3, 4, 5, 6, 7, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
                25, -1, 27, true, ids);
    }

    @Test
    void aLayoutComesBackWholeForItsKeyOnly() {
        KernelLayout k = distinct();
        String text = KernelLayoutCache.encode(k, KEY);
        assertEquals(k, KernelLayoutCache.decode(text, KEY));
        assertNull(KernelLayoutCache.decode(text, "another-boot 5520272"), "another boot");
        assertNull(KernelLayoutCache.decode(text, KEY.replace("5520272", "5520273")), "another BTF");
    }

    @Test
    void thisKernelsLayoutComesBackWholeThroughTheFile() throws Exception {
        CiAssume.linux();
        CiAssume.that(Files.isReadable(Btf.VMLINUX), "needs kernel BTF (CONFIG_DEBUG_INFO_BTF): " + Btf.VMLINUX);
        KernelLayout k = KernelLayout.of(BtfReader.read(Btf.VMLINUX));
        Path file = dir.resolve("layout");
        String key = KernelLayoutCache.key(Btf.VMLINUX);
        KernelLayoutCache.write(file, key, k);
        assertEquals(k, KernelLayoutCache.read(file, key));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void nothingMalformedIsUsedAndReadingNeverThrows() throws Exception {
        String good = KernelLayoutCache.encode(distinct(), KEY);
        String[] bad = {
            "",
            "garbage",
            good.replace("sstop kernel layout 1", "sstop kernel layout 2"),
            good.substring(0, good.length() / 2), // cut short
            good.replace("\n13\n", "\nthirteen\n"),
            good.replace("\n13\n", "\n-7\n"),
            good.replace("\n13\n", "\n99999999999\n"),
            good.replace("true\n", "yes\n"),
            good.replace("SEND_TRACEPOINT=101", "NO_SUCH_POINT=101"),
            good.replace("SEND_TRACEPOINT=101", "SEND_TRACEPOINT=0"),
            good.replace("SEND_TRACEPOINT=101", "SEND_TRACEPOINT"),
            good + "READ_TRACEPOINT=104\n", // twice
            good + "x".repeat(10_000), // too large to be one
        };
        for (String text : bad) {
            Path file = dir.resolve("bad");
            Files.writeString(file, text);
            assertNull(KernelLayoutCache.read(file, KEY), text.length() > 200 ? text.substring(0, 200) : text);
        }
        assertNull(KernelLayoutCache.read(dir.resolve("missing"), KEY));
        assertNull(KernelLayoutCache.read(dir, KEY), "a directory");
    }

    @Test
    void aFileThatCannotBeWrittenIsNoError() {
        KernelLayoutCache.write(dir.resolve("no/such/dir/layout"), KEY, distinct());
        assertNull(KernelLayoutCache.read(dir.resolve("no/such/dir/layout"), KEY));
    }
}
