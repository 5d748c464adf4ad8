package org.sstop.linux.ebpf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small BTF blobs for parser tests, well-formed unless a test bends them afterwards. */
final class BtfWriter {

    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final List<int[]> types = new ArrayList<>();
    private byte[] layout;

    BtfWriter() {
        strings.write(0);
    }

    /** Adds a string; returns its offset. */
    int string(String s) {
        int off = strings.size();
        strings.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return off;
    }

    /**
     * Adds a type record and its extra words; returns its id.
     *
     * @param kind a {@code Btf.KIND_*}
     * @param name its name, or null for anonymous
     * @param vlen the record's vlen
     * @param kindFlag the info's top bit
     * @param sizeOrType the third word
     * @param extra the words after the record
     */
    int type(int kind, String name, int vlen, boolean kindFlag, int sizeOrType, int... extra) {
        int[] record = new int[3 + extra.length];
        record[0] = name == null ? 0 : string(name);
        record[1] = (kindFlag ? 0x80000000 : 0) | (kind << 24) | vlen;
        record[2] = sizeOrType;
        System.arraycopy(extra, 0, record, 3, extra.length);
        types.add(record);
        return types.size();
    }

    /** A struct or union member triple (name, type, offset word). */
    int[] member(String name, int type, int offsetWord) {
        return new int[] {name == null ? 0 : string(name), type, offsetWord};
    }

    /** A struct or union of the given members. */
    int struct(int kind, String name, int size, boolean kindFlag, int[]... members) {
        int[] extra = new int[3 * members.length];
        for (int i = 0; i < members.length; i++) {
            System.arraycopy(members[i], 0, extra, 3 * i, 3);
        }
        return type(kind, name, members.length, kindFlag, size, extra);
    }

    /** Adds a layout section (header of 32 bytes) with these bytes. */
    BtfWriter layout(byte[] bytes) {
        layout = bytes;
        return this;
    }

    byte[] bytes() {
        return bytes(ByteOrder.LITTLE_ENDIAN);
    }

    byte[] bytes(ByteOrder order) {
        int typeLen = types.stream().mapToInt(r -> 4 * r.length).sum();
        byte[] str = strings.toByteArray();
        int hdr = layout == null ? 24 : 32;
        int layoutLen = layout == null ? 0 : layout.length;
        ByteBuffer b = ByteBuffer.allocate(hdr + typeLen + str.length + layoutLen).order(order);
        b.putShort((short) 0xeb9f).put((byte) 1).put((byte) 0).putInt(hdr);
        b.putInt(0).putInt(typeLen).putInt(typeLen).putInt(str.length);
        if (layout != null) {
            b.putInt(typeLen + str.length).putInt(layoutLen);
        }
        for (int[] r : types) {
            for (int w : r) {
                b.putInt(w);
            }
        }
        b.put(str);
        if (layout != null) {
            b.put(layout);
        }
        return b.array();
    }
}
