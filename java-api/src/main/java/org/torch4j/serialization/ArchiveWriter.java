package org.torch4j.serialization;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.BytePointer;

/**
 * Writes the zip layout of Python 1.13's {@code torch.save}: uncompressed records
 * {@code <name>/data.pkl}, {@code <name>/data/<key>}..., {@code <name>/version} ("3\n"), each
 * record's data 64-byte aligned by an extra field as PyTorch's writer pads them.
 */
final class ArchiveWriter implements AutoCloseable {
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 20;

    private final Counting counting;
    private final ZipOutputStream zip;
    private final String name;

    ArchiveWriter(OutputStream out, String name) {
        this.counting = new Counting(out);
        this.zip = new ZipOutputStream(counting);
        this.name = name;
    }

    void write(String rel, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        begin(rel, bytes.length, crc.getValue());
        zip.write(bytes);
        zip.closeEntry();
    }

    /** {@code nbytes} of native memory at {@code p} as record {@code rel}. */
    void write(String rel, BytePointer p, long nbytes) throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(nbytes, 1))];
        CRC32 crc = new CRC32();
        for (long pos = 0; pos < nbytes; pos += buf.length) {
            int n = (int) Math.min(buf.length, nbytes - pos);
            p.position(pos).get(buf, 0, n);
            crc.update(buf, 0, n);
        }
        begin(rel, nbytes, crc.getValue());
        for (long pos = 0; pos < nbytes; pos += buf.length) {
            int n = (int) Math.min(buf.length, nbytes - pos);
            p.position(pos).get(buf, 0, n);
            zip.write(buf, 0, n);
        }
        zip.closeEntry();
    }

    private void begin(String rel, long size, long crc) throws IOException {
        String full = name + "/" + rel;
        ZipEntry e = new ZipEntry(full);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(315532800000L + 86400000L); // fixed (1980-01-02): the same objects give the same bytes
        // local header: 30 bytes + name + extra; pad the extra so the data starts on a 64-byte boundary
        long start = counting.count + 30 + full.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((ALIGN - start % ALIGN) % ALIGN);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >> 8);
        e.setExtra(extra);
        zip.putNextEntry(e);
    }

    void writeVersion() throws IOException {
        write("version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }

    /** Counts the bytes written, for the alignment. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
