"""CSV inventory batch: count the rows of a CSV shipped beside this file, split them into batches of 200, let each
worker total its rows (saving a checkpoint every 100 rows), and aggregate the workers' totals."""
import csv
import os
from typing import Any

from tasker_core import BatchableHandler, PermanentError, StepContext, StepHandler, StepHandlerResult

LOW_STOCK = 10
CHECKPOINT_EVERY = 100
DATA = os.path.join(os.path.dirname(__file__), "data")


def read_rows(name: str) -> list[dict[str, str]]:
    """The data rows of data/<name>, keyed by the header."""
    if "/" in name or "\\" in name:
        raise PermanentError(f"csv_file must be a file name in data/, got {name!r}")
    path = os.path.join(DATA, name)
    if not os.path.isfile(path):
        raise PermanentError(f"no CSV file data/{name}")
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class AnalyzeCsvHandler(BatchableHandler):
    def call(self, context: StepContext) -> StepHandlerResult:
        rows = read_rows(context.get_input_or("csv_file", "inventory.csv"))
        return self.batch_success("process_csv_batch", len(rows), context.get_config("batch_size") or 200)


class ProcessCsvBatchHandler(BatchableHandler):
    def call(self, context: StepContext) -> StepHandlerResult:
        if context.step_inputs.get("is_no_op"):
            return self.batch_worker_success(0, {"rows": 0})
        cursor = context.step_inputs["cursor"]
        saved = context.checkpoint
        totals: dict[str, Any] = saved["accumulated_results"] if saved else {
            "rows": 0, "total_quantity": 0, "inventory_value_cents": 0, "low_stock_skus": []}
        position = saved["cursor"] if saved else cursor["start_cursor"]
        rows = read_rows(context.get_input_or("csv_file", "inventory.csv"))
        for index in range(position, cursor["end_cursor"]):
            row = rows[index]
            quantity = int(row["quantity"])
            totals["rows"] += 1
            totals["total_quantity"] += quantity
            totals["inventory_value_cents"] += quantity * int(row["unit_price_cents"])
            if quantity < LOW_STOCK:
                totals["low_stock_skus"].append(row["sku"])
            done = index + 1
            if done % CHECKPOINT_EVERY == 0:
                context.checkpoint_yield(done, done - cursor["start_cursor"], totals)
        return self.batch_worker_success(totals["rows"], totals)


class AggregateInventoryHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        batches = context.get_batch_results("process_csv_batch")
        return {
            "batches": sum(1 for b in batches if b["rows"] > 0),
            "total_rows": sum(b["rows"] for b in batches),
            "total_quantity": sum(b.get("total_quantity", 0) for b in batches),
            "inventory_value_cents": sum(b.get("inventory_value_cents", 0) for b in batches),
            "low_stock_skus": [sku for b in batches for sku in b.get("low_stock_skus", [])],
        }
