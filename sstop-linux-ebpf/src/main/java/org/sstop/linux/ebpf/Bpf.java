package org.sstop.linux.ebpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code bpf(2)} commands this module uses. Each call fills a {@code union bpf_attr} in one
 * reusable native buffer, at the offsets of {@code include/uapi/linux/bpf.h}, and passes the size
 * of the part it filled (the kernel accepts a shorter attr from older user space, and a longer
 * one whose tail it does not know only when that tail is zero). Not thread-safe: one instance per
 * owner, used by one thread at a time; {@link #close()} frees the buffer.
 */
final class Bpf implements AutoCloseable {

    // enum bpf_cmd
    static final int MAP_CREATE = 0;
    static final int MAP_LOOKUP_ELEM = 1;
    static final int MAP_UPDATE_ELEM = 2;
    static final int MAP_DELETE_ELEM = 3;
    static final int MAP_GET_NEXT_KEY = 4;
    static final int PROG_LOAD = 5;
    static final int OBJ_GET_INFO_BY_FD = 15;
    static final int RAW_TRACEPOINT_OPEN = 17;
    static final int MAP_LOOKUP_AND_DELETE_ELEM = 21;
    static final int MAP_LOOKUP_BATCH = 24;
    static final int MAP_UPDATE_BATCH = 26;
    static final int LINK_CREATE = 28;
    static final int ITER_CREATE = 33;
    /** {@code BPF_TRACE_ITER}: the expected attach type of an iterator program, and its link's attach type. */
    static final int TRACE_ITER = 28;

    // enum bpf_map_type
    static final int MAP_TYPE_HASH = 1;
    static final int MAP_TYPE_ARRAY = 2;
    /** {@code BPF_F_NO_PREALLOC}: a hash map that allocates its elements as they come (tracing programs: Linux 6.1+). */
    static final int NO_PREALLOC = 1;

    // BPF_MAP_UPDATE_ELEM flags
    static final long ANY = 0;
    static final long NOEXIST = 1;

    /** {@code BPF_OBJ_NAME_LEN}: object names are at most 15 characters and a NUL. */
    static final int OBJ_NAME_LEN = 16;

    /** {@code sizeof(struct bpf_insn)}. */
    static final int INSN_SIZE = Insn.SIZE;

    /** Room for every attr layout used here (BPF_PROG_LOAD up to {@code log_true_size}). */
    private static final int ATTR_SIZE = 144;

    // BPF_MAP_CREATE
    private static final int MAP_CREATE_SIZE = 48;
    private static final int MC_KEY_SIZE = 4;
    private static final int MC_VALUE_SIZE = 8;
    private static final int MC_MAX_ENTRIES = 12;
    private static final int MC_FLAGS = 16;
    private static final int MC_NAME = 28;
    // BPF_MAP_*_ELEM
    private static final int ELEM_SIZE = 32;
    private static final int ELEM_KEY = 8;
    private static final int ELEM_VALUE = 16;
    private static final int ELEM_FLAGS = 24;
    // BPF_MAP_*_BATCH
    private static final int BATCH_SIZE = 56;
    private static final int BATCH_IN = 0;
    private static final int BATCH_OUT = 8;
    private static final int BATCH_KEYS = 16;
    private static final int BATCH_VALUES = 24;
    private static final int BATCH_COUNT = 32;
    private static final int BATCH_MAP_FD = 36;
    // BPF_PROG_LOAD
    private static final int PROG_LOAD_SIZE = 144;
    private static final int PL_INSN_CNT = 4;
    private static final int PL_INSNS = 8;
    private static final int PL_LICENSE = 16;
    private static final int PL_LOG_LEVEL = 24;
    private static final int PL_LOG_SIZE = 28;
    private static final int PL_LOG_BUF = 32;
    private static final int PL_NAME = 48;
    private static final int PL_EXPECTED_ATTACH_TYPE = 68;
    private static final int PL_ATTACH_BTF_ID = 108;
    // BPF_RAW_TRACEPOINT_OPEN
    private static final int RAW_TP_SIZE = 16;
    private static final int RAW_TP_PROG_FD = 8;
    // BPF_OBJ_GET_INFO_BY_FD
    private static final int INFO_SIZE = 16;
    private static final int INFO_LEN = 4;
    private static final int INFO_PTR = 8;

    private final Memory attr = new Memory(ATTR_SIZE);
    /** "GPL": the tracing helpers this module calls are GPL-only. */
    private final Memory license = new Memory(4);
    private boolean batchDone;

    Bpf() {
        license.setString(0, "GPL", StandardCharsets.US_ASCII.name());
    }

    /**
     * Creates a map.
     *
     * @param type e.g. {@link #MAP_TYPE_HASH}
     * @param name at most 15 ASCII characters
     * @return the map's fd
     * @throws ErrnoException when the kernel refuses
     */
    int mapCreate(int type, int keySize, int valueSize, int maxEntries, int flags, String name) throws ErrnoException {
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(MC_KEY_SIZE, keySize);
        attr.setInt(MC_VALUE_SIZE, valueSize);
        attr.setInt(MC_MAX_ENTRIES, maxEntries);
        attr.setInt(MC_FLAGS, flags);
        putName(MC_NAME, name);
        return (int) call(MAP_CREATE, MAP_CREATE_SIZE, "BPF_MAP_CREATE " + name);
    }

    /** Adds or replaces one element ({@code flags}: {@link #ANY}, {@link #NOEXIST}). */
    void update(int mapFd, Pointer key, Pointer value, long flags) throws ErrnoException {
        elem(mapFd, key, value, flags);
        call(MAP_UPDATE_ELEM, ELEM_SIZE, "BPF_MAP_UPDATE_ELEM");
    }

    /** Copies one element's value into {@code value}; false when there is no such key. */
    boolean lookup(int mapFd, Pointer key, Pointer value) throws ErrnoException {
        elem(mapFd, key, value, 0);
        return callUnlessMissing(MAP_LOOKUP_ELEM, "BPF_MAP_LOOKUP_ELEM");
    }

    /** Deletes one element; false when there was no such key. */
    boolean delete(int mapFd, Pointer key) throws ErrnoException {
        elem(mapFd, key, null, 0);
        return callUnlessMissing(MAP_DELETE_ELEM, "BPF_MAP_DELETE_ELEM");
    }

    /**
     * Copies one element's value into {@code value} and deletes it in one step (hash maps, Linux
     * 5.14+); false when there was no such key.
     *
     * @throws ErrnoException e.g. EINVAL or ENOTSUPP where the kernel cannot do it for this map
     */
    boolean lookupAndDelete(int mapFd, Pointer key, Pointer value) throws ErrnoException {
        elem(mapFd, key, value, 0);
        return callUnlessMissing(MAP_LOOKUP_AND_DELETE_ELEM, "BPF_MAP_LOOKUP_AND_DELETE_ELEM");
    }

    /** Writes the key after {@code key} (the first key when null) into {@code next}; false at the end. */
    boolean nextKey(int mapFd, Pointer key, Pointer next) throws ErrnoException {
        elem(mapFd, key, next, 0);
        return callUnlessMissing(MAP_GET_NEXT_KEY, "BPF_MAP_GET_NEXT_KEY");
    }

    /**
     * Copies up to {@code count} elements, continuing where the batch token {@code in} says (from
     * the start when null); the kernel writes the token of the next batch into {@code out}. After
     * the call {@link #batchDone()} says whether the map has no more elements.
     *
     * @return how many elements were copied into {@code keys} and {@code values}
     * @throws ErrnoException e.g. EINVAL where the kernel has no batch lookup, ENOSPC when one
     *     hash bucket holds more than {@code count} elements
     */
    int lookupBatch(int mapFd, Pointer in, Pointer out, Pointer keys, Pointer values, int count) throws ErrnoException {
        batch(mapFd, in, out, keys, values, count);
        long r = Libc.bpf(MAP_LOOKUP_BATCH, attr, BATCH_SIZE);
        int copied = attr.getInt(BATCH_COUNT);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno != Libc.ENOENT) {
                throw new ErrnoException("BPF_MAP_LOOKUP_BATCH", errno);
            }
            batchDone = true;
            return copied;
        }
        batchDone = false;
        return copied;
    }

    /** Whether the last {@link #lookupBatch} reached the end of the map. */
    boolean batchDone() {
        return batchDone;
    }

    /** Adds or replaces {@code count} elements in one call (Linux 5.6+). */
    void updateBatch(int mapFd, Pointer keys, Pointer values, int count) throws ErrnoException {
        batch(mapFd, null, null, keys, values, count);
        call(MAP_UPDATE_BATCH, BATCH_SIZE, "BPF_MAP_UPDATE_BATCH");
    }

    /**
     * Loads a program.
     *
     * @param type e.g. {@code BPF_PROG_TYPE_TRACING}
     * @param expectedAttachType e.g. {@code BPF_TRACE_RAW_TP}
     * @param attachBtfId the vmlinux BTF id of what it attaches to, or 0
     * @param insns the instructions, 8 bytes each
     * @param log a buffer for the verifier log, or null for none
     * @param logLevel 0 (none), 1 (on failure, the path that failed), 2 (every instruction)
     * @return the program's fd
     * @throws ErrnoException when the kernel refuses (the verifier's reasons are in {@code log})
     */
    int progLoad(int type, int expectedAttachType, int attachBtfId, Memory insns, String name, Memory log, int logLevel)
            throws ErrnoException {
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(PL_INSN_CNT, (int) (insns.size() / INSN_SIZE));
        attr.setPointer(PL_INSNS, insns);
        attr.setPointer(PL_LICENSE, license);
        if (log != null) {
            log.setByte(0, (byte) 0);
            attr.setInt(PL_LOG_LEVEL, logLevel);
            attr.setInt(PL_LOG_SIZE, (int) log.size());
            attr.setPointer(PL_LOG_BUF, log);
        }
        putName(PL_NAME, name);
        attr.setInt(PL_EXPECTED_ATTACH_TYPE, expectedAttachType);
        attr.setInt(PL_ATTACH_BTF_ID, attachBtfId);
        return (int) call(PROG_LOAD, PROG_LOAD_SIZE, "BPF_PROG_LOAD " + name);
    }

    /**
     * Attaches a tracing program (tp_btf, fentry, fexit) where its load said, with
     * {@code BPF_RAW_TRACEPOINT_OPEN} and no name.
     *
     * @return the link's fd: closing it detaches the program
     */
    int rawTracepointOpen(int progFd) throws ErrnoException {
        attr.clear();
        attr.setInt(RAW_TP_PROG_FD, progFd);
        return (int) call(RAW_TRACEPOINT_OPEN, RAW_TP_SIZE, "BPF_RAW_TRACEPOINT_OPEN");
    }

    /**
     * Links an iterator program ({@code BPF_LINK_CREATE} with {@code BPF_TRACE_ITER}, no parameters).
     *
     * @return the link's fd
     */
    int iterLink(int progFd) throws ErrnoException {
        attr.clear();
        attr.setInt(0, progFd);
        attr.setInt(8, TRACE_ITER);
        return (int) call(LINK_CREATE, 32, "BPF_LINK_CREATE");
    }

    /**
     * Starts a run of a linked iterator ({@code BPF_ITER_CREATE}): each {@code read} of the fd runs it further.
     *
     * @return the fd to read
     */
    int iterCreate(int linkFd) throws ErrnoException {
        attr.clear();
        attr.setInt(0, linkFd);
        return (int) call(ITER_CREATE, 8, "BPF_ITER_CREATE");
    }

    /**
     * Copies the kernel's {@code bpf_prog_info} / {@code bpf_map_info} / {@code bpf_link_info} of an fd.
     *
     * @return how many bytes of {@code info} the kernel filled
     */
    int objInfo(int fd, Memory info) throws ErrnoException {
        info.clear();
        attr.clear();
        attr.setInt(0, fd);
        attr.setInt(INFO_LEN, (int) info.size());
        attr.setPointer(INFO_PTR, info);
        call(OBJ_GET_INFO_BY_FD, INFO_SIZE, "BPF_OBJ_GET_INFO_BY_FD");
        return attr.getInt(INFO_LEN);
    }

    @Override
    public void close() {
        attr.close();
        license.close();
    }

    private void elem(int mapFd, Pointer key, Pointer value, long flags) {
        attr.clear();
        attr.setInt(0, mapFd);
        attr.setPointer(ELEM_KEY, key);
        attr.setPointer(ELEM_VALUE, value);
        attr.setLong(ELEM_FLAGS, flags);
    }

    private void batch(int mapFd, Pointer in, Pointer out, Pointer keys, Pointer values, int count) {
        attr.clear();
        attr.setPointer(BATCH_IN, in);
        attr.setPointer(BATCH_OUT, out);
        attr.setPointer(BATCH_KEYS, keys);
        attr.setPointer(BATCH_VALUES, values);
        attr.setInt(BATCH_COUNT, count);
        attr.setInt(BATCH_MAP_FD, mapFd);
    }

    private void putName(int offset, String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        attr.write(offset, b, 0, Math.min(b.length, OBJ_NAME_LEN - 1));
    }

    private long call(int cmd, int size, String what) throws ErrnoException {
        long r = Libc.bpf(cmd, attr, size);
        if (r < 0) {
            throw new ErrnoException(what, Native.getLastError());
        }
        return r;
    }

    private boolean callUnlessMissing(int cmd, String what) throws ErrnoException {
        if (Libc.bpf(cmd, attr, ELEM_SIZE) < 0) {
            int errno = Native.getLastError();
            if (errno == Libc.ENOENT) {
                return false;
            }
            throw new ErrnoException(what, errno);
        }
        return true;
    }
}
