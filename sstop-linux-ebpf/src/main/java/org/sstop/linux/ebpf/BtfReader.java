package org.sstop.linux.ebpf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses BTF data into a {@link Btf}: the header, the type and string sections, and the offset
 * of every type's record, each length and offset checked against the data and the number of
 * types bounded, so that malformed input ends in a {@link BtfException} saying where.
 */
final class BtfReader {

    private static final int MAGIC = 0xeb9f;
    private static final int MIN_HEADER = 24;
    /** A header this long or longer also has a layout section (sizes of kinds newer than this parser). */
    private static final int LAYOUT_HEADER = 32;
    private static final int MAX_TYPES = 0xfffff;

    private BtfReader() {
    }

    /**
     * Reads and parses a BTF file.
     *
     * @param file e.g. {@link Btf#VMLINUX}
     * @return the parsed types
     * @throws IOException when the file cannot be read or is not valid BTF
     */
    static Btf read(Path file) throws IOException {
        return parse(ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    /**
     * Parses BTF data in either byte order (told by its magic number).
     *
     * @param data the whole BTF blob, from its position
     * @return the parsed types
     * @throws BtfException when the data is malformed or truncated
     */
    static Btf parse(ByteBuffer data) throws BtfException {
        ByteBuffer b = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < MIN_HEADER) {
            throw new BtfException("BTF too short for its header: " + b.remaining() + " bytes");
        }
        if ((b.getShort(0) & 0xffff) != MAGIC) {
            b.order(ByteOrder.BIG_ENDIAN);
            if ((b.getShort(0) & 0xffff) != MAGIC) {
                throw new BtfException(String.format("not BTF: magic 0x%04x", b.getShort(0) & 0xffff));
            }
        }
        if (b.get(2) != 1) {
            throw new BtfException("unsupported BTF version " + b.get(2));
        }
        long hdrLen = Btf.u32(b, 4);
        if (hdrLen < MIN_HEADER || hdrLen > b.remaining()) {
            throw new BtfException("bad BTF header length " + hdrLen + " (data " + b.remaining() + " bytes)");
        }
        ByteBuffer typeSection = section(b, hdrLen, 8, "type");
        ByteBuffer stringSection = section(b, hdrLen, 16, "string");
        ByteBuffer layout = hdrLen >= LAYOUT_HEADER ? section(b, hdrLen, 24, "layout") : null;
        return new Btf(typeSection, stringSection, index(typeSection, layout));
    }

    private static ByteBuffer section(ByteBuffer b, long hdrLen, int at, String what) throws BtfException {
        long off = Btf.u32(b, at);
        long len = Btf.u32(b, at + 4);
        long start = hdrLen + off;
        if (start + len > b.remaining()) {
            throw new BtfException("BTF " + what + " section [" + start + ", " + (start + len) + ") beyond the data ("
                    + b.remaining() + " bytes)");
        }
        return b.slice((int) start, (int) len).order(b.order());
    }

    /** The record offset of every type, checking that each record fits in the section. */
    private static int[] index(ByteBuffer t, ByteBuffer layout) throws BtfException {
        int[] offsets = new int[1024];
        int count = 1;
        int pos = 0;
        while (pos < t.limit()) {
            if (count > MAX_TYPES) {
                throw new BtfException("more than " + MAX_TYPES + " BTF types");
            }
            if (t.limit() - pos < Btf.TYPE_HEADER) {
                throw new BtfException("BTF type " + count + " truncated at byte " + pos);
            }
            int info = t.getInt(pos + 4);
            long size = Btf.TYPE_HEADER + extraSize(Btf.infoKind(info), Btf.infoVlen(info), layout, count);
            if (size > t.limit() - pos) {
                throw new BtfException("BTF type " + count + " (kind " + Btf.infoKind(info) + ", vlen " + Btf.infoVlen(info)
                        + ") runs past the type section");
            }
            if (count == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = pos;
            pos += (int) size;
        }
        return java.util.Arrays.copyOf(offsets, count);
    }

    /** The bytes after a type's 12-byte record. */
    private static long extraSize(int kind, int vlen, ByteBuffer layout, int id) throws BtfException {
        switch (kind) {
            case Btf.KIND_INT: case Btf.KIND_VAR: case Btf.KIND_DECL_TAG:
                return 4;
            case Btf.KIND_ARRAY:
                return 12;
            case Btf.KIND_STRUCT: case Btf.KIND_UNION: case Btf.KIND_DATASEC: case Btf.KIND_ENUM64:
                return 12L * vlen;
            case Btf.KIND_ENUM: case Btf.KIND_FUNC_PROTO:
                return 8L * vlen;
            case Btf.KIND_PTR: case Btf.KIND_FWD: case Btf.KIND_TYPEDEF: case Btf.KIND_VOLATILE: case Btf.KIND_CONST: case Btf.KIND_RESTRICT:
            case Btf.KIND_FUNC: case Btf.KIND_FLOAT: case Btf.KIND_TYPE_TAG:
                return 0;
            default:
                if (layout != null && kind > 0 && 4L * kind + 4 <= layout.limit()) {
                    return (layout.get(4 * kind) & 0xff) + (long) (layout.get(4 * kind + 1) & 0xff) * vlen;
                }
                throw new BtfException("BTF type " + id + " has unknown kind " + kind);
        }
    }
}
