package dev.tasker.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@link TaskerTest}'s engine: one per set of handler folders for the whole run, closed when the run ends. */
final class TaskerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TaskerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == TaskerTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        TestKitChecks.atStart();
        TaskerTest settings = extension.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, TaskerTest.class))
                .orElseThrow(() -> new ParameterResolutionException("a TaskerTestClient parameter needs @TaskerTest on the class"));
        List<Path> dirs = Arrays.stream(settings.handlers()).map(d -> Path.of(d).toAbsolutePath().normalize()).toList();
        EngineKey key = new EngineKey(dirs, settings.concurrency());
        TestEngineServer engine = extension.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> TestEngineServer.start(k.dirs(), k.concurrency()), TestEngineServer.class);
        return engine.client();
    }

    private record EngineKey(List<Path> dirs, int concurrency) {
    }
}
