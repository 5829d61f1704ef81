# tasker_core.batch_processing: Tasker's Batchable mixin (class X(StepHandler, Batchable)) and its helpers.
from tasker_core.types import (BatchAnalyzerOutcome, BatchWorkerContext, BatchWorkerOutcome, CursorConfig,
                               RustBatchWorkerInputs, StepHandlerResult, create_batches, no_batches)


class BatchAggregationScenario:
    def __init__(self, is_no_batches, batchable_result, batch_results, worker_count):
        self.is_no_batches = is_no_batches
        self.batchable_result = batchable_result
        self.batch_results = batch_results
        self.worker_count = worker_count

    def no_batches(self):
        return self.is_no_batches

    @classmethod
    def detect(cls, dependency_results, batchable_step_name, batch_worker_prefix):
        def unwrap(entry):
            return entry["result"] if isinstance(entry, dict) and "result" in entry else entry

        if batchable_step_name not in dependency_results or unwrap(dependency_results[batchable_step_name]) is None:
            raise ValueError("Missing batchable step dependency: %s" % batchable_step_name)
        analyzer = unwrap(dependency_results[batchable_step_name])
        analyzer = analyzer if isinstance(analyzer, dict) else {}
        outcome = analyzer.get("batch_processing_outcome") or {}
        if isinstance(outcome, dict) and outcome.get("type") == "no_batches":
            return cls(True, analyzer, {}, 0)
        workers = {}
        for name in dependency_results:
            if name.startswith(batch_worker_prefix):
                value = unwrap(dependency_results[name])
                workers[name] = value if isinstance(value, dict) else {}
        if not workers:
            raise ValueError("No batch workers found with prefix '%s' and batchable step '%s' did not return a "
                             "no_batches outcome" % (batch_worker_prefix, batchable_step_name))
        return cls(False, analyzer, workers, len(workers))


class BatchWorkerConfig:
    def __init__(self, batch_id, cursor_start, cursor_end, row_count, worker_index, total_workers):
        self.batch_id = batch_id
        self.cursor_start = cursor_start
        self.cursor_end = cursor_end
        self.row_count = row_count
        self.worker_index = worker_index
        self.total_workers = total_workers

    def to_dict(self):
        return dict(vars(self))


