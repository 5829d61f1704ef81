package dev.tasker.host.cli;

/**
 * A language of the project {@code tasker init} writes: its step greets (the first step) or passes the greeting on
 * and adds its own name to the list of languages it went through.
 */
enum StarterLanguage {
    rb("ruby", "Ruby", "rb"), py("python", "Python", "py"), ts("typescript", "TypeScript", "ts");

    private final String word;
    private final String title;
    private final String extension;

    StarterLanguage(String word, String title, String extension) {
        this.word = word;
        this.title = title;
        this.extension = extension;
    }

    String word() {
        return word;
    }

    String stepName() {
        return "greet_in_" + word;
    }

    String className() {
        return "GreetIn" + title;
    }

    String callable() {
        return name() + ":" + className();
    }

    String fileName() {
        return stepName() + "." + extension;
    }

    /** @param previous the step before it, or null when it is the first */
    String handler(StarterLanguage previous) {
        return switch (this) {
            case rb -> previous == null ? """
                    class GreetInRuby < TaskerCore::StepHandler::Base
                      def call(context)
                        who = context.get_input_or(:who, 'world')
                        success(result: { greeting: "hello #{who}", languages: ['ruby'] })
                      end
                    end
                    """ : """
                    class GreetInRuby < TaskerCore::StepHandler::Base
                      def call(context)
                        previous = context.get_dependency_result('%s')
                        success(result: { greeting: previous['greeting'], languages: previous['languages'] + ['ruby'] })
                      end
                    end
                    """.formatted(previous.stepName());
            case py -> previous == null ? """
                    from tasker_core import StepHandler


                    class GreetInPython(StepHandler):
                        def call(self, context):
                            who = context.get_input_or("who", "world")
                            return self.success({"greeting": "hello " + who, "languages": ["python"]})
                    """ : """
                    from tasker_core import StepHandler


                    class GreetInPython(StepHandler):
                        def call(self, context):
                            previous = context.get_dependency_result("%s")
                            return self.success({"greeting": previous["greeting"], "languages": previous["languages"] + ["python"]})
                    """.formatted(previous.stepName());
            case ts -> previous == null ? """
                    import { StepHandler, StepContext } from '@tasker-systems/tasker';

                    export class GreetInTypeScript extends StepHandler {
                      call(context: StepContext) {
                        const who = context.getInputOr('who', 'world') as string;
                        return this.success({ greeting: `hello ${who}`, languages: ['typescript'] });
                      }
                    }
                    """ : """
                    import { StepHandler, StepContext } from '@tasker-systems/tasker';

                    interface Greeting { greeting: string; languages: string[] }

                    export class GreetInTypeScript extends StepHandler {
                      call(context: StepContext) {
                        const previous = context.getDependencyResult('%s') as Greeting;
                        return this.success({ greeting: previous.greeting, languages: [...previous.languages, 'typescript'] });
                      }
                    }
                    """.formatted(previous.stepName());
        };
    }
}
