package dev.tasker.host.server;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The jars and class folders of {@code --classpath}: where {@code java:<class>} handlers are found beside the server's own. */
final class JavaClassPath {

    private JavaClassPath() {
    }

    static ClassLoader loader(List<Path> entries) {
        ClassLoader server = JavaClassPath.class.getClassLoader();
        if (entries.isEmpty()) {
            return server;
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (!Files.isDirectory(entry) && !(Files.isRegularFile(entry) && entry.toString().endsWith(".jar"))) {
                throw new IllegalArgumentException("--classpath " + entry + ": neither a folder of classes nor a .jar file");
            }
            try {
                urls.add(entry.toAbsolutePath().normalize().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath " + entry + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("tasker-java-handlers", urls.toArray(URL[]::new), server);
    }
}
