package dev.tasker.bridge;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What guest code may read: the handler directories, read-only, and virtual modules (the preludes)
 * under names such as {@code @tasker-systems/tasker}. Nothing may be written.
 */
final class SandboxFileSystem implements FileSystem {

    private static final Path VIRTUAL_ROOT = Path.of("/__tasker__");
    /** A module of Tasker's own TypeScript package, imported by relative path from handlers written inside its tree. */
    private static final java.util.regex.Pattern TASKER_SOURCE = java.util.regex.Pattern.compile(
            "(^|/)src/(index|(handler|types|registry|logging|events|subscriber|bootstrap|ffi|client)(/[\\w.-]+)+)\\.(m?js|ts)$");

    private final FileSystem readOnly = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final ReadablePaths readable;
    private final Map<String, Path> virtualNames;
    private final Map<Path, byte[]> virtualFiles;
    private final java.util.function.BiFunction<Path, byte[], byte[]> typeScript;

    /**
     * @param roots   directories guests may read below
     * @param modules virtual module name (and aliases) to file name under /__tasker__, and file contents
     */
    SandboxFileSystem(List<Path> roots, Map<String, String> modules, Map<String, byte[]> contents) {
        this(new ReadablePaths(roots), modules, contents, null);
    }

    /** @param readable what guests may read, besides the virtual modules */
    SandboxFileSystem(ReadablePaths readable) {
        this(readable, Map.of(), Map.of(), null);
    }

    /**
     * @param typeScript turns a .ts file's bytes into JavaScript; imports of {@code ./x}, {@code ./x.js} or
     *                   {@code ./x.mjs} find {@code x.ts} when only that exists (null: no TypeScript)
     */
    SandboxFileSystem(ReadablePaths readable, Map<String, String> modules, Map<String, byte[]> contents,
                      java.util.function.BiFunction<Path, byte[], byte[]> typeScript) {
        this.typeScript = typeScript;
        this.readable = readable;
        this.virtualNames = modules.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> VIRTUAL_ROOT.resolve(e.getValue())));
        this.virtualFiles = contents.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> VIRTUAL_ROOT.resolve(e.getKey()), Map.Entry::getValue));
    }

    @Override
    public Path parsePath(URI uri) {
        Path virtual = virtualNames.get(uri.toString());
        return virtual != null ? virtual : readOnly.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        Path virtual = virtualNames.get(path);
        return virtual != null ? virtual : readOnly.parsePath(path);
    }

    /**
     * The prelude for a path into Tasker's own source tree ({@code ../../../src/handler/base.js}) that does not exist here:
     * handlers written inside Tasker's repository import its API so, and get this one, as the same module.
     */
    private Path alias(Path path) {
        if (virtualFiles.containsKey(path) || typeScript == null) {
            return path;
        }
        Path p = path.toAbsolutePath().normalize();
        if (TASKER_SOURCE.matcher(p.toString()).find() && !java.nio.file.Files.exists(p)
                && !java.nio.file.Files.exists(typeScriptTwin(p))) {
            return virtualNames.get("tasker");
        }
        return path;
    }

    @Override
    public void checkAccess(Path raw, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        Path path = alias(raw);
        if (virtualFiles.containsKey(path)) {
            return;
        }
        allowed(path);
        readOnly.checkAccess(typeScriptTwin(path), modes, options);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new IOException("handlers may not create directories (" + dir + ")");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new IOException("handlers may not delete files (" + path + ")");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path raw, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path path = alias(raw);
        byte[] virtual = virtualFiles.get(path);
        if (virtual != null) {
            return new BytesChannel(virtual);
        }
        allowed(path);
        Path source = typeScriptTwin(path);
        if (typeScript != null && source.toString().endsWith(".ts")) {
            return new BytesChannel(typeScript.apply(source, java.nio.file.Files.readAllBytes(source)));
        }
        return readOnly.newByteChannel(source, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        allowed(dir);
        return readOnly.newDirectoryStream(dir, filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return readOnly.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path raw, LinkOption... options) throws IOException {
        Path path = alias(raw);
        return virtualFiles.containsKey(path) ? path : readOnly.toRealPath(typeScriptTwin(path), options);
    }

    @Override
    public Map<String, Object> readAttributes(Path raw, String attributes, LinkOption... options) throws IOException {
        Path path = alias(raw);
        if (virtualFiles.containsKey(path)) {
            return Map.of("isRegularFile", true, "isDirectory", false, "isSymbolicLink", false, "isOther", false,
                    "size", (long) virtualFiles.get(path).length);
        }
        allowed(path);
        return readOnly.readAttributes(path, attributes, options);
    }

    /** The .ts file an import means when the named JavaScript file does not exist. */
    private Path typeScriptTwin(Path path) {
        if (typeScript == null || java.nio.file.Files.exists(path)) {
            return path;
        }
        String name = path.getFileName().toString();
        String stem = name.endsWith(".js") ? name.substring(0, name.length() - 3)
                : name.endsWith(".mjs") ? name.substring(0, name.length() - 4) : name;
        Path twin = path.resolveSibling(stem + ".ts");
        return java.nio.file.Files.exists(twin) ? twin : path;
    }

    private void allowed(Path path) throws IOException {
        if (!readable.test(path)) {
            throw new NoSuchFileException(path + " (handlers may only read files below their handler directories)");
        }
    }

    /** A read-only channel over bytes in memory. */
    private static final class BytesChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;

        BytesChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
