package dev.tasker.db.embedded;

import dev.tasker.db.DatabaseStartupException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock beside the embedded data directory, held for the life of the server, naming
 * the process that holds it. Two Tasker processes on one data directory would corrupt it.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path lockFile = lockFileOf(dataDir);
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw inUse(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new DatabaseStartupException("Cannot lock the embedded PostgreSQL data directory " + dataDir
                    + " (" + e.getMessage() + "). Check that its parent directory is writable, or choose another "
                    + "directory with TASKER_DATA_DIR.", e);
        }
    }

    static Path lockFileOf(Path dataDir) {
        return dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".lock");
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    private static DatabaseStartupException inUse(Path dataDir, String holder) {
        String who = holder.isEmpty() ? "another Tasker process" : "another Tasker process (pid " + holder + ")";
        return new DatabaseStartupException("The embedded PostgreSQL data directory " + dataDir + " is in use by " + who
                + ". Stop that process, give this one its own directory with TASKER_DATA_DIR, or run both against one "
                + "PostgreSQL server with TASKER_DATABASE_URL.");
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock dies with the channel or the process anyway
        }
    }
}
