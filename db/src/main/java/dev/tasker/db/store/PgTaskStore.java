package dev.tasker.db.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.engine.ClaimFilter;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.CreatedTask;
import dev.tasker.core.engine.DependencyResults;
import dev.tasker.core.engine.ExpiredLease;
import dev.tasker.core.engine.FinishResult;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.engine.RootClaim;
import dev.tasker.core.engine.StepCompletion;
import dev.tasker.core.engine.TaskStore;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.engine.TemplateRecord;
import dev.tasker.core.template.TaskTemplate;

import javax.sql.DataSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The engine's {@link TaskStore} on PostgreSQL, one repository per aggregate behind it. */
public final class PgTaskStore implements TaskStore {

    private final PgTemplates templates;
    private final PgTaskWriter writer;
    private final PgStepQueue queue;
    private final PgStepFinish finish;
    private final PgTaskOperations operations;
    private final PgSubWorkflows subWorkflows;
    private final Notifications notifications;

    public PgTaskStore(DataSource dataSource, String schema) {
        Tx tx = new Tx(dataSource);
        this.notifications = new Notifications(schema);
        this.templates = new PgTemplates(tx);
        this.writer = new PgTaskWriter(tx, notifications);
        this.finish = new PgStepFinish(tx, notifications);
        this.queue = new PgStepQueue(tx, notifications);
        this.operations = new PgTaskOperations(tx, notifications);
        this.subWorkflows = new PgSubWorkflows(tx, notifications);
    }

    public Notifications notifications() {
        return notifications;
    }

    @Override
    public TemplateRecord registerTemplate(TaskTemplate template) {
        return templates.register(template);
    }

    @Override
    public Optional<TemplateRecord> findTemplate(String namespace, String name, String version) {
        return templates.find(namespace, name, version);
    }

    @Override
    public java.util.List<TemplateRecord> currentTemplates() {
        return templates.current();
    }

    @Override
    public Optional<TemplateRecord> templateByUuid(UUID templateUuid) {
        return templates.byUuid(templateUuid);
    }

    @Override
    public CreatedTask createTask(NewTask task, RootClaim claim) {
        return writer.create(task, claim);
    }

    @Override
    public List<ClaimedStep> claim(String workerId, Set<String> namespaces, int limit, int leaseMarginSeconds,
                                   ClaimFilter filter) {
        return queue.claim(workerId, namespaces, limit, leaseMarginSeconds, filter);
    }

    @Override
    public boolean extendLease(String workerId, ClaimedStep step, int seconds) {
        return queue.extendLease(workerId, step, seconds);
    }

    @Override
    public void markWaiting(String workerId, java.util.Collection<ClaimedStep> steps) {
        queue.markWaiting(workerId, steps);
    }

    @Override
    public boolean markStarting(String workerId, ClaimedStep step) {
        return queue.markStarting(workerId, step);
    }

    @Override
    public int handBack(String workerId, Collection<UUID> stepUuids, String reason) {
        return queue.handBack(workerId, stepUuids, reason);
    }

    @Override
    public List<FinishResult> finishAll(String workerId, List<StepCompletion> completions, int leaseMarginSeconds,
                                        DependencyResults dependencies) {
        return finish.finishAll(workerId, completions, leaseMarginSeconds, dependencies);
    }

    @Override
    public java.util.Map<UUID, java.util.Map<String, JsonNode>> results(java.util.Map<UUID, Set<String>> stepNamesByTask) {
        return queue.results(stepNamesByTask);
    }

    @Override
    public List<ExpiredLease> expiredLeases(int limit) {
        return queue.expiredLeases(limit);
    }

    @Override
    public int releaseLeases(String workerId, Collection<UUID> stepUuids) {
        return queue.releaseLeases(workerId, stepUuids);
    }

    @Override
    public void cancel(UUID taskUuid, String reason) {
        operations.cancel(taskUuid, reason);
    }

    @Override
    public void resetForRetry(UUID taskUuid, UUID stepUuid, String reason) {
        operations.resetForRetry(taskUuid, stepUuid, reason);
    }

    @Override
    public void resolveManually(UUID taskUuid, UUID stepUuid, String reason) {
        operations.resolveManually(taskUuid, stepUuid, reason);
        subWorkflows.settleParent(taskUuid);
    }

    @Override
    public void completeManually(UUID taskUuid, UUID stepUuid, JsonNode result, String reason) {
        operations.completeManually(taskUuid, stepUuid, result, reason);
        subWorkflows.settleParent(taskUuid);
    }

    @Override
    public void settleParent(UUID childTaskUuid) {
        subWorkflows.settleParent(childTaskUuid);
    }

    @Override
    public int settleOrphans(int limit) {
        return subWorkflows.settleOrphans(limit);
    }

    @Override
    public boolean saveCheckpoint(String workerId, ClaimedStep step, JsonNode checkpoint, int leaseMarginSeconds) {
        return queue.saveCheckpoint(workerId, step, checkpoint, leaseMarginSeconds);
    }
}
