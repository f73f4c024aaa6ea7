package org.actlab.lab.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SweepTable} as an Apache Parquet file: one row group, one uncompressed PLAIN data
 * page per column, every column REQUIRED (a missing number is NaN, a missing text ""), types INT64,
 * DOUBLE, BOOLEAN and UTF-8 BYTE_ARRAY. The footer is the Thrift compact encoding of Parquet's
 * {@code FileMetaData}.
 *
 * <p>Why by hand: Parquet's Java writer needs Hadoop's classes (tens of MB) on the class path of
 * every actlab command; the subset a results table needs is this small, and the tests read the file
 * back with an independent reader.
 */
final class ParquetWriter {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    // Parquet's physical types and enums (parquet.thrift).
    private static final int BOOLEAN = 0;
    private static final int INT64 = 2;
    private static final int DOUBLE = 5;
    private static final int BYTE_ARRAY = 6;
    private static final int REQUIRED = 0;
    private static final int UTF8 = 0;
    private static final int PLAIN = 0;
    private static final int RLE = 3;
    private static final int UNCOMPRESSED = 0;
    private static final int DATA_PAGE = 0;

    private ParquetWriter() {
    }

    static void write(SweepTable table, OutputStream out) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(MAGIC);
        int columns = table.columns().size();
        long rows = table.rows().size();
        long[] offsets = new long[columns];
        long[] sizes = new long[columns];
        for (int c = 0; c < columns; c++) {
            byte[] data = page(table, c);
            Thrift header = new Thrift();
            header.i32(1, DATA_PAGE);
            header.i32(2, data.length);
            header.i32(3, data.length);
            header.beginStruct(5);
            header.i32(1, (int) rows);
            header.i32(2, PLAIN);
            header.i32(3, RLE);
            header.i32(4, RLE);
            header.endStruct();
            header.stop();
            offsets[c] = file.size();
            byte[] h = header.bytes();
            file.write(h);
            file.write(data);
            sizes[c] = h.length + data.length;
        }
        Thrift meta = new Thrift();
        meta.i32(1, 1);
        meta.beginList(2, Thrift.STRUCT, columns + 1);
        meta.beginElement();
        meta.string(4, "schema");
        meta.i32(5, columns);
        meta.endElement();
        for (int c = 0; c < columns; c++) {
            meta.beginElement();
            meta.i32(1, physical(table.types().get(c)));
            meta.i32(3, REQUIRED);
            meta.string(4, table.columns().get(c));
            if (table.types().get(c) == String.class) {
                meta.i32(6, UTF8);
            }
            meta.endElement();
        }
        meta.i64(3, rows);
        meta.beginList(4, Thrift.STRUCT, 1);
        meta.beginElement();
        meta.beginList(1, Thrift.STRUCT, columns);
        long total = 0;
        for (int c = 0; c < columns; c++) {
            total += sizes[c];
            meta.beginElement();
            meta.i64(2, offsets[c]);
            meta.beginStruct(3);
            meta.i32(1, physical(table.types().get(c)));
            meta.beginList(2, Thrift.I32, 2);
            meta.listI32(PLAIN);
            meta.listI32(RLE);
            meta.beginList(3, Thrift.BINARY, 1);
            meta.listString(table.columns().get(c));
            meta.i32(4, UNCOMPRESSED);
            meta.i64(5, rows);
            meta.i64(6, sizes[c]);
            meta.i64(7, sizes[c]);
            meta.i64(9, offsets[c]);
            meta.endStruct();
            meta.endElement();
        }
        meta.i64(2, total);
        meta.i64(3, rows);
        meta.endElement();
        meta.string(6, "actlab sweep");
        meta.stop();
        byte[] footer = meta.bytes();
        file.write(footer);
        writeIntLe(file, footer.length);
        file.write(MAGIC);
        file.writeTo(out);
    }

    private static int physical(Class<?> type) {
        if (type == Long.class) {
            return INT64;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        return type == Boolean.class ? BOOLEAN : BYTE_ARRAY;
    }

    /** The PLAIN encoding of column c. */
    private static byte[] page(SweepTable table, int c) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Class<?> type = table.types().get(c);
        List<List<Object>> rows = table.rows();
        if (type == Boolean.class) {
            // Bit-packed, least significant bit first.
            int bits = 0;
            int n = 0;
            for (List<Object> row : rows) {
                if (Boolean.TRUE.equals(row.get(c))) {
                    bits |= 1 << n;
                }
                if (++n == 8) {
                    data.write(bits);
                    bits = 0;
                    n = 0;
                }
            }
            if (n > 0) {
                data.write(bits);
            }
            return data.toByteArray();
        }
        for (List<Object> row : rows) {
            Object v = row.get(c);
            if (type == Long.class) {
                writeLongLe(data, v == null ? 0 : ((Number) v).longValue());
            } else if (type == Double.class) {
                writeLongLe(data, Double.doubleToRawLongBits(v == null ? Double.NaN : ((Number) v).doubleValue()));
            } else {
                byte[] s = (v == null ? "" : v.toString()).getBytes(StandardCharsets.UTF_8);
                writeIntLe(data, s.length);
                data.write(s, 0, s.length);
            }
        }
        return data.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
    }

    private static void writeLongLe(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /** Thrift's compact protocol, the parts Parquet's metadata needs. */
    static final class Thrift {
        static final int I32 = 5;
        static final int I64 = 6;
        static final int BINARY = 8;
        static final int LIST = 9;
        static final int STRUCT = 12;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final java.util.ArrayDeque<Integer> lastIds = new java.util.ArrayDeque<>();
        private int lastId;

        void i32(int id, int v) {
            field(id, I32);
            varint(zigzag(v));
        }

        void i64(int id, long v) {
            field(id, I64);
            varint(zigzag(v));
        }

        void string(int id, String s) {
            field(id, BINARY);
            rawString(s);
        }

        void beginStruct(int id) {
            field(id, STRUCT);
            lastIds.push(lastId);
            lastId = 0;
        }

        void endStruct() {
            stop();
            lastId = lastIds.pop();
        }

        void beginList(int id, int elementType, int size) {
            field(id, LIST);
            if (size < 15) {
                out.write((size << 4) | elementType);
            } else {
                out.write(0xF0 | elementType);
                varint(size);
            }
        }

        /** A struct element of a list. */
        void beginElement() {
            lastIds.push(lastId);
            lastId = 0;
        }

        void endElement() {
            stop();
            lastId = lastIds.pop();
        }

        void listI32(int v) {
            varint(zigzag(v));
        }

        void listString(String s) {
            rawString(s);
        }

        void stop() {
            out.write(0);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void field(int id, int type) {
            int delta = id - lastId;
            if (delta > 0 && delta <= 15) {
                out.write((delta << 4) | type);
            } else {
                out.write(type);
                varint(zigzag(id));
            }
            lastId = id;
        }

        private void rawString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            out.write(b, 0, b.length);
        }

        private static long zigzag(long v) {
            return (v << 1) ^ (v >> 63);
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
