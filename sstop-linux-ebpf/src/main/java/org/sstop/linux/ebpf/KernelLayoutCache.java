package org.sstop.linux.ebpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * The running kernel's {@link KernelLayout} kept in a small file between runs, where the system
 * property {@value #PROPERTY} names one (the launcher does): reading and parsing the kernel's BTF
 * is most of the eBPF tier's start-up (5 MB, 50-80 ms of a cold JVM), and its result cannot change
 * until the next boot. A file made in another boot, for a BTF of another size, by another format,
 * or malformed in any way is not used (and is replaced). Written once per boot, atomically
 * (a temporary file renamed); failures to read or write only mean the BTF is parsed.
 */
final class KernelLayoutCache {

    /** The system property naming the file. */
    static final String PROPERTY = "sstop.ebpf.layoutCache";
    private static final String HEADER = "sstop kernel layout 1";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** A layout takes about 600 bytes; anything much larger is not one. */
    private static final long MAX_BYTES = 8192;
    private static final int INTS = 27;
    private static final System.Logger LOG = System.getLogger(KernelLayoutCache.class.getName());

    private KernelLayoutCache() {
    }

    /** The file the property names, or null. */
    static Path file() {
        String name = System.getProperty(PROPERTY, "").strip();
        return name.isEmpty() ? null : Path.of(name);
    }

    /**
     * What identifies the running kernel's BTF: this boot, and the file's size.
     *
     * @throws IOException when either cannot be read
     */
    static String key(Path btf) throws IOException {
        return Files.readString(BOOT_ID).strip() + " " + Files.size(btf);
    }

    /** The layout kept for {@code key}, or null (no file, another key, anything malformed). */
    static KernelLayout read(Path file, String key) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            return decode(Files.readString(file, StandardCharsets.UTF_8), key);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "kernel layout cache " + file + " not used", e);
            return null;
        }
    }

    /** Keeps {@code layout} for {@code key}; a failure is logged and otherwise ignored. */
    static void write(Path file, String key, KernelLayout layout) {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, encode(layout, key), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "kernel layout cache " + file + " not written", e);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    /** The text of a layout: the header, the key, then the fields in the record's order, one per line. */
    static String encode(KernelLayout k, String key) {
        int[] ints = {k.family(), k.daddr(), k.rcvSaddr(), k.v6Daddr(), k.v6RcvSaddr(), k.cookie(), k.protocol(),
            k.protocolSize(), k.socketSk(), k.tgid(), k.groupLeader(), k.realParent(), k.startBoottime(), k.comm(),
            k.state(), k.copiedSeq(), k.rcvNxt(), k.lockOwned(), k.flags(), k.userData(), k.ulpOps(), k.type(),
            k.fileInode(), k.inodeMode(), k.filePrivate(), k.iterFile(), k.fileIter()};
        StringBuilder b = new StringBuilder(HEADER).append('\n').append(key).append('\n');
        for (int v : ints) {
            b.append(v).append('\n');
        }
        b.append(k.sendpage()).append('\n');
        for (Map.Entry<AttachPoint, Integer> e : new EnumMap<>(k.attachIds()).entrySet()) {
            b.append(e.getKey().name()).append('=').append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    /**
     * The layout in {@code text} if it was kept for {@code key}, else null.
     *
     * @throws IllegalArgumentException when the text is malformed
     */
    static KernelLayout decode(String text, String key) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 + INTS || !lines[0].equals(HEADER) || !lines[1].equals(key)) {
            return null;
        }
        int[] v = new int[INTS];
        for (int i = 0; i < INTS; i++) {
            v[i] = Integer.parseInt(lines[2 + i]);
            if (v[i] < -1) {
                throw new IllegalArgumentException("field " + i + " is " + v[i]);
            }
        }
        String sendpage = lines[2 + INTS];
        if (!sendpage.equals("true") && !sendpage.equals("false")) {
            throw new IllegalArgumentException("sendpage is " + sendpage);
        }
        Map<AttachPoint, Integer> ids = new EnumMap<>(AttachPoint.class);
        for (int i = 3 + INTS; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int eq = lines[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad attach point line " + lines[i]);
            }
            int id = Integer.parseInt(lines[i].substring(eq + 1));
            if (id <= 0 || ids.put(AttachPoint.valueOf(lines[i].substring(0, eq)), id) != null) {
                throw new IllegalArgumentException("bad attach point line " + lines[i]);
            }
        }
        return new KernelLayout(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], v[23], v[24], v[25], v[26],
                sendpage.equals("true"), ids);
    }
}
