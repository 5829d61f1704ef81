package dev.tasker.compat;

import dev.tasker.testkit.TaskerTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One engine over the three handler folders, as a Tasker user runs `tasker serve` on theirs. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TaskerTest(handlers = {"handlers/ruby", "handlers/python", "handlers/typescript"})
@interface TaskerLayout {
}
