package dev.tasker.db.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * Who may connect to the embedded server: clients that know the superuser's password, which lives in a file of
 * the data directory readable by this OS user only, and only over 127.0.0.1, ::1 or the local socket
 * ({@code scram-sha-256} everywhere in {@code pg_hba.conf}).
 *
 * <p>A new cluster gets its password from initdb. A cluster created before this (initdb's {@code trust} for
 * everyone) is upgraded at its next start: the password is set over the still-trusting connection, then
 * {@code pg_hba.conf} is rewritten and reloaded.
 */
final class LocalAccess {

    static final String PASSWORD_FILE = "tasker-superuser.password";
    static final String SUPERUSER = "postgres";
    private static final String HBA = """
            # Written by Tasker: password (scram-sha-256) for every connection, local socket and loopback only.
            # The superuser's password is in %s, readable by the owner of this directory alone.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """.formatted(PASSWORD_FILE);

    private final Path dataDir;
    private final String password;
    private final boolean newCluster;

    private LocalAccess(Path dataDir, String password, boolean newCluster) {
        this.dataDir = dataDir;
        this.password = password;
        this.newCluster = newCluster;
    }

    /** Reads the password of an existing cluster, or makes one (kept beside the directory until initdb has run). */
    static LocalAccess prepare(Path dataDir) {
        try {
            boolean newCluster = !Files.exists(dataDir.resolve("PG_VERSION"));
            Path kept = dataDir.resolve(PASSWORD_FILE);
            Path pending = pendingPasswordFile(dataDir);
            String password;
            if (Files.exists(kept)) {
                password = Files.readString(kept).strip();
            } else if (Files.exists(pending)) {
                password = Files.readString(pending).strip();
            } else {
                password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
                writeOwnerOnly(pending, password);
            }
            return new LocalAccess(dataDir, password, newCluster);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the embedded PostgreSQL's password file in " + dataDir, e);
        }
    }

    /** initdb's options for a new cluster: password authentication from the first start, with our password. */
    List<String[]> initdbOptions() {
        return newCluster ? List.of(new String[] {"auth", "scram-sha-256"},
                new String[] {"pwfile", pendingPasswordFile(dataDir).toString()}) : List.of();
    }

    /** After initdb, before the first start: the password moves into the data directory. */
    void keepPassword() {
        try {
            Path pending = pendingPasswordFile(dataDir);
            if (Files.exists(pending)) {
                Files.move(pending, dataDir.resolve(PASSWORD_FILE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the embedded PostgreSQL's password into " + dataDir, e);
        }
    }

    /** Once running: a cluster still open to everyone gets the password and the password-only rules. */
    void lockDown(int port) {
        try {
            if (onlyPasswordsAccepted()) {
                return;
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(port)); Statement s = c.createStatement()) {
                s.execute("SET password_encryption = 'scram-sha-256'");
                s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
                Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + dataDir.resolve("pg_hba.conf"), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password: " + e.getMessage(), e);
        }
    }

    private boolean onlyPasswordsAccepted() throws IOException {
        return Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .allMatch(line -> line.endsWith("scram-sha-256"));
    }

    String password() {
        return password;
    }

    String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER + "&password=" + password;
    }

    private static Path pendingPasswordFile(Path dataDir) {
        return dataDir.resolveSibling("." + dataDir.getFileName() + ".initdb-password");
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    }
}
