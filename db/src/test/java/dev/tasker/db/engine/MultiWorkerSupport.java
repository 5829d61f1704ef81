package dev.tasker.db.engine;

import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskService;
import dev.tasker.core.json.Json;
import dev.tasker.core.template.TemplateParser;
import dev.tasker.db.Database;
import dev.tasker.db.store.PgTaskQueries;
import dev.tasker.db.store.PgTaskStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Submits and inspects tasks without running a worker of its own: the workers are elsewhere. */
final class MultiWorkerSupport {

    final Database db;
    final PgTaskStore store;
    final PgTaskQueries queries;
    final TaskService tasks;

    MultiWorkerSupport(Database db) {
        this.db = db;
        this.store = new PgTaskStore(db.dataSource(), db.schema());
        this.queries = new PgTaskQueries(db.dataSource());
        this.tasks = new TaskService(store, namespace -> { });
    }

    void template(String yaml) {
        store.registerTemplate(new TemplateParser(null, c -> true).parse(yaml, "test.yaml"));
    }

    List<UUID> submit(String namespace, String name, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(tasks.create(TaskRequest.of(namespace, name, Json.read("{\"n\": " + i + "}"))));
        }
        return ids;
    }

    long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Steps whose number of recorded executions differs from their attempts: must be none. */
    long stepsRunOtherThanOncePerAttempt() {
        return count("""
                SELECT count(*) FROM workflow_steps s
                LEFT JOIN (SELECT step_uuid, count(*) n, count(DISTINCT attempt) d FROM test_executions GROUP BY step_uuid) e
                  ON e.step_uuid = s.step_uuid
                WHERE COALESCE(e.n, 0) <> s.attempts OR COALESCE(e.d, 0) <> s.attempts""");
    }
}
