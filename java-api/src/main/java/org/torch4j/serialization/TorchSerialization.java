package org.torch4j.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacpp.BytePointer;
import org.torch4j.TorchException;

/**
 * {@code torch.save} / {@code torch.load} in PyTorch 1.13's zip format: the entry points behind
 * {@link org.torch4j.Torch#save} and {@link org.torch4j.Torch#load}. Not exported: use those.
 */
public final class TorchSerialization {
    private TorchSerialization() {
    }

    /** Writes {@code obj} to {@code path} (via a temporary file in the same folder, moved into place when complete). */
    public static void save(Object obj, Path path) {
        String file = path.getFileName() == null ? "archive" : path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file, ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                save(obj, out, stem.isEmpty() ? "archive" : stem);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("save: cannot write " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the caller needs
                }
            }
        }
    }

    /** Writes {@code obj} to {@code out} (not closed) as an archive whose records sit under {@code name/}. */
    public static void save(Object obj, OutputStream out, String name) throws IOException {
        TorchPickler pickler = new TorchPickler();
        try {
            ByteArrayOutputStream pkl = new ByteArrayOutputStream();
            try {
                pickler.dump(obj, pkl);
            } catch (StackOverflowError e) { // razorvine's own depth limit
                throw new IllegalArgumentException("save: nesting too deep (or a cycle)", e);
            }
            try (ArchiveWriter w = new ArchiveWriter(out, name)) {
                w.write("data.pkl", pkl.toByteArray());
                for (TorchPickler.StorageOut s : pickler.storages()) {
                    try (BytePointer p = new BytePointer(s.storage().data())) {
                        p.capacity(s.nbytes());
                        w.write("data/" + s.key(), p, s.nbytes());
                    }
                }
                w.writeVersion();
            }
        } finally {
            pickler.releaseStorages();
        }
    }

    /** The object in the file at {@code path}. */
    public static Object load(Path path) {
        try (ArchiveReader r = ArchiveReader.open(path)) {
            return load(r);
        } catch (IOException e) {
            throw new TorchException(path + ": " + e.getMessage(), e);
        }
    }

    /** The object in {@code bytes}, named {@code where} in messages. */
    public static Object load(byte[] bytes, String where) {
        return load(ArchiveReader.of(bytes, where));
    }

    /** The object in the rest of {@code in} (read to its end, not closed). */
    public static Object load(InputStream in, String where) {
        try {
            return load(in.readAllBytes(), where);
        } catch (IOException e) {
            throw new TorchException(where + ": " + e.getMessage(), e);
        }
    }

    private static Object load(ArchiveReader r) {
        Rebuilder rebuilder = new Rebuilder(r);
        String where = r.where + " (" + r.prefix + "/data.pkl)";
        try {
            Object out = new WeightsUnpickler(rebuilder, where).read(r.readAll("data.pkl"));
            rebuilder.closeStorages();
            return out;
        } catch (TorchException e) {
            rebuilder.closeAll();
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            rebuilder.closeAll();
            throw new TorchException(where + ": corrupt pickle (" + e + ")", e);
        }
    }
}
