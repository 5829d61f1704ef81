package dev.tasker.examples.cross;

import dev.tasker.testkit.TaskerTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The engine of this module's tests: every example folder at once, so one test runs a workflow in each language
 * by its namespace ({@code examples_ruby}, {@code examples_python}, {@code examples_ts}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TaskerTest(handlers = {"handlers", "../examples-ruby/handlers", "../examples-python/handlers", "../examples-ts/handlers"})
@interface ExamplesInEveryLanguage {
}
