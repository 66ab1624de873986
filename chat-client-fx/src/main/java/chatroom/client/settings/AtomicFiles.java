package chatroom.client.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writing the client's files so that a crash or power loss mid-write leaves either the old or the
 * new content, never a mix, and creating the client's folders readable by their owner only. Shared
 * by {@link SettingsStore} and {@link OutboxStore}, which differ only in what they write.
 */
final class AtomicFiles {
    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /**
     * Creates {@code directory} (and its parents) if it does not exist. Only the folder created here
     * is made owner-only on POSIX file systems: existing folders, like {@code ~/.config}, are the
     * user's business.
     *
     * @return whether the folder was created by this call
     */
    static boolean createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) return false;
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try {
            if (isPosix(directory)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            // Another client instance created it in the meantime, which is fine unless it is a file.
            if (!Files.isDirectory(directory)) throw e;
            return false;
        }
    }

    /**
     * Replaces {@code file} with {@code content}: the bytes go to a temporary file in the same
     * folder (owner-only on POSIX file systems, from its creation on), are forced to the disk, and
     * the temporary file is then renamed over {@code file}. The folder must exist.
     *
     * @throws IOException if the file cannot be written; the previous file, if any, is left as it
     *                     was and no temporary file is left behind
     */
    static void write(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = isPosix(directory)
                ? Files.createTempFile(directory, file.getFileName() + ".", ".tmp", ownerOnlyFile())
                : Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                // Without this a power loss after the rename could leave an empty file under the final name.
                channel.force(true);
            }
            replace(temp, file);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void replace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // Some file systems cannot rename atomically, and whether an atomic move may replace an
            // existing file is implementation specific; a plain replace is still better than not saving.
            log.debug("Atomic move into {} not possible ({}); replacing instead.", file, e.toString());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnlyFile() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
