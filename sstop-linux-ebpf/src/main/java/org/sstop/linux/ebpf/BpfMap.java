package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One BPF map this module created: its fd and shape, single-element access and a whole-map read
 * ({@link #forEach}) through {@code BPF_MAP_LOOKUP_BATCH} (Linux 5.6+), or element by element
 * where the kernel refuses batches. Owned by the backend that created it, used by one thread at a
 * time; {@link #close()} closes the fd (the kernel frees the map once no program uses it either)
 * and frees the read buffers.
 */
final class BpfMap implements AutoCloseable {

    /** Elements read per batch call: 1,024 keeps the buffers small (at most 80 KiB here) and the calls few. */
    private static final int CHUNK = 1024;
    /** A batch token is a bucket index (hash) or a key (array); this holds either for the keys used here. */
    private static final int TOKEN_SIZE = 16;

    /**
     * Receives the elements of a read, one call per element; the buffers are in native byte order
     * and valid only during the call.
     */
    @FunctionalInterface
    interface EntryVisitor {
        /**
         * One element.
         *
         * @param keys holds the key at {@code keyOffset}
         * @param values holds the value at {@code valueOffset}
         */
        void visit(ByteBuffer keys, int keyOffset, ByteBuffer values, int valueOffset);
    }

    /**
     * Receives the elements of a read one batch at a time (one element at a time where the kernel
     * refuses batches): element {@code i} has its key at {@code i * keySize} and its value at
     * {@code i * valueSize}; the buffers are in native byte order and valid only during the call.
     */
    @FunctionalInterface
    interface BatchVisitor {
        /**
         * Elements {@code 0} to {@code count - 1}.
         *
         * @param keys holds the keys, back to back
         * @param values holds the values, back to back
         */
        void visit(ByteBuffer keys, ByteBuffer values, int count);
    }

    private final Bpf bpf;
    private final int fd;
    private final String name;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private Memory keys;
    private Memory values;
    private ByteBuffer keyView;
    private ByteBuffer valueView;
    private final Memory tokenIn = new Memory(TOKEN_SIZE);
    private final Memory tokenOut = new Memory(TOKEN_SIZE);
    private int chunk;
    private boolean batchRefused;
    private boolean closed;

    private BpfMap(Bpf bpf, int fd, String name, int keySize, int valueSize, int maxEntries) {
        this.bpf = bpf;
        this.fd = fd;
        this.name = name;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.chunk = Math.min(CHUNK, maxEntries);
    }

    /** Creates a map with no flags: {@code create(bpf, type, name, keySize, valueSize, maxEntries, 0)}. */
    static BpfMap create(Bpf bpf, int type, String name, int keySize, int valueSize, int maxEntries) throws ErrnoException {
        return create(bpf, type, name, keySize, valueSize, maxEntries, 0);
    }

    /**
     * Creates a map.
     *
     * @param bpf the owner's syscall buffer, used by every later call of the map
     * @param type {@link Bpf#MAP_TYPE_HASH} or {@link Bpf#MAP_TYPE_ARRAY}
     * @param name at most 15 ASCII characters, shown by {@code bpftool map}
     * @param flags 0 (a hash map is preallocated) or {@link Bpf#NO_PREALLOC}
     * @return the map
     * @throws ErrnoException when the kernel refuses (EPERM without CAP_BPF, ENOMEM...)
     */
    static BpfMap create(Bpf bpf, int type, String name, int keySize, int valueSize, int maxEntries, int flags)
            throws ErrnoException {
        if (keySize > TOKEN_SIZE && type != Bpf.MAP_TYPE_HASH) {
            throw new IllegalArgumentException("keys longer than " + TOKEN_SIZE + " bytes: " + keySize);
        }
        int fd = bpf.mapCreate(type, keySize, valueSize, maxEntries, flags, name);
        return new BpfMap(bpf, fd, name, keySize, valueSize, maxEntries);
    }

    int fd() {
        return fd;
    }

    String name() {
        return name;
    }

    int keySize() {
        return keySize;
    }

    int valueSize() {
        return valueSize;
    }

    int maxEntries() {
        return maxEntries;
    }

    /** Adds or replaces one element ({@code flags}: {@link Bpf#ANY}, {@link Bpf#NOEXIST}). */
    void update(Pointer key, Pointer value, long flags) throws ErrnoException {
        bpf.update(fd, key, value, flags);
    }

    /** Copies one element's value; false when the key is not there. */
    boolean lookup(Pointer key, Pointer value) throws ErrnoException {
        return bpf.lookup(fd, key, value);
    }

    /** Deletes one element; false when the key was not there. */
    boolean delete(Pointer key) throws ErrnoException {
        return bpf.delete(fd, key);
    }

    /** Copies one element's value and deletes it atomically; false when the key was not there. */
    boolean lookupAndDelete(Pointer key, Pointer value) throws ErrnoException {
        return bpf.lookupAndDelete(fd, key, value);
    }

    /** Adds or replaces {@code count} elements, laid out back to back in {@code keys} and {@code values}. */
    void updateBatch(Pointer keys, Pointer values, int count) throws ErrnoException {
        bpf.updateBatch(fd, keys, values, count);
    }

    /**
     * Reads every element once (a concurrent delete can make the element-by-element fallback show
     * one twice; callers keep per-key state, so a repeat changes nothing).
     *
     * @param visitor gets each element
     * @return how many elements were visited
     * @throws ErrnoException when the kernel refuses the read
     */
    int forEach(EntryVisitor visitor) throws ErrnoException {
        return forEachBatch((k, v, count) -> {
            for (int i = 0; i < count; i++) {
                visitor.visit(k, i * keySize, v, i * valueSize);
            }
        });
    }

    /**
     * Reads every element once, as {@link #forEach}, handing over whole batches: a caller can
     * then make a first pass over a batch (e.g. to load what it will look up) before the second.
     *
     * @param visitor gets each batch
     * @return how many elements were visited
     * @throws ErrnoException when the kernel refuses the read
     */
    int forEachBatch(BatchVisitor visitor) throws ErrnoException {
        ensureBuffers();
        return batchRefused ? forEachByKey(visitor) : forEachByBatch(visitor);
    }

    /** Makes whole-map reads go element by element, as on a kernel without batches (tests of that path). */
    void readByElement() {
        batchRefused = true;
    }

    /** Whether whole-map reads use batches (false after the kernel refused one). */
    boolean batched() {
        return !batchRefused;
    }

    private int forEachByBatch(BatchVisitor visitor) throws ErrnoException {
        int visited = 0;
        Pointer in = null;
        for (int calls = 0; calls <= maxEntries; calls++) {
            int n;
            try {
                n = bpf.lookupBatch(fd, in, tokenOut, keys, values, chunk);
            } catch (ErrnoException e) {
                if (e.errno() == Libc.ENOSPC && chunk < maxEntries) {
                    chunk = maxEntries; // one bucket holds more than a chunk: read it all at once
                    allocate();
                    calls--;
                    continue;
                }
                if (visited == 0 && (e.errno() == Libc.EINVAL || e.errno() == Libc.ENOTSUPP
                        || e.errno() == Libc.EOPNOTSUPP || e.errno() == Libc.ENOSYS)) {
                    batchRefused = true;
                    return forEachByKey(visitor);
                }
                throw e;
            }
            if (n > 0) {
                visitor.visit(keyView, valueView, n);
            }
            visited += n;
            if (bpf.batchDone()) {
                return visited;
            }
            tokenIn.write(0, tokenOut.getByteArray(0, TOKEN_SIZE), 0, TOKEN_SIZE);
            in = tokenIn;
        }
        throw new IllegalStateException("map " + name + " kept returning batches");
    }

    private int forEachByKey(BatchVisitor visitor) throws ErrnoException {
        // keys[0] is the current key, keys[1] the next; bounded: a restart after a concurrent delete
        // must not loop forever.
        Pointer current = null;
        Pointer next = keys.share(keySize);
        int visited = 0;
        for (int steps = 0; steps < 2 * maxEntries; steps++) {
            if (!bpf.nextKey(fd, current, next)) {
                return visited;
            }
            keys.write(0, next.getByteArray(0, keySize), 0, keySize);
            current = keys;
            if (bpf.lookup(fd, keys, values)) {
                visitor.visit(keyView, valueView, 1);
                visited++;
            }
        }
        return visited;
    }

    private void ensureBuffers() {
        if (keys == null) {
            allocate();
        }
    }

    private void allocate() {
        if (keys != null) {
            keys.close();
            values.close();
        }
        int n = Math.max(chunk, 2);
        keys = new Memory((long) n * keySize);
        values = new Memory((long) n * valueSize);
        keyView = keys.getByteBuffer(0, keys.size()).order(ByteOrder.nativeOrder());
        valueView = values.getByteBuffer(0, values.size()).order(ByteOrder.nativeOrder());
    }

    /**
     * The kernel memory the map holds, from the {@code memlock:} line of its fdinfo.
     *
     * @return bytes
     * @throws IOException when the fdinfo cannot be read or has no such line
     */
    long memlock() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
            if (line.startsWith("memlock:")) {
                return Long.parseLong(line.substring("memlock:".length()).strip());
            }
        }
        throw new IOException("no memlock line in the fdinfo of map " + name);
    }

    /** Closes the fd and frees the buffers. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Libc.close(fd);
        if (keys != null) {
            keys.close();
            values.close();
        }
        tokenIn.close();
        tokenOut.close();
    }

    @Override
    public String toString() {
        return "map " + name + " (fd " + fd + ", " + keySize + "+" + valueSize + " bytes x " + maxEntries + ")";
    }
}
