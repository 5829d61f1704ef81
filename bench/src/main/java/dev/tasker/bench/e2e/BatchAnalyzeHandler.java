package dev.tasker.bench.e2e;

import dev.tasker.core.api.StepContext;
import dev.tasker.core.api.StepHandler;
import dev.tasker.core.api.StepResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A batchable step over 1,000 rows in batches of 200: five workers. */
public final class BatchAnalyzeHandler implements StepHandler {

    static final int ROWS = 1000;
    static final int BATCH = 200;

    @Override
    public StepResult call(StepContext context) {
        List<Map<String, Object>> cursors = new ArrayList<>();
        for (int start = 0, i = 1; start < ROWS; start += BATCH, i++) {
            cursors.add(Map.of("batch_id", "%03d".formatted(i), "start_cursor", start, "end_cursor", Math.min(start + BATCH, ROWS),
                    "batch_size", BATCH));
        }
        return StepResult.success(Map.of("batch_processing_outcome", Map.of("type", "create_batches",
                "worker_template_name", "work", "worker_count", cursors.size(), "cursor_configs", cursors, "total_items", ROWS)));
    }
}
