import {
  Decision,
  defineBatchAnalyzer,
  defineDecisionHandler,
  defineHandler,
  PermanentError,
} from '@tasker-systems/tasker';

export const CountStartDslHandler = defineHandler(
  'counting_dsl_ts.start',
  { inputs: { items: 'items' } },
  async ({ items, context }) => {
    if (!Array.isArray(items)) throw new PermanentError('items must be a list', { field: 'items' });
    return { count: items.length, step: context.stepName };
  }
);

export const CountRouteDslHandler = defineDecisionHandler(
  'counting_dsl_ts.route',
  { depends: { started: 'start_ts' } },
  async ({ started }) => ((started as { count: number }).count > 3
    ? Decision.route(['big_batch_ts'], { size: (started as { count: number }).count })
    : Decision.route(['small_batch_ts']))
);

export const CountAnalyzeDslHandler = defineBatchAnalyzer(
  'counting_dsl_ts.analyze',
  { inputs: { items: 'items' }, workerTemplate: 'count_chunk_ts' },
  async ({ items }) => ({ totalItems: (items as number[]).length, batchSize: 2 })
);

export const CountTotalDslHandler = defineHandler(
  'counting_dsl_ts.total',
  { depends: { started: 'start_ts' } },
  async ({ started, context }) => {
    const chunks = context.getAllDependencyResults('count_chunk_ts_') as Array<{ sum: number }>;
    return { count: (started as { count: number }).count, sum: chunks.reduce((s, c) => s + c.sum, 0), chunks: chunks.length };
  }
);

export const CountBigDslHandler = defineHandler('counting_dsl_ts.big_batch', {}, async ({ context }) => ({
  path: 'big', at: context.stepName }));

export const CountSmallDslHandler = defineHandler('counting_dsl_ts.small_batch', {}, async () => 'small');
