package org.torch4j.serialization;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.torch4j.TorchException;

/**
 * The records of a {@code torch.save} zip archive: {@code <prefix>/data.pkl},
 * {@code <prefix>/data/<key>}, {@code <prefix>/version}, where {@code <prefix>} is the top folder
 * of the first entry (as PyTorch's reader takes it). A file on disk is read in place; bytes are
 * buffered in a temporary file.
 */
abstract class ArchiveReader implements Closeable {
    /** The first bytes of a zip file. */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** The first bytes of the legacy format: PROTO 2, LONG1 of 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};

    final String where;
    String prefix;
    /** The archive's size: no record can claim more (a corrupt size would otherwise size an allocation). */
    long archiveBytes = Long.MAX_VALUE;

    ArchiveReader(String where) {
        this.where = where;
    }

    /** Whether {@code rel} (under the prefix) is present. */
    abstract boolean has(String rel);

    /** The uncompressed size of {@code rel}, or -1 when absent. */
    abstract long size(String rel);

    /** The bytes of {@code rel}. */
    abstract InputStream open(String rel) throws IOException;

    /** The entry names in file order. */
    abstract List<String> names();

    /** All bytes of a small record ({@code data.pkl}, {@code version}); a TorchException when absent or over 2 GiB. */
    byte[] readAll(String rel) throws IOException {
        long n = size(rel);
        if (n < 0) {
            throw new TorchException(where + ": record '" + prefix + "/" + rel + "' is missing");
        }
        if (n > Integer.MAX_VALUE - 16 || n > archiveBytes) {
            throw new TorchException(where + ": record '" + prefix + "/" + rel + "' is too large (" + n + " bytes)");
        }
        try (InputStream in = open(rel)) {
            byte[] b = in.readNBytes((int) n);
            if (b.length != n) {
                throw new TorchException(where + ": record '" + prefix + "/" + rel + "' is truncated (" + b.length + " of " + n + " bytes)");
            }
            return b;
        }
    }

    /** Checks the layout: a PyTorch (not TorchScript, not legacy) archive with a data.pkl; sets the prefix. */
    void checkLayout() {
        List<String> names = names();
        if (names.isEmpty()) {
            throw new TorchException(where + ": empty zip archive, not a torch.save file");
        }
        String first = names.get(0);
        int slash = first.indexOf('/');
        prefix = slash < 0 ? "" : first.substring(0, slash);
        if (!has("data.pkl")) {
            boolean script = names.stream().anyMatch(n -> n.endsWith("/constants.pkl") || n.contains("/code/"));
            throw new TorchException(where + (script
                    ? ": a TorchScript archive (torch.jit.save), not a torch.save file; load it with org.torch4j.jit.ScriptModule"
                    : ": not a torch.save archive (no '" + prefix + "/data.pkl' record)"));
        }
    }

    /** The archive at {@code path}. */
    static ArchiveReader open(Path path) {
        String where = path.toString();
        checkMagic(head(path, where), where);
        try {
            ArchiveReader r = new OnDisk(new ZipFile(path.toFile()), where);
            r.archiveBytes = java.nio.file.Files.size(path);
            try {
                r.checkLayout();
            } catch (RuntimeException e) {
                r.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            throw new TorchException(where + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The archive in {@code bytes}, named {@code where} in messages. PyTorch writes its records
     * with data descriptors, which {@link java.util.zip.ZipInputStream} refuses for stored
     * entries: the bytes go to a temporary file (deleted on close) read through {@link ZipFile}.
     */
    static ArchiveReader of(byte[] bytes, String where) {
        checkMagic(bytes, where);
        Path tmp;
        try {
            tmp = java.nio.file.Files.createTempFile("torch4j-load", ".zip");
            java.nio.file.Files.write(tmp, bytes);
        } catch (IOException e) {
            throw new TorchException(where + ": cannot buffer the archive in a temporary file (" + e.getMessage() + ")", e);
        }
        try {
            ArchiveReader r = new OnDisk(new ZipFile(tmp.toFile(), ZipFile.OPEN_READ | ZipFile.OPEN_DELETE), where);
            r.archiveBytes = bytes.length;
            try {
                r.checkLayout();
            } catch (RuntimeException e) {
                r.close();
                throw e;
            }
            return r;
        } catch (IOException e) {
            throw new TorchException(where + ": not a readable zip archive (" + e.getMessage() + ")", e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(tmp); // already unlinked by OPEN_DELETE where the platform allows
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static byte[] head(Path path, String where) {
        try (InputStream in = java.nio.file.Files.newInputStream(path)) {
            return in.readNBytes(LEGACY_MAGIC.length);
        } catch (IOException e) {
            throw new TorchException(where + ": cannot read (" + e + ")", e);
        }
    }

    private static void checkMagic(byte[] head, String where) {
        if (startsWith(head, ZIP_MAGIC)) {
            return;
        }
        if (startsWith(head, LEGACY_MAGIC)) {
            throw new TorchException(where + ": the legacy (pre-1.6, _use_new_zipfile_serialization=False) torch.save format is not"
                    + " supported; re-save it in Python with torch.save(torch.load(f), f2), which writes the zip format");
        }
        throw new TorchException(where + ": not a torch.save file (no zip header" + (head.length < 4 ? "; the file is " + head.length + " bytes" : "") + ")");
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private String full(String rel) {
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    /** A file read in place through {@link ZipFile}. */
    private static final class OnDisk extends ArchiveReader {
        private final ZipFile zip;

        OnDisk(ZipFile zip, String where) {
            super(where);
            this.zip = zip;
        }

        @Override
        boolean has(String rel) {
            return zip.getEntry(super.full(rel)) != null;
        }

        @Override
        long size(String rel) {
            ZipEntry e = zip.getEntry(super.full(rel));
            return e == null ? -1 : e.getSize();
        }

        @Override
        InputStream open(String rel) throws IOException {
            return zip.getInputStream(zip.getEntry(super.full(rel)));
        }

        @Override
        List<String> names() {
            List<String> out = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                out.add(en.nextElement().getName());
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
