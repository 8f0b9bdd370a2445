package io.onegrid.workorder.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attachment files on disk, content-addressed: {@code <root>/<first 2 hex digits>/<sha256>}. An upload is streamed into
 * {@code <root>/tmp} while its SHA-256 and size are computed (never held in memory), checked, and only then moved into
 * place atomically, so a reader never sees half a file and the same content is stored once.
 */
final class AttachmentStore {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentStore.class);
    private static final int BUFFER = 64 * 1024;

    /** A checked upload waiting in the temp directory for {@link #place} or {@link #discard}. */
    record Received(String sha256, String mediaType, long size, Path temp) {
    }

    private final Path root;

    AttachmentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Where the file of {@code sha256} lives (whether or not it exists); the hash must be 64 lower-case hex digits. */
    Path path(String sha256) {
        if (!WorkOrderKernel.SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Streams an upload into a temp file. The declared type must be allowed and the first bytes must be of that type
     * (else 415), and the body must stay within the type's limit (else 413, noticed while streaming); on any failure
     * the temp file is gone before this returns.
     *
     * @param declared      the request's {@code Content-Type}
     * @param contentLength the declared length, or -1: a declared length above the limit is refused before reading
     */
    Received receive(InputStream in, String declared, long contentLength, AttachmentTypes types) {
        String type = AttachmentTypes.baseType(declared);
        Long limit = type == null ? null : types.limit(type);
        if (limit == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Attachments may be "
                    + String.join(", ", types.limits().keySet()) + ", not " + (type == null ? "a body without"
                    + " Content-Type" : type), Map.of("accepted", types.limits().keySet().stream().toList()), null);
        }
        if (contentLength > limit) {
            throw tooLarge(type, limit);
        }
        Path temp = null;
        boolean kept = false;
        try {
            Path tmpDir = Files.createDirectories(root.resolve("tmp"));
            temp = Files.createTempFile(tmpDir, "upload-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                int headLength = in.readNBytes(buffer, 0, AttachmentTypes.HEAD);
                if (!AttachmentTypes.matches(type, buffer, headLength)) {
                    throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The content is not " + type
                            + ": its first bytes are not those of that type", Map.of("declared", type), null);
                }
                int n = headLength;
                while (n > 0) {
                    size += n;
                    if (size > limit) {
                        throw tooLarge(type, limit);
                    }
                    sha.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    n = in.read(buffer);
                }
                // Durable before it can be named by a committed row.
                out.force(true);
            }
            kept = true;
            return new Received(HexFormat.of().formatHex(sha.digest()), type, size, temp);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing an upload under " + root + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!kept && temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Moves a received file to its place; when the same content is already stored the temp file is dropped instead.
     *
     * @return whether this call created the stored file (so that a failed transaction may remove it again)
     */
    boolean place(Received r) {
        Path target = path(r.sha256());
        try {
            if (Files.exists(target)) {
                Files.delete(r.temp());
                return false;
            }
            Files.createDirectories(target.getParent());
            try {
                // ATOMIC_MOVE never replaces silently on POSIX, so check again afterwards rather than before only.
                Files.move(r.temp(), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The attachment directory " + root + " must allow atomic moves from " + root
                        + "/tmp", e);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(r.temp());
            return false;
        } catch (IOException e) {
            deleteQuietly(r.temp());
            throw new UncheckedIOException("Storing attachment " + r.sha256() + " failed", e);
        }
    }

    /** Drops a received file that will not be stored. */
    void discard(Received r) {
        deleteQuietly(r.temp());
    }

    /** Removes a stored file again (its row was not committed and no other row names it). */
    void remove(String sha256) {
        deleteQuietly(path(sha256));
    }

    /** Temp files older than {@code age}: uploads of a node that stopped in the middle. */
    int sweep(Duration age) {
        Path tmpDir = root.resolve("tmp");
        if (!Files.isDirectory(tmpDir)) {
            return 0;
        }
        FileTime before = FileTime.from(Instant.now().minus(age));
        int removed = 0;
        try (Stream<Path> files = Files.list(tmpDir)) {
            for (Path p : files.toList()) {
                if (Files.getLastModifiedTime(p).compareTo(before) < 0 && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Sweeping {} failed", tmpDir, e);
        }
        return removed;
    }

    private static ProblemException tooLarge(String type, long limit) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, type + " attachments are limited to " + limit
                + " bytes", Map.of("limit", limit, "mediaType", type), null);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", p, e);
        }
    }
}
