package dev.tasker.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Write a handler file and a template that runs it, ready for serve --handlers DIR.")
public final class HandlerNewCommand implements Callable<Integer> {

    enum Language { rb, py, ts, js }

    @Option(names = {"-l", "--language"}, required = true, paramLabel = "LANG", description = "rb, py, ts or js.")
    Language language;

    @Parameters(paramLabel = "NAME", description = "snake_case, e.g. send_invoice: the step, the template and the file.")
    String name;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".", description = "Where to write (default: here).")
    Path dir;

    @Option(names = "--namespace", defaultValue = "default", description = "The template's namespace (default ${DEFAULT-VALUE}).")
    String namespace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "NAME must be snake_case (a-z, 0-9, _), not '" + name + "'");
        }
        String className = Arrays.stream(name.split("_")).filter(p -> !p.isEmpty())
                .map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1)).collect(Collectors.joining());
        Path handler = dir.resolve(name + "." + (language == Language.js ? "mjs" : language.name()));
        Path template = dir.resolve(name + ".yaml");
        for (Path p : List.of(handler, template)) {
            if (Files.exists(p)) {
                throw new CommandLine.ParameterException(spec.commandLine(), p + " exists already; pick another NAME or --dir");
            }
        }
        Files.createDirectories(dir);
        Files.writeString(handler, handlerSource(className));
        Files.writeString(template, """
                name: %s
                namespace_name: %s
                version: 1.0.0
                description: 'A %s step; submit it with a context like {"who": "world"}'
                steps:
                  - name: %s
                    handler:
                      callable: %s:%s
                    retry: { max_attempts: 3 }
                    timeout_seconds: 30
                """.formatted(name, namespace, language, name, language, className));
        var out = spec.commandLine().getOut();
        out.println("wrote " + handler + " and " + template);
        out.println("run it: tasker serve --handlers " + dir + "   then: tasker task create " + namespace + "/" + name
                + " --context '{\"who\": \"world\"}'");
        out.flush();
        return 0;
    }

    private String handlerSource(String className) {
        return switch (language) {
            case rb -> """
                    class %s < TaskerCore::StepHandler::Base
                      def call(context)
                        who = context.get_input_or(:who, 'world')
                        logger.info("greeting #{who}")
                        success(result: { greeting: "hello #{who}" })
                      end
                    end
                    """.formatted(className);
            case py -> """
                    from tasker_core import StepHandler


                    class %s(StepHandler):
                        def call(self, context):
                            who = context.get_input_or("who", "world")
                            self.logger.info("greeting %%s" %% who)
                            return self.success({"greeting": "hello " + who})
                    """.formatted(className);
            case ts -> """
                    import { StepHandler, StepContext } from '@tasker-systems/tasker';

                    export class %s extends StepHandler {
                      call(context: StepContext) {
                        const who = context.getInputOr('who', 'world') as string;
                        this.logger.info(`greeting ${who}`);
                        return this.success({ greeting: `hello ${who}` });
                      }
                    }
                    """.formatted(className);
            case js -> """
                    import { StepHandler } from '@tasker-systems/tasker';

                    export class %s extends StepHandler {
                      call(context) {
                        const who = context.getInputOr('who', 'world');
                        this.logger.info(`greeting ${who}`);
                        return this.success({ greeting: `hello ${who}` });
                      }
                    }
                    """.formatted(className);
        };
    }
}
