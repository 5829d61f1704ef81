package dev.tasker.bench.jmh;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.api.StepHandler;
import dev.tasker.loader.LoadedHandlers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A no-op and an echo handler in one guest language, loaded into one context, for the micro-benchmarks. */
final class GuestHandlerFiles implements AutoCloseable {

    private final LoadedHandlers loaded;
    private final Path dir;

    private GuestHandlerFiles(LoadedHandlers loaded, Path dir) {
        this.loaded = loaded;
        this.dir = dir;
    }

    /** @param language ruby, python, javascript or typescript */
    static GuestHandlerFiles load(String language) {
        try {
            Path dir = Files.createTempDirectory("tasker-jmh-" + language);
            switch (language) {
                case "ruby" -> Files.writeString(dir.resolve("h.rb"), """
                        class Noop < TaskerCore::StepHandler::Base
                          def call(_context) = nil
                        end
                        class Echo < TaskerCore::StepHandler::Base
                          def call(context) = context.input_data
                        end
                        """);
                case "python" -> Files.writeString(dir.resolve("h.py"), """
                        from tasker_core import StepHandler


                        class Noop(StepHandler):
                            def call(self, context):
                                return None


                        class Echo(StepHandler):
                            def call(self, context):
                                return context.input_data
                        """);
                case "javascript" -> Files.writeString(dir.resolve("h.mjs"), """
                        import { StepHandler } from '@tasker-systems/tasker';
                        export class Noop extends StepHandler { call() { return null; } }
                        export class Echo extends StepHandler { call(context) { return context.inputData; } }
                        """);
                case "typescript" -> Files.writeString(dir.resolve("h.ts"), """
                        import { StepContext, StepHandler } from '@tasker-systems/tasker';
                        export class Noop extends StepHandler { call(_context: StepContext): null { return null; } }
                        export class Echo extends StepHandler { call(context: StepContext): unknown { return context.inputData; } }
                        """);
                default -> throw new IllegalArgumentException("no such language: " + language);
            }
            LoadedHandlers loaded = LoadedHandlers.loadPaths(List.of(dir), new GuestSettings(1, 1, 1, dir.resolve("ts-cache")));
            if (!loaded.problems().isEmpty()) {
                throw new IllegalStateException("benchmark handlers did not load: " + loaded.problems());
            }
            return new GuestHandlerFiles(loaded, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StepHandler handler(String name) {
        return loaded.resolver().resolve(name).orElseThrow();
    }

    @Override
    public void close() {
        loaded.close();
        dev.tasker.db.embedded.ThrowawayPostgres.deleteRecursively(dir);
    }
}
