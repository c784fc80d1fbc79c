package org.torch4j.serialization;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Unpacks and repacks zip archives, to make damaged torch.save files with valid zip framing. */
final class Zips {
    private Zips() {
    }

    static Map<String, byte[]> entries(byte[] zip) {
        // ZipFile, not ZipInputStream: PyTorch's stored records carry data descriptors
        Map<String, byte[]> out = new LinkedHashMap<>();
        try {
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile("zips", ".zip");
            java.nio.file.Files.write(tmp, zip);
            try (java.util.zip.ZipFile f = new java.util.zip.ZipFile(tmp.toFile())) {
                for (java.util.Enumeration<? extends ZipEntry> en = f.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    out.put(e.getName(), f.getInputStream(e).readAllBytes());
                }
            } finally {
                java.nio.file.Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
