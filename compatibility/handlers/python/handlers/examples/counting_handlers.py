from tasker_core import StepHandler
from tasker_core.batch_processing import Batchable


class CountChunkHandler(StepHandler, Batchable):
    """A batch worker that yields a checkpoint after each item: it runs again from the checkpoint in the same attempt."""

    handler_name = "counting_dsl_py.count_chunk"

    def call(self, context):
        noop = self.handle_no_op_worker(context)
        if noop is not None:
            return noop
        inputs = self.get_batch_worker_inputs(context)
        start, end = inputs.cursor.start_cursor, inputs.cursor.end_cursor
        position = context.checkpoint_cursor if context.has_checkpoint() else start
        seen = context.accumulated_results or {"sum": 0}
        items = context.get_input("items")
        if position < end:
            return self.checkpoint_yield(position + 1, position + 1 - start, {"sum": seen["sum"] + items[position]})
        return self.batch_worker_success(items_processed=end - start, batch_metadata={"sum": seen["sum"]})
