import { BatchableStepHandler } from '../../../../src/handler/batchable.js';
import type { StepContext } from '../../../../src/types/step-context.js';
import type { StepHandlerResult } from '../../../../src/types/step-handler-result.js';

/** A batch worker that yields a checkpoint after each item: it runs again from the checkpoint in the same attempt. */
export class CountChunkHandler extends BatchableStepHandler {
  static handlerName = 'counting_dsl_ts.count_chunk';

  async call(context: StepContext): Promise<StepHandlerResult> {
    const noOp = this.handleNoOpWorker(context);
    if (noOp) return noOp;
    const batch = this.getBatchContext(context)!;
    const position = context.hasCheckpoint() ? (context.checkpointCursor as number) : batch.startCursor;
    const seen = (context.accumulatedResults as { sum: number } | null) ?? { sum: 0 };
    const items = context.getInput<number[]>('items')!;
    if (position < batch.endCursor) {
      return this.checkpointYield(position + 1, position + 1 - batch.startCursor, { sum: seen.sum + items[position] });
    }
    return this.success({ items_processed: batch.endCursor - batch.startCursor, sum: seen.sum });
  }
}
