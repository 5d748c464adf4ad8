package org.sstop.linux.ebpf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type information of a kernel ({@code /sys/kernel/btf/vmlinux}) as {@code
 * Documentation/bpf/btf.rst} lays it out: a type section (one record per type, ids from 1 in
 * order) and a string section, as {@link BtfReader} found and checked them. Every offset a
 * lookup follows is checked again and every walk bounded, so that malformed input ends in a
 * {@link BtfException} saying where. The types do not change once read; by-name lookups of types
 * and of (nested) struct members are answered on one thread (ids found are remembered).
 */
final class Btf {

    /** The kernel's BTF of itself. */
    static final Path VMLINUX = Path.of("/sys/kernel/btf/vmlinux");

    static final int KIND_INT = 1;
    static final int KIND_PTR = 2;
    static final int KIND_ARRAY = 3;
    static final int KIND_STRUCT = 4;
    static final int KIND_UNION = 5;
    static final int KIND_ENUM = 6;
    static final int KIND_FWD = 7;
    static final int KIND_TYPEDEF = 8;
    static final int KIND_VOLATILE = 9;
    static final int KIND_CONST = 10;
    static final int KIND_RESTRICT = 11;
    static final int KIND_FUNC = 12;
    static final int KIND_FUNC_PROTO = 13;
    static final int KIND_VAR = 14;
    static final int KIND_DATASEC = 15;
    static final int KIND_FLOAT = 16;
    static final int KIND_DECL_TAG = 17;
    static final int KIND_TYPE_TAG = 18;
    static final int KIND_ENUM64 = 19;

    /** The bytes of a type's record before its kind's own data. */
    static final int TYPE_HEADER = 12;
    /** Typedef/const/volatile chains and anonymous member nesting are shallow in real kernels. */
    private static final int MAX_DEPTH = 32;
    private static final int POINTER_SIZE = 8;

    /**
     * A member found by {@link #member}.
     *
     * @param bitOffset from the start of the outer struct, anonymous members included
     * @param bitSize the bitfield's width, 0 for an ordinary member
     * @param typeId its type with typedefs and qualifiers resolved
     * @param size that type's size in bytes (8 for a pointer)
     */
    record Member(long bitOffset, int bitSize, int typeId, long size) {

        /** The byte offset; only meaningful when {@link #bitfield()} is false. */
        int offset() {
            return (int) (bitOffset / 8);
        }

        /** Whether the member is a bitfield or does not start on a byte. */
        boolean bitfield() {
            return bitSize != 0 || bitOffset % 8 != 0;
        }
    }

    private final ByteBuffer types;
    private final ByteBuffer strings;
    /** Offset in {@link #types} of each type's record, by id; [0] is the void type's placeholder. */
    private final int[] offsets;

    /** What {@link #find} found, by "kind name". */
    private final Map<String, Integer> found = new HashMap<>();

    /** Made by {@link BtfReader}, which checked that every record lies within {@code types}. */
    Btf(ByteBuffer types, ByteBuffer strings, int[] offsets) {
        this.types = types;
        this.strings = strings;
        this.offsets = offsets;
    }

    /** How many types there are, the void type (id 0) included. */
    int typeCount() {
        return offsets.length;
    }

    /**
     * The first type of a kind with this name (remembered: a layout asks for a few types many times).
     *
     * @return its id, or -1 when there is none
     * @throws BtfException when a name offset is bad
     */
    int find(int kind, String name) throws BtfException {
        Integer id = found.get(kind + " " + name);
        return id != null ? id : find(new int[] {kind}, new String[] {name})[0];
    }

