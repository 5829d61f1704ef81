package dev.tasker.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test class against a Tasker engine started in-process: the REST API on a free port, the worker, and the
 * handler folders named here (templates and handlers of every language), on the test database
 * ({@code TASKER_TEST_DATABASE_URL}, else an embedded PostgreSQL) in a schema of its own. Test methods, constructors
 * and {@code @BeforeAll} methods take a {@link TaskerTestClient} parameter. Classes naming the same folders share one
 * engine for the whole test run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TaskerExtension.class)
public @interface TaskerTest {

    /** Handler folders, relative to the working directory (a Maven module's folder under Maven). */
    String[] handlers();

    /** Handler attempts at once. */
    int concurrency() default 8;
}
