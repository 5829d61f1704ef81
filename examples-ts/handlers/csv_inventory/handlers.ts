// CSV inventory batch: count the rows of a CSV shipped beside this file, split them into batches of 200, let each
// worker total its rows (saving a checkpoint every 100 rows), and aggregate the workers' totals.
import { readFileSync } from 'node:fs';
import { BatchableHandler, Json, PermanentError, StepContext, StepHandler, StepResultSuccess } from '@tasker-systems/tasker';

interface Totals { rows: number; total_quantity: number; inventory_value_cents: number; low_stock_skus: string[] }
interface Cursor { start_cursor: number; end_cursor: number }

const LOW_STOCK = 10;
const CHECKPOINT_EVERY = 100;
const DATA = import.meta.url.replace(/[^/]*$/, 'data/'); // the folder beside this file

/** The data rows of data/<name>, keyed by the header. */
function readRows(name: string): Record<string, string>[] {
  if (name.includes('/')) throw new PermanentError(`csv_file must be a file name in data/, got '${name}'`);
  let text: string;
  try {
    text = readFileSync(DATA + name, 'utf8');
  } catch {
    throw new PermanentError(`no CSV file data/${name}`);
  }
  const [header, ...lines] = text.split('\n').filter((line) => line.length > 0);
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [keys[i], value])));
}

export class CsvAnalyzeHandler extends BatchableHandler {
  call(context: StepContext): StepResultSuccess {
    const rows = readRows(context.getInputOr('csv_file', 'inventory.csv'));
    return this.batchSuccess('process_csv_batch', rows.length, context.getConfig<number>('batch_size') ?? 200);
  }
}

export class CsvProcessBatchHandler extends BatchableHandler {
  call(context: StepContext): StepResultSuccess {
    if (context.stepInputs['is_no_op']) return this.batchWorkerSuccess(0, { rows: 0 });
    const cursor = context.stepInputs['cursor'] as unknown as Cursor;
    const saved = context.checkpoint as { cursor: number; accumulated_results: Totals } | null;
    const totals: Totals = saved?.accumulated_results ?? { rows: 0, total_quantity: 0, inventory_value_cents: 0, low_stock_skus: [] };
    const rows = readRows(context.getInputOr('csv_file', 'inventory.csv'));
    for (let index = saved?.cursor ?? cursor.start_cursor; index < cursor.end_cursor; index++) {
      const quantity = Number(rows[index].quantity);
      totals.rows += 1;
      totals.total_quantity += quantity;
      totals.inventory_value_cents += quantity * Number(rows[index].unit_price_cents);
      if (quantity < LOW_STOCK) totals.low_stock_skus.push(rows[index].sku);
      const done = index + 1;
      if (done % CHECKPOINT_EVERY === 0) {
        context.checkpointYield(done, done - cursor.start_cursor, totals as unknown as Json);
      }
    }
    return this.batchWorkerSuccess(totals.rows, totals as unknown as Record<string, Json>);
  }
}

export class CsvAggregateHandler extends StepHandler {
  call(context: StepContext) {
    const batches = context.getBatchResults('process_csv_batch') as unknown as Partial<Totals>[];
    const sum = (field: 'rows' | 'total_quantity' | 'inventory_value_cents') =>
      batches.reduce((total, batch) => total + (batch[field] ?? 0), 0);
    return {
      batches: batches.filter((batch) => (batch.rows ?? 0) > 0).length,
      total_rows: sum('rows'),
      total_quantity: sum('total_quantity'),
      inventory_value_cents: sum('inventory_value_cents'),
      low_stock_skus: batches.flatMap((batch) => batch.low_stock_skus ?? []),
    };
  }
}