class Batchable:
    def create_cursor_config(self, start, end, step_size=1, metadata=None):
        return CursorConfig(start_cursor=start, end_cursor=end, step_size=step_size, metadata=metadata or {})

    def create_cursor_ranges(self, total_items, batch_size, step_size=1, max_batches=None):
        if total_items == 0:
            return []
        if batch_size <= 0:
            raise ValueError("batch_size must be > 0")
        if max_batches and (total_items + batch_size - 1) // batch_size > max_batches:
            batch_size = (total_items + max_batches - 1) // max_batches
        return [CursorConfig(start_cursor=s, end_cursor=min(s + batch_size, total_items), step_size=step_size)
                for s in range(0, total_items, batch_size)]

    def create_cursor_configs(self, total_items, worker_count):
        if worker_count <= 0:
            raise ValueError("worker_count must be > 0")
        per_worker = (total_items + worker_count - 1) // worker_count if total_items else 0
        configs = []
        for i in range(worker_count if total_items else 0):
            start, end = i * per_worker, min((i + 1) * per_worker, total_items)
            if start >= total_items:
                break
            configs.append(BatchWorkerConfig("%03d" % (i + 1), start, end, end - start, i, worker_count))
        return configs

    def get_batch_worker_inputs(self, context):
        if not context.step_inputs:
            return None
        try:
            return RustBatchWorkerInputs.model_validate(context.step_inputs)
        except ValueError:
            return None

    def handle_no_op_worker(self, context):
        inputs = self.get_batch_worker_inputs(context)
        if inputs is None or not inputs.is_no_op:
            return None
        from datetime import datetime, timezone
        return StepHandlerResult.success({"batch_id": inputs.cursor.batch_id, "no_op": True, "processed_count": 0,
                                          "message": "No batches to process",
                                          "processed_at": datetime.now(timezone.utc).isoformat()})

    def create_batch_outcome(self, total_items, batch_size, step_size=1, batch_metadata=None):
        return BatchAnalyzerOutcome(cursor_configs=self.create_cursor_ranges(total_items, batch_size, step_size),
                                    total_items=total_items, batch_metadata=batch_metadata or {})

    def create_batch_outcome_from_ranges(self, ranges, step_size=1, total_items=None, batch_metadata=None):
        return BatchAnalyzerOutcome.from_ranges(ranges, step_size, total_items, batch_metadata)

    def create_worker_outcome(self, items_processed, items_succeeded=0, items_failed=0, items_skipped=0, results=None,
                              errors=None, last_cursor=None, batch_metadata=None):
        return BatchWorkerOutcome(items_processed=items_processed, items_succeeded=items_succeeded or items_processed,
                                  items_failed=items_failed, items_skipped=items_skipped, results=results or [],
                                  errors=errors or [], last_cursor=last_cursor, batch_metadata=batch_metadata or {})

    def get_batch_context(self, context):
        return BatchWorkerContext.from_step_context(context)

    def batch_analyzer_success(self, outcome=None, metadata=None, worker_template_name="batch_worker",
                               cursor_configs=None, total_items=None, batch_metadata=None):
        if cursor_configs is not None:
            configs, total, meta = cursor_configs, total_items or 0, batch_metadata or {}
        elif outcome is not None:
            configs, total, meta = outcome.cursor_configs, outcome.total_items or 0, outcome.batch_metadata or {}
        else:
            return self.no_batches_outcome(reason="no_cursor_configs_provided")
        if not configs:
            return self.no_batches_outcome(reason=meta.get("reason", "empty_dataset"), metadata=meta)
        cursors = []
        for i, c in enumerate(configs):
            start = c.get("start_cursor") if isinstance(c, dict) else c.start_cursor
            end = c.get("end_cursor") if isinstance(c, dict) else c.end_cursor
            cursors.append({"batch_id": "%03d" % (i + 1), "start_cursor": start, "end_cursor": end,
                            "batch_size": end - start})
        result = {"batch_processing_outcome": create_batches(worker_template_name, len(cursors), cursors, total),
                  "worker_count": len(cursors), "total_items": total}
        if meta:
            result["batch_metadata"] = meta
        combined = dict(metadata or {})
        combined["batch_analyzer"] = True
        return self.success(result, metadata=combined)

    def no_batches_outcome(self, reason, metadata=None):
        result = {"batch_processing_outcome": no_batches(), "reason": reason}
        if metadata:
            result.update(metadata)
        return self.success(result, metadata={"batch_analyzer": True, "no_batches": True})

    def batch_worker_success(self, outcome=None, metadata=None, items_processed=None, items_succeeded=None,
                             items_failed=0, items_skipped=0, results=None, errors=None, last_cursor=None,
                             batch_metadata=None):
        if items_processed is None and isinstance(outcome, int):
            items_processed, outcome = outcome, None
        if items_processed is not None:
            result = {"items_processed": items_processed,
                      "items_succeeded": items_processed if items_succeeded is None else items_succeeded,
                      "items_failed": items_failed, "items_skipped": items_skipped, "last_cursor": last_cursor,
                      "batch_metadata": batch_metadata or {}}
            results_list, errors_list = results, errors
        elif outcome is not None:
            result = {"items_processed": outcome.items_processed, "items_succeeded": outcome.items_succeeded,
                      "items_failed": outcome.items_failed, "items_skipped": outcome.items_skipped,
                      "last_cursor": outcome.last_cursor, "batch_metadata": outcome.batch_metadata}
            results_list, errors_list = outcome.results, outcome.errors
        else:
            return self.failure(message="batch_worker_success requires either outcome or items_processed",
                                error_type="invalid_args", retryable=False)
        if results_list:
            result["results"] = results_list
        if errors_list:
            result["errors"] = errors_list
        combined = dict(metadata or {})
        combined["batch_worker"] = True
        return self.success(result, metadata=combined)

    def checkpoint_yield(self, cursor, items_processed, accumulated_results=None):
        """Saves the checkpoint and runs this step again from it, without counting an attempt."""
        result = {"type": "checkpoint_yield", "cursor": cursor, "items_processed": items_processed}
        if accumulated_results is not None:
            result["accumulated_results"] = accumulated_results
        return StepHandlerResult.success(result, metadata={"checkpoint_yield": True, "batch_worker": True})

    def batch_worker_partial_failure(self, outcome, message=None, metadata=None):
        result = {"items_processed": outcome.items_processed, "items_succeeded": outcome.items_succeeded,
                  "items_failed": outcome.items_failed, "items_skipped": outcome.items_skipped,
                  "last_cursor": outcome.last_cursor, "batch_metadata": outcome.batch_metadata, "partial_failure": True}
        if message:
            result["partial_failure_message"] = message
        if outcome.results:
            result["results"] = outcome.results
        if outcome.errors:
            result["errors"] = outcome.errors
        combined = dict(metadata or {})
        combined.update(batch_worker=True, had_failures=True)
        return self.success(result, metadata=combined)

    def detect_aggregation_scenario(self, dependency_results, batchable_step_name, batch_worker_prefix):
        return BatchAggregationScenario.detect(dependency_results, batchable_step_name, batch_worker_prefix)

    def no_batches_aggregation_result(self, zero_metrics=None):
        result = {"worker_count": 0, "scenario": "no_batches"}
        result.update(zero_metrics or {})
        return self.success(result)

    def aggregate_batch_worker_results(self, scenario, zero_metrics=None, aggregation_fn=None):
        if scenario.is_no_batches:
            return self.no_batches_aggregation_result(zero_metrics)
        aggregated = {"batch_results": scenario.batch_results} if aggregation_fn is None \
            else aggregation_fn(scenario.batch_results)
        return self.success(dict(aggregated, worker_count=scenario.worker_count, scenario="with_batches"))

    @staticmethod
    def aggregate_worker_results(worker_results):
        totals = {"items_processed": 0, "items_succeeded": 0, "items_failed": 0, "items_skipped": 0}
        errors = []
        for result in worker_results:
            if result is None:
                continue
            for key in totals:
                totals[key] += result.get(key, 0)
            errors.extend(result.get("errors") or [])
        processed = totals["items_processed"]
        return {"total_processed": processed, "total_succeeded": totals["items_succeeded"],
                "total_failed": totals["items_failed"], "total_skipped": totals["items_skipped"],
                "batch_count": len(worker_results),
                "success_rate": totals["items_succeeded"] / processed if processed > 0 else 0.0,
                "errors": errors[:100], "error_count": len(errors)}


BatchableMixin = Batchable
__all__ = ["Batchable", "BatchAggregationScenario", "BatchWorkerConfig", "BatchWorkerContext"]
