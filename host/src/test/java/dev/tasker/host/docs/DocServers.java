package dev.tasker.host.docs;

import dev.tasker.host.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code tasker} a page's commands run: a script on their PATH that starts this build's {@code Main} as the
 * launcher would, and the servers their {@code tasker serve} lines start, one per distinct command line, each on a
 * free port and a schema of its own, stopped at the end.
 */
final class DocServers implements AutoCloseable {

    record Server(Process process, int port, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private final Path root;
    private final Path bin;
    private final String databaseUrl;
    private final Map<String, Server> servers = new LinkedHashMap<>();

    DocServers(Path root, Path scratch, String databaseUrl) throws IOException {
        this.root = root;
        this.databaseUrl = databaseUrl;
        this.bin = Files.createDirectories(scratch.resolve("bin"));
        Path tasker = bin.resolve("tasker");
        Files.writeString(tasker, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "'"
                + " --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx640m"
                + " -Dpolyglot.engine.WarnInterpreterOnly=false -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " \"$@\"\n");
        tasker.toFile().setExecutable(true);
    }

    /** The environment of a command run against {@code server}. */
    Map<String, String> environment(Server server) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("TASKER_REPOSITORY_ROOT", root.toString());
        env.put("TASKER_DATABASE_URL", databaseUrl);
        if (server != null) {
            env.put("TASKER_URL", server.url());
        }
        return env;
    }

    /**
     * The server that {@code serve ARGS} started in {@code dir}, started now if it was not; the examples' server
     * ({@code serve} alone) is one for every page, as a reader keeps the quick start's running.
     */
    Server serve(String args, Path dir) throws IOException, InterruptedException {
        String key = args.isEmpty() ? "" : dir + " " + args;
        Server running = servers.get(key);
        if (running != null) {
            return running;
        }
        int port = freePort();
        Path log = Files.createTempFile(dir, "serve-", ".log");
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec tasker serve " + args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment(null));
        pb.environment().put("TASKER_PORT", Integer.toString(port));
        pb.environment().put("TASKER_DATABASE_SCHEMA", "docs_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet());
        Server server = new Server(pb.start(), port, log);
        servers.put(key, server);
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < until) {
            if (!server.process().isAlive()) {
                throw new IllegalStateException("tasker serve " + args + " exited with " + server.process().exitValue()
                        + ":\n" + Files.readString(log));
            }
            if (ready(port)) {
                return server;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("tasker serve " + args + " was not ready within 180 s:\n" + Files.readString(log));
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Server server : servers.values()) {
            server.process().destroy();
        }
        for (Server server : servers.values()) {
            try {
                if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
                    server.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
