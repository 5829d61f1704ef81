package dev.tasker.db.testing;

import dev.tasker.db.embedded.EmbeddedPostgresServer;

import java.nio.file.Path;

/** A separate JVM that runs an embedded server until it is killed: what a crashed worker leaves behind. */
public final class EmbeddedServerProcess {

    private EmbeddedServerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY " + server.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
