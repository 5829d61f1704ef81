package dev.tasker.host.api;

import dev.tasker.core.engine.DuplicateTaskException;
import dev.tasker.core.engine.InvalidContextException;
import dev.tasker.core.engine.TaskOperationException;
import dev.tasker.core.engine.TemplateNotFoundException;
import io.helidon.http.Status;

import java.util.Map;
import java.util.function.Supplier;

/** The engine's refusals as API errors: a client mistake is a 4xx with what to fix, never a 500. */
final class ApiErrors {

    private ApiErrors() {
    }

    static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (TemplateNotFoundException e) {
            throw new ApiException(Status.BAD_REQUEST_400, "unknown_template", e.getMessage());
        } catch (InvalidContextException e) {
            throw new ApiException(Status.BAD_REQUEST_400, "invalid_context", e.getMessage(), Map.of("violations", e.violations()));
        } catch (DuplicateTaskException e) {
            throw new ApiException(Status.CONFLICT_409, "duplicate_task", e.getMessage(),
                    Map.of("existing_task_uuid", e.existingTaskUuid().toString()));
        } catch (TaskOperationException e) {
            throw new ApiException(Status.BAD_REQUEST_400, "not_allowed", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