    /**
     * The first type of each (kind, name) pair, found in one scan of the types (each scan goes
     * over every type: 127,000 on 6.18) and remembered for {@link #find(int, String)}.
     *
     * @return their ids, -1 for each that is not there
     * @throws BtfException when a name offset is bad
     */
    int[] find(int[] kinds, String[] names) throws BtfException {
        int[] ids = new int[names.length];
        byte[][] wanted = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            ids[i] = -1;
            wanted[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        int missing = names.length;
        for (int id = 1; id < offsets.length && missing > 0; id++) {
            int kind = infoKind(info(id));
            for (int i = 0; i < names.length; i++) {
                if (ids[i] < 0 && kinds[i] == kind && nameIs(types.getInt(offsets[id]), wanted[i])) {
                    ids[i] = id;
                    missing--;
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            found.put(kinds[i] + " " + names[i], ids[i]);
        }
        return ids;
    }

    /**
     * A member of a struct by path, e.g. {@code member("sock", "__sk_common", "skc_daddr")}; each
     * step also looks inside anonymous struct and union members, as C does.
     *
     * @return the member, its offset counted from the start of {@code struct}
     * @throws BtfException when the struct or a member is missing, or the data is malformed
     */
    Member member(String struct, String... path) throws BtfException {
        int id = find(KIND_STRUCT, struct);
        if (id < 0) {
            throw new BtfException("no struct " + struct + " in BTF");
        }
        long bitOffset = 0;
        Member m = null;
        for (String name : path) {
            int outer = m == null ? id : m.typeId();
            m = findMember(outer, name.getBytes(StandardCharsets.UTF_8), 0);
            if (m == null) {
                throw new BtfException("no member " + name + " in " + describe(outer) + " (path " + struct + "."
                        + String.join(".", List.of(path)) + ")");
            }
            bitOffset += m.bitOffset();
            m = new Member(bitOffset, m.bitSize(), m.typeId(), m.size());
        }
        return m;
    }

    private Member findMember(int structId, byte[] name, int depth) throws BtfException {
        if (depth > MAX_DEPTH) {
            throw new BtfException("anonymous members nested deeper than " + MAX_DEPTH + " in type " + structId);
        }
        int info = info(structId);
        if (infoKind(info) != KIND_STRUCT && infoKind(info) != KIND_UNION) {
            throw new BtfException(describe(structId) + " is not a struct or union");
        }
        boolean kindFlag = info < 0;
        int base = offsets[structId] + TYPE_HEADER;
        for (int i = 0; i < infoVlen(info); i++) {
            int at = base + 12 * i;
            int memberName = types.getInt(at);
            int type = resolve(types.getInt(at + 4));
            int offset = types.getInt(at + 8);
            long bitOffset = kindFlag ? offset & 0xffffff : offset & 0xffffffffL;
            int bitSize = kindFlag ? offset >>> 24 : 0;
            if (nameIs(memberName, name)) {
                return new Member(bitOffset, bitSize, type, size(type));
            }
            if (memberName == 0 && type != 0 && (infoKind(info(type)) == KIND_STRUCT || infoKind(info(type)) == KIND_UNION)) {
                Member inner = findMember(type, name, depth + 1);
                if (inner != null) {
                    return new Member(bitOffset + inner.bitOffset(), inner.bitSize(), inner.typeId(), inner.size());
                }
            }
        }
        return null;
    }

    /** Follows typedefs and qualifiers to the type they name. */
    int resolve(int id) throws BtfException {
        int t = id;
        for (int hops = 0; hops <= MAX_DEPTH; hops++) {
            checkId(t);
            switch (infoKind(info(t))) {
                case KIND_TYPEDEF: case KIND_VOLATILE: case KIND_CONST: case KIND_RESTRICT: case KIND_TYPE_TAG:
                    t = types.getInt(offsets[t] + 8);
                    break;
                default:
                    return t;
            }
        }
        throw new BtfException("type chain longer than " + MAX_DEPTH + " from type " + id + " (a cycle?)");
    }

    /** A resolved type's size in bytes: 0 for void, functions and forward declarations. */
    long size(int id) throws BtfException {
        return size(id, 0);
    }

    private long size(int id, int depth) throws BtfException {
        checkId(id);
        if (depth > MAX_DEPTH) {
            throw new BtfException("arrays nested deeper than " + MAX_DEPTH + " at type " + id + " (a cycle?)");
        }
        if (id == 0) {
            return 0;
        }
        int info = info(id);
        switch (infoKind(info)) {
            case KIND_INT: case KIND_STRUCT: case KIND_UNION: case KIND_ENUM: case KIND_ENUM64: case KIND_FLOAT: case KIND_DATASEC:
                return types.getInt(offsets[id] + 8) & 0xffffffffL;
            case KIND_PTR:
                return POINTER_SIZE;
            case KIND_ARRAY:
                int at = offsets[id] + TYPE_HEADER;
                return (types.getInt(at + 8) & 0xffffffffL) * size(resolve(types.getInt(at)), depth + 1);
            default:
                return 0;
        }
    }

    /** The type a typedef, qualifier, pointer or function names (its record's third word). */
    int referenced(int id) throws BtfException {
        checkId(id);
        return id == 0 ? 0 : types.getInt(offsets[id] + 8);
    }

    /**
     * The parameter types of a function prototype, typedefs and qualifiers resolved.
     *
     * @throws BtfException when {@code protoId} is not a {@code FUNC_PROTO}
     */
    int[] params(int protoId) throws BtfException {
        if (kind(protoId) != KIND_FUNC_PROTO) {
            throw new BtfException(describe(protoId) + " is not a function prototype");
        }
        int[] params = new int[infoVlen(info(protoId))];
        for (int i = 0; i < params.length; i++) {
            params[i] = resolve(types.getInt(offsets[protoId] + TYPE_HEADER + 8 * i + 4));
        }
        return params;
    }

    /** The kind of a type ({@code KIND_*}). */
    int kind(int id) throws BtfException {
        checkId(id);
        return id == 0 ? 0 : infoKind(info(id));
    }

    /** A type's name, empty for anonymous types. */
    String name(int id) throws BtfException {
        checkId(id);
        return id == 0 ? "void" : string(types.getInt(offsets[id]));
    }

    private String describe(int id) throws BtfException {
        return "type " + id + " (" + name(id) + ")";
    }

    private int info(int id) {
        return types.getInt(offsets[id] + 4);
    }

    private void checkId(int id) throws BtfException {
        if (id < 0 || id >= offsets.length) {
            throw new BtfException("BTF type id " + id + " out of range (" + offsets.length + " types)");
        }
    }

    private boolean nameIs(int nameOff, byte[] wanted) throws BtfException {
        long off = nameOff & 0xffffffffL;
        checkString(off);
        if (off + wanted.length >= strings.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (strings.get((int) off + i) != wanted[i]) {
                return false;
            }
        }
        return strings.get((int) off + wanted.length) == 0;
    }

    private String string(int nameOff) throws BtfException {
        long off = nameOff & 0xffffffffL;
        checkString(off);
        int end = (int) off;
        while (end < strings.limit() && strings.get(end) != 0) {
            end++;
        }
        if (end == strings.limit()) {
            throw new BtfException("BTF string at " + off + " has no terminating NUL");
        }
        byte[] b = new byte[end - (int) off];
        strings.get((int) off, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private void checkString(long off) throws BtfException {
        if (off >= strings.limit()) {
            throw new BtfException("BTF name offset " + off + " beyond the string section (" + strings.limit() + " bytes)");
        }
    }

    static int infoKind(int info) {
        return (info >>> 24) & 0x7f;
    }

    static int infoVlen(int info) {
        return info & 0xffffff;
    }

    static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }
}
