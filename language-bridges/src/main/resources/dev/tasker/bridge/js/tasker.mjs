// Tasker's handler API for JavaScript and TypeScript handlers, served as the module '@tasker-systems/tasker' (alias
// 'tasker'), and for the paths of Tasker's own source tree that handlers import ('…/src/handler/base.js' and the like).
// The host calls the functions on globalThis.__tasker.

export const ErrorType = Object.freeze({
  PERMANENT_ERROR: 'permanent_error',
  RETRYABLE_ERROR: 'retryable_error',
  VALIDATION_ERROR: 'validation_error',
  TIMEOUT: 'timeout',
  HANDLER_ERROR: 'handler_error',
});

const STANDARD_ERRORS = new Set(Object.values(ErrorType));

export function isStandardErrorType(type) { return STANDARD_ERRORS.has(type); }

export function isTypicallyRetryable(type) {
  return type === ErrorType.RETRYABLE_ERROR || type === ErrorType.TIMEOUT || type === ErrorType.HANDLER_ERROR;
}

const OPTION_KEYS = new Set(['errorCode', 'metadata', 'retryAfter']);

/** Tasker's (message, metadata) or this project's (message, {errorCode, metadata, retryAfter}). */
function errorOptions(second) {
  if (second === null || second === undefined || typeof second !== 'object') return {};
  const keys = Object.keys(second);
  return keys.length > 0 && keys.every((k) => OPTION_KEYS.has(k)) ? second : { metadata: second };
}

export class PermanentError extends Error {
  constructor(message, options) {
    super(message);
    const o = errorOptions(options);
    this.name = 'PermanentError';
    this.retryable = false;
    this.errorCode = o.errorCode ?? null;
    this.metadata = o.metadata ?? null;
  }
}

export class RetryableError extends Error {
  constructor(message, options) {
    super(message);
    const o = errorOptions(options);
    this.name = 'RetryableError';
    this.retryable = true;
    this.retryAfter = o.retryAfter ?? null;
    this.errorCode = o.errorCode ?? null;
    this.metadata = o.metadata ?? null;
  }
}

/** What a handler returns: success with a result, or failure with a message, an error type and whether to retry. */
export class StepHandlerResult {
  constructor({ success, result = null, errorMessage = null, errorType = null, errorCode = null, retryable = true,
    metadata = {}, orchestrationMetadata = null }) {
    this.success = success;
    this.result = result;
    this.errorMessage = errorMessage;
    this.errorType = errorType;
    this.errorCode = errorCode;
    this.retryable = retryable;
    this.metadata = metadata ?? {};
    this.orchestrationMetadata = orchestrationMetadata;
  }
  static success(result = null, metadata = {}) {
    return new StepHandlerResult({ success: true, result, metadata: metadata ?? {} });
  }
  static failure(message, errorType = ErrorType.HANDLER_ERROR, retryable = true, metadata = {}, errorCode = null) {
    return new StepHandlerResult({ success: false, errorMessage: message, errorType, retryable, metadata: metadata ?? {},
      errorCode });
  }
  /** This project's name for errorMessage. */
  get message() { return this.errorMessage; }
  isSuccess() { return this.success; }
  isFailure() { return !this.success; }
  toJSON() {
    return { success: this.success, result: this.result, error_message: this.errorMessage, error_type: this.errorType,
      error_code: this.errorCode, retryable: this.retryable, metadata: this.metadata };
  }
}

/** A completed ancestor's entry in dependencyResults, in Tasker's shape. */
function envelope(result) {
  return { result, success: true, status: 'completed', metadata: {} };
}

/**
 * What a handler sees of its task and step. inputData is the task's context, stepInputs the step's own inputs (a batch
 * worker's cursor), dependencyResults every completed ancestor's result envelope.
 */
export class StepContext {
  constructor(payload) {
    this._payload = payload;
    this.taskUuid = payload.task_uuid;
    this.stepUuid = payload.step_uuid;
    this.correlationId = payload.correlation_id ?? payload.task_uuid;
    this.handlerName = payload.handler_name ?? null;
    this.stepName = payload.step_name;
    this.namespaceName = payload.namespace_name;
    this.inputData = payload.input_data ?? {};
    this.stepInputs = payload.step_inputs ?? {};
    this.stepConfig = payload.step_config ?? {};
    this.retryCount = payload.retry_count ?? 0;
    this.maxRetries = payload.max_retries ?? 3;
    this._checkpoint = payload.checkpoint ?? null;
    this._dependencyResults = null;
  }
  get dependencyResults() {
    if (this._dependencyResults === null) {
      const raw = this._payload.dependency_results ?? {};
      this._dependencyResults = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, envelope(v)]));
    }
    return this._dependencyResults;
  }
  /** The step as Tasker's worker receives it (camelCase keys; JSON payloads keep theirs). */
  get event() {
    const p = this._payload;
    return {
      eventId: this.stepUuid, taskUuid: this.taskUuid, stepUuid: this.stepUuid, correlationId: this.correlationId,
      task: { taskUuid: this.taskUuid, name: p.task_name, namespace: this.namespaceName, version: p.task_version,
        context: this.inputData },
      workflowStep: { workflowStepUuid: this.stepUuid, name: this.stepName, attempts: this.retryCount,
        maxAttempts: this.maxRetries, inputs: this.stepInputs, checkpoint: this.checkpoint },
      stepDefinition: p.step_definition ?? {},
      dependencyResults: this.dependencyResults,
    };
  }
  getInput(key) { return this.inputData[key]; }
  getInputOr(key, fallback) {
    const value = this.inputData[key];
    return value === undefined ? fallback : value;
  }
  getConfig(key) { return this.stepConfig[key]; }
  getDependencyResult(stepName) {
    const entry = this.dependencyResults[stepName];
    if (entry === undefined || entry === null) return null;
    return typeof entry === 'object' && 'result' in entry ? entry.result : entry;
  }
  getDependencyField(stepName, ...path) {
    let value = this.getDependencyResult(stepName);
    for (const key of path) {
      if (value === null || value === undefined || typeof value !== 'object') return null;
      value = value[key];
    }
    return value ?? null;
  }
  getDependencyResultKeys() { return Object.keys(this.dependencyResults); }
  getAllDependencyResults(prefix) {
    return Object.keys(this.dependencyResults).filter((k) => k.startsWith(prefix))
      .map((k) => this.getDependencyResult(k)).filter((r) => r !== null && r !== undefined);
  }
  isRetry() { return this.retryCount > 0; }
  isLastRetry() { return this.retryCount >= this.maxRetries - 1; }
  get checkpoint() { return this._checkpoint; }
  get checkpointCursor() { return this._checkpoint?.cursor ?? null; }
  get checkpointItemsProcessed() { return this._checkpoint?.items_processed ?? 0; }
  get accumulatedResults() { return this._checkpoint?.accumulated_results ?? null; }
  hasCheckpoint() { return this.checkpointCursor !== null && this.checkpointCursor !== undefined; }
  /** A convergence step's view of a batch: the results of `${workerTemplate}_001`, `_002`, … in order. */
  getBatchResults(workerTemplate) {
    const worker = new RegExp(`^${workerTemplate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d{3,}$`);
    return Object.keys(this.dependencyResults).filter((k) => worker.test(k)).sort().map((k) => this.getDependencyResult(k));
  }
  /**
   * Saves progress now and goes on running; a retry of this step starts from it. (Tasker's checkpointYield of
   * BatchableStepHandler returns instead, and the step runs again from the checkpoint.)
   */
  checkpointYield(cursor, itemsProcessed, accumulatedResults = null) {
    const checkpoint = { cursor, items_processed: itemsProcessed, accumulated_results: accumulatedResults };
    globalThis.__tasker_checkpoint(JSON.stringify(toJson(checkpoint, 'checkpoint')));
    this._checkpoint = checkpoint;
  }
  static fromFfiEvent(event, handlerName) {
    return new StepContext({ ...event, handler_name: handlerName });
  }
}

/** Writes to the host's log, tagged with the task and step being run. */
export const logger = {
  debug: (message) => globalThis.__tasker_log('debug', String(message)),
  info: (message) => globalThis.__tasker_log('info', String(message)),
  warn: (message) => globalThis.__tasker_log('warn', String(message)),
  error: (message) => globalThis.__tasker_log('error', String(message)),
};

export function createLogger() { return logger; }
export function logInfo(message) { logger.info(message); }
export function logWarn(message) { logger.warn(message); }
export function logError(message) { logger.error(message); }
export function logDebug(message) { logger.debug(message); }

export class StepHandler {
  static handlerName = null;
  static handlerVersion = '1.0.0';
  get name() { return this.constructor.handlerName ?? this.constructor.name; }
  get version() { return this.constructor.handlerVersion ?? '1.0.0'; }
  get capabilities() { return ['process']; }
  get logger() { return logger; }
  configSchema() { return null; }
  success(result = null, metadata = {}) { return StepHandlerResult.success(result, metadata); }
  failure(message, errorType = ErrorType.HANDLER_ERROR, retryable = true, metadata = {}, errorCode = null) {
    return StepHandlerResult.failure(message, errorType, retryable, metadata, errorCode);
  }
  /** Starts a child task of a registered template; this step completes with the child's result when it ends. */
  startSubWorkflow(namespace, name, context = {}, version = null) {
    return this.success({ sub_workflow: { namespace, name, context, ...(version ? { version } : {}) } });
  }
}

// ----- decisions -----

export class DecisionPointOutcome {
  constructor(type, stepNames = [], reason = null, routingContext = {}, dynamicSteps = null) {
    this.type = type;
    this.stepNames = stepNames;
    this.reason = reason;
    this.routingContext = routingContext ?? {};
    this.dynamicSteps = dynamicSteps;
  }
  static createSteps(stepNames, routingContext = {}, dynamicSteps = null) {
    if (!Array.isArray(stepNames) || stepNames.length === 0) {
      throw new PermanentError('a decision that creates steps needs at least one step name', { errorCode: 'INVALID_DECISION_OUTCOME' });
    }
    return new DecisionPointOutcome('create_steps', [...stepNames], null, routingContext, dynamicSteps);
  }
  static noBranches(reason = null, routingContext = {}) {
    return new DecisionPointOutcome('no_branches', [], reason, routingContext);
  }
}

function decisionMetadata(handler, metadata) {
  return { ...(metadata ?? {}), decision_handler: handler.name, decision_version: handler.version };
}

const decisionMethods = {
  decisionSuccess(steps, routingContext, metadata) {
    return this.decisionSuccessWithOutcome(DecisionPointOutcome.createSteps(steps, routingContext), metadata);
  },
  decisionSuccessWithOutcome(outcome, metadata) {
    const result = { decision_point_outcome: { type: outcome.type, step_names: outcome.stepNames } };
    if (outcome.dynamicSteps) result.dynamic_steps = outcome.dynamicSteps;
    if (outcome.routingContext && Object.keys(outcome.routingContext).length > 0) result.routing_context = outcome.routingContext;
    return StepHandlerResult.success(result, decisionMetadata(this, metadata));
  },
  decisionNoBranches(outcome, metadata) {
    const result = { decision_point_outcome: { type: 'no_branches' }, reason: outcome.reason };
    if (outcome.routingContext && Object.keys(outcome.routingContext).length > 0) result.routing_context = outcome.routingContext;
    return StepHandlerResult.success(result, decisionMetadata(this, metadata));
  },
  skipBranches(reason = null, routingContext, metadata) {
    return this.decisionNoBranches(DecisionPointOutcome.noBranches(reason, routingContext), metadata);
  },
  decisionFailure(message, errorType = 'decision_error', retryable = false, metadata) {
    return StepHandlerResult.failure(message, errorType, retryable, decisionMetadata(this, metadata));
  },
};

export class DecisionHandler extends StepHandler {
  get capabilities() { return ['process', 'decision', 'routing']; }
}
Object.assign(DecisionHandler.prototype, decisionMethods);
export { DecisionHandler as DecisionStepHandler };

// ----- batches -----

export function createBatches(workerTemplateName, workerCount, cursorConfigs, totalItems) {
  return { type: 'create_batches', worker_template_name: workerTemplateName, worker_count: workerCount,
    cursor_configs: cursorConfigs, total_items: totalItems };
}

export function noBatches() { return { type: 'no_batches' }; }

export function aggregateBatchResults(workerResults, maxErrors = 100) {
  let processed = 0; let succeeded = 0; let failed = 0; let skipped = 0;
  const errors = [];
  for (const r of workerResults) {
    if (!r) continue;
    processed += r.items_processed ?? 0;
    succeeded += r.items_succeeded ?? 0;
    failed += r.items_failed ?? 0;
    skipped += r.items_skipped ?? 0;
    if (Array.isArray(r.errors)) errors.push(...r.errors);
  }
  return { total_processed: processed, total_succeeded: succeeded, total_failed: failed, total_skipped: skipped,
    batch_count: workerResults.length, success_rate: processed > 0 ? succeeded / processed : 0,
    errors: errors.slice(0, maxErrors), error_count: errors.length };
}

function resultData(entry) {
  if (typeof entry !== 'object' || entry === null) return {};
  return 'result' in entry ? entry.result : entry;
}

export function detectAggregationScenario(dependencyResults, batchableStepName, batchWorkerPrefix) {
  const analyzer = dependencyResults[batchableStepName];
  if (analyzer === undefined || analyzer === null) throw new Error(`Missing batchable step dependency: ${batchableStepName}`);
  const data = resultData(analyzer) ?? {};
  if (data.batch_processing_outcome?.type === 'no_batches') {
    return { isNoBatches: true, batchableResult: data, batchResults: {}, workerCount: 0 };
  }
  const batchResults = {};
  for (const [name, entry] of Object.entries(dependencyResults)) {
    if (name.startsWith(batchWorkerPrefix)) batchResults[name] = resultData(entry);
  }
  if (Object.keys(batchResults).length === 0) {
    throw new Error(`No batch workers found with prefix '${batchWorkerPrefix}' and batchable step '${batchableStepName}' `
      + 'did not return a no_batches outcome');
  }
  return { isNoBatches: false, batchableResult: data, batchResults, workerCount: Object.keys(batchResults).length };
}

export function createBatchWorkerContext(batchData, checkpoint = null) {
  const cursor = batchData.cursor_config ?? batchData;
  return {
    batchId: batchData.batch_id ?? '',
    cursorConfig: { startCursor: cursor.start_cursor ?? 0, endCursor: cursor.end_cursor ?? 0, stepSize: cursor.step_size ?? 1,
      metadata: cursor.metadata ?? {} },
    batchIndex: batchData.batch_index ?? 0,
    totalBatches: batchData.total_batches ?? 1,
    batchMetadata: batchData.batch_metadata ?? {},
    checkpoint: checkpoint ?? {},
    get startCursor() { return this.cursorConfig.startCursor; },
    get endCursor() { return this.cursorConfig.endCursor; },
    get stepSize() { return this.cursorConfig.stepSize; },
    get checkpointCursor() { return this.checkpoint?.cursor; },
    get accumulatedResults() { return this.checkpoint?.accumulated_results; },
    get checkpointItemsProcessed() { return this.checkpoint?.items_processed ?? 0; },
    hasCheckpoint() { return Boolean(this.checkpoint && this.checkpoint.cursor !== undefined); },
  };
}

const batchMethods = {
  createCursorConfig(start, end, stepSize = 1, metadata = {}) {
    return { startCursor: start, endCursor: end, stepSize, metadata };
  },
  createCursorRanges(totalItems, batchSize, stepSize = 1, maxBatches) {
    if (totalItems === 0) return [];
    if (batchSize <= 0) throw new Error('batchSize must be > 0');
    let size = batchSize;
    if (maxBatches && maxBatches > 0 && Math.ceil(totalItems / batchSize) > maxBatches) size = Math.ceil(totalItems / maxBatches);
    const configs = [];
    for (let start = 0; start < totalItems; start = Math.min(start + size, totalItems)) {
      configs.push({ startCursor: start, endCursor: Math.min(start + size, totalItems), stepSize, metadata: {} });
    }
    return configs;
  },
  /** Tasker's (totalItems, workerCount); this project's BatchableHandler took (totalItems, batchSize) and does. */
  createCursorConfigs(totalItems, workerCount) {
    if (workerCount <= 0) throw new Error('workerCount must be > 0');
    if (totalItems === 0) return [];
    const perWorker = Math.ceil(totalItems / workerCount);
    const configs = [];
    for (let i = 0; i < workerCount && i * perWorker < totalItems; i++) {
      const start = i * perWorker;
      const end = Math.min((i + 1) * perWorker, totalItems);
      configs.push({ batch_id: String(i + 1).padStart(3, '0'), cursor_start: start, cursor_end: end, row_count: end - start,
        worker_index: i, total_workers: workerCount });
    }
    return configs;
  },
  createBatchOutcome(totalItems, batchSize, stepSize = 1, batchMetadata = {}) {
    return { cursorConfigs: this.createCursorRanges(totalItems, batchSize, stepSize), totalItems, batchMetadata };
  },
  createWorkerOutcome(itemsProcessed, itemsSucceeded = 0, itemsFailed = 0, itemsSkipped = 0, results = [], errors = [],
    lastCursor = null, batchMetadata = {}) {
    return { itemsProcessed, itemsSucceeded: itemsSucceeded || itemsProcessed, itemsFailed, itemsSkipped, results, errors,
      lastCursor, batchMetadata };
  },
  getBatchContext(context) {
    const inputs = context.stepInputs ?? {};
    if ('cursor' in inputs) {
      const c = inputs.cursor ?? {};
      return createBatchWorkerContext({ batch_id: c.batch_id, cursor_config: { start_cursor: c.start_cursor,
        end_cursor: c.end_cursor, step_size: c.step_size ?? c.batch_size ?? 1, metadata: c.metadata ?? {} },
      batch_index: 0, total_batches: 1, batch_metadata: inputs.batch_metadata ?? {} }, context.checkpoint);
    }
    const data = context.stepConfig?.batch_context ?? context.inputData?.batch_context ?? inputs.batch_context;
    return data ? createBatchWorkerContext(data, context.checkpoint) : null;
  },
  getBatchWorkerInputs(context) {
    return context.stepInputs && Object.keys(context.stepInputs).length > 0 ? context.stepInputs : null;
  },
  handleNoOpWorker(context) {
    const inputs = this.getBatchWorkerInputs(context);
    if (!inputs?.is_no_op) return null;
    return StepHandlerResult.success({ batch_id: inputs.cursor?.batch_id ?? 'no_op', no_op: true, processed_count: 0,
      message: 'No batches to process', processed_at: new Date().toISOString() });
  },
  batchAnalyzerSuccess(outcome, metadata) {
    return StepHandlerResult.success({ batch_analyzer_outcome: {
      cursor_configs: outcome.cursorConfigs.map((c) => ({ start_cursor: c.startCursor, end_cursor: c.endCursor,
        step_size: c.stepSize, metadata: c.metadata })),
      total_items: outcome.totalItems, batch_metadata: outcome.batchMetadata } }, metadata);
  },
  /** Tasker's (outcome, metadata) or this project's (itemsProcessed, results): the worker's counts as its result. */
  batchWorkerSuccess(outcome, metadata) {
    if (typeof outcome === 'number') return StepHandlerResult.success({ items_processed: outcome, ...(metadata ?? {}) });
    return StepHandlerResult.success({ batch_worker_outcome: { items_processed: outcome.itemsProcessed,
      items_succeeded: outcome.itemsSucceeded, items_failed: outcome.itemsFailed, items_skipped: outcome.itemsSkipped,
      results: outcome.results, errors: outcome.errors, last_cursor: outcome.lastCursor,
      batch_metadata: outcome.batchMetadata } }, metadata);
  },
  /** Saves the checkpoint and runs this step again from it, without counting an attempt. */
  checkpointYield(cursor, itemsProcessed, accumulatedResults) {
    const result = { type: 'checkpoint_yield', cursor, items_processed: itemsProcessed };
    if (accumulatedResults !== undefined) result.accumulated_results = accumulatedResults;
    return StepHandlerResult.success(result, { checkpoint_yield: true, batch_worker: true });
  },
  detectAggregationScenario(dependencyResults, batchableStepName, batchWorkerPrefix) {
    return detectAggregationScenario(dependencyResults, batchableStepName, batchWorkerPrefix);
  },
  noBatchesAggregationResult(zeroMetrics) {
    return StepHandlerResult.success({ worker_count: 0, scenario: 'no_batches', ...(zeroMetrics ?? {}) });
  },
  aggregateBatchWorkerResults(scenario, zeroMetrics, aggregationFn) {
    if (scenario.isNoBatches) return this.noBatchesAggregationResult(zeroMetrics);
    const aggregated = aggregationFn ? aggregationFn(scenario.batchResults) : { batch_results: scenario.batchResults };
    return StepHandlerResult.success({ ...aggregated, worker_count: scenario.workerCount, scenario: 'with_batches' });
  },
  /**
   * Tasker's (workerTemplateName, batchConfigs, metadata), or this project's (workerTemplateName, totalItems, batchSize):
   * workers of batchSize items, no batches for no items.
   */
  batchSuccess(workerTemplateName, batchConfigs, metadata) {
    if (typeof batchConfigs === 'number') {
      const totalItems = batchConfigs;
      if (totalItems === 0) return this.noBatchesResult('no items');
      batchConfigs = this.createCursorConfigs(totalItems, Math.ceil(totalItems / metadata));
      metadata = undefined;
    }
    const cursorConfigs = batchConfigs.map((c) => ({ batch_id: c.batch_id, start_cursor: c.cursor_start,
      end_cursor: c.cursor_end, batch_size: c.row_count }));
    const totalItems = batchConfigs.reduce((sum, c) => sum + c.row_count, 0);
    return StepHandlerResult.success({ batch_processing_outcome: createBatches(workerTemplateName, batchConfigs.length,
      cursorConfigs, totalItems), ...(metadata ?? {}) }, metadata);
  },
  noBatchesResult(reason, metadata) {
    const result = { batch_processing_outcome: noBatches(), ...(metadata ?? {}) };
    if (reason) result.reason = reason;
    return StepHandlerResult.success(result, metadata);
  },
};

export class BatchableMixin {}
Object.assign(BatchableMixin.prototype, batchMethods);

export class BatchableStepHandler extends StepHandler {
  static aggregateWorkerResults(workerResults, maxErrors = 100) { return aggregateBatchResults(workerResults, maxErrors); }
}
Object.assign(BatchableStepHandler.prototype, batchMethods);
export { BatchableStepHandler as BatchableHandler };

export function applyBatchable(target) {
  for (const [name, fn] of Object.entries(batchMethods)) target[name] = fn.bind(target);
  return target;
}

// ----- HTTP -----

/**
 * A handler that calls HTTP APIs through the host's client: JSON bodies, headers and a timeout (seconds).
 * 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx PermanentError; refused connections and
 * timeouts are retryable. A response is { status, headers, body }.
 */
const apiMethods = {
  get(url, { headers = {}, timeout } = {}) { return http(this, 'GET', url, null, headers, timeout); },
  post(url, body = null, { headers = {}, timeout } = {}) { return http(this, 'POST', url, body, headers, timeout); },
  put(url, body = null, { headers = {}, timeout } = {}) { return http(this, 'PUT', url, body, headers, timeout); },
  patch(url, body = null, { headers = {}, timeout } = {}) { return http(this, 'PATCH', url, body, headers, timeout); },
  delete(url, { headers = {}, timeout } = {}) { return http(this, 'DELETE', url, null, headers, timeout); },
};

export class ApiHandler extends StepHandler {}
Object.assign(ApiHandler.prototype, apiMethods);

export function applyAPI(target) {
  for (const [name, fn] of Object.entries(apiMethods)) target[name] = fn.bind(target);
  return target;
}

function http(handler, method, url, body, headers, timeout) {
  const cls = handler.constructor;
  const base = cls.baseUrl;
  const full = base && !/^https?:\/\//.test(url) ? `${base.replace(/\/$/, '')}/${url.replace(/^\//, '')}` : url;
  const seconds = timeout ?? (cls.defaultTimeout ? cls.defaultTimeout / 1000 : 30);
  const answer = JSON.parse(globalThis.__tasker_http(method, full, JSON.stringify({ ...(cls.defaultHeaders ?? {}), ...headers }),
    body === null || body === undefined ? null : JSON.stringify(toJson(body, 'body')), seconds));
  if (answer.ok) return answer.response;
  if (answer.retryable) throw new RetryableError(answer.message, { retryAfter: answer.retry_after ?? null });
  throw new PermanentError(answer.message);
}

// ----- the functional form -----

export class Decision {
  constructor(type, steps = [], reason = undefined, routingContext = {}) {
    this.type = type;
    this.steps = steps;
    this.reason = reason;
    this.routingContext = routingContext;
  }
  static route(steps, routingContext) { return new Decision('create_steps', steps, undefined, routingContext ?? {}); }
  static skip(reason, routingContext) { return new Decision('no_branches', [], reason, routingContext ?? {}); }
}

function wrapResult(value) {
  if (value instanceof StepHandlerResult) return value;
  if (value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)) {
    return StepHandlerResult.success(value);
  }
  if (value === null || value === undefined) return StepHandlerResult.success({});
  return StepHandlerResult.success({ result: value });
}

function wrapError(error) {
  if (error instanceof PermanentError) {
    return StepHandlerResult.failure(error.message, ErrorType.PERMANENT_ERROR, false, error.metadata, error.errorCode);
  }
  if (error instanceof RetryableError) {
    const result = StepHandlerResult.failure(error.message, ErrorType.RETRYABLE_ERROR, true, error.metadata, error.errorCode);
    result.retryAfter = error.retryAfter;
    return result;
  }
  const message = error instanceof Error ? error.message : String(error);
  return StepHandlerResult.failure(message, ErrorType.HANDLER_ERROR, true,
    { errorType: error instanceof Error ? error.constructor.name : typeof error });
}

function injectArgs(context, options) {
  const args = { context };
  for (const [param, step] of Object.entries(options.depends ?? {})) args[param] = context.getDependencyResult(step);
  for (const [param, key] of Object.entries(options.inputs ?? {})) args[param] = context.getInput(key);
  return args;
}

function functionalClass(name, options, body, base = StepHandler) {
  const HandlerClass = class extends base {
    static handlerName = name;
    static handlerVersion = options.version ?? '1.0.0';
    static functional = true;
    async call(context) {
      try {
        return await body.call(this, context);
      } catch (error) {
        return wrapError(error);
      }
    }
  };
  Object.defineProperty(HandlerClass, 'name', { value: name });
  registry.set(name, HandlerClass); // registered where it is defined, whether or not its module exports it
  return HandlerClass;
}

/**
 * Tasker's defineHandler(name, {depends, inputs, version}, async ({context, ...}) => result), whose plain non-object
 * answer becomes {result: value}, or this project's defineHandler(name, async (context) => result), whose answer is the
 * result as it is. Answers the handler class.
 */
export function defineHandler(name, options, fn) {
  if (typeof options === 'function') {
    const handler = options;
    return functionalClass(name, {}, async (context) => {
      const value = await handler(context);
      return value instanceof StepHandlerResult ? value : StepHandlerResult.success(value ?? null);
    });
  }
  return functionalClass(name, options, async (context) => wrapResult(await fn(injectArgs(context, options))));
}

export function defineDecisionHandler(name, options, fn) {
  return functionalClass(name, options, async function decide(context) {
    const raw = await fn(injectArgs(context, options));
    if (raw instanceof Decision) {
      return raw.type === 'create_steps' ? this.decisionSuccess(raw.steps, raw.routingContext)
        : this.skipBranches(raw.reason ?? '', raw.routingContext);
    }
    return wrapResult(raw);
  }, DecisionHandler);
}

export function defineBatchAnalyzer(name, options, fn) {
  return functionalClass(name, options, async function analyze(context) {
    const raw = await fn(injectArgs(context, options));
    if (raw instanceof StepHandlerResult) return raw;
    const { totalItems, batchSize } = raw;
    const configs = batchMethods.createCursorRanges(totalItems, batchSize).map((c, i) => ({
      batch_id: `batch_${String(i).padStart(3, '0')}`, start_cursor: c.startCursor, end_cursor: c.endCursor,
      batch_size: c.endCursor - c.startCursor }));
    return StepHandlerResult.success({ batch_processing_outcome: createBatches(options.workerTemplate, configs.length, configs,
      totalItems) }, { batch_count: configs.length, total_items: totalItems, ...(raw.metadata ?? {}) });
  }, BatchableStepHandler);
}

export function defineBatchWorker(name, options, fn) {
  return functionalClass(name, options, async function work(context) {
    const args = injectArgs(context, options);
    args.batchContext = this.getBatchContext(context);
    return wrapResult(await fn(args));
  }, BatchableStepHandler);
}

export function defineApiHandler(name, options, fn) {
  const HandlerClass = functionalClass(name, options, async function callApi(context) {
    const args = injectArgs(context, options);
    args.api = this;
    return wrapResult(await fn(args));
  }, ApiHandler);
  HandlerClass.baseUrl = options.baseUrl;
  HandlerClass.defaultTimeout = options.defaultTimeout ?? 30000;
  HandlerClass.defaultHeaders = options.defaultHeaders ?? {};
  return HandlerClass;
}

// ----- domain events -----

/** Tasker's publisher and subscriber classes, so that files defining them load; the engine publishes declared events. */
export class BasePublisher {
  get publisherName() { return this.constructor.name; }
  transformPayload(stepResult) { return stepResult?.result ?? {}; }
  shouldPublish() { return true; }
  additionalMetadata() { return {}; }
  beforePublish() { return true; }
  afterPublish() {}
  onPublishError() {}
}

export class BaseSubscriber {
  static subscribesTo() { return ['*']; }
  handle() {}
  beforeHandle() { return true; }
  afterHandle() {}
  onHandleError() {}
}

// ----- the host's side -----

/** Non-JSON values fail the step permanently, naming the path to them. */
function toJson(value, path) {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string': case 'boolean': return value;
    case 'number':
      if (!Number.isFinite(value)) throw new PermanentError(`${path} is ${value}, which JSON cannot hold`);
      return value;
    case 'bigint': return value;
    case 'function': throw new PermanentError(`${path} is a function, which cannot be a step result`);
    case 'symbol': throw new PermanentError(`${path} is a symbol, which cannot be a step result`);
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${path}[${i}]`));
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) out[String(k)] = toJson(v, `${path}.${k}`);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && typeof value.toJSON !== 'function') {
    throw new PermanentError(`${path} is a ${proto.constructor?.name ?? 'object'} instance, not plain data`);
  }
  const source = typeof value.toJSON === 'function' ? value.toJSON() : value;
  const out = {};
  for (const key of Object.keys(source)) out[key] = toJson(source[key], `${path}.${key}`);
  return out;
}

function stringify(answer) {
  return JSON.stringify(answer, (k, v) => (typeof v === 'bigint' ? Number(v) : v));
}

function describe(error) {
  const isError = error instanceof Error;
  const type = isError ? (error.name && error.name !== 'Error' ? error.name : error.constructor?.name ?? 'Error') : typeof error;
  return {
    success: false,
    error_type: type,
    message: isError ? error.message : String(error),
    retryable: error?.retryable === false ? false : !(error instanceof PermanentError),
    retry_after_seconds: error?.retryAfter ?? null,
    error_code: error?.errorCode ?? null,
    metadata: error?.metadata ?? null,
    backtrace: isError && error.stack ? String(error.stack).split('\n').slice(1, 31).map((l) => l.trim()) : [],
  };
}

function answerOf(value) {
  if (value instanceof StepHandlerResult) {
    if (!value.success) {
      return { success: false, error_type: value.errorType ?? ErrorType.HANDLER_ERROR, message: value.errorMessage,
        retryable: value.retryable !== false, error_code: value.errorCode, retry_after_seconds: value.retryAfter ?? null,
        metadata: toJson(value.metadata, 'metadata'), backtrace: [] };
    }
    if (value.metadata?.checkpoint_yield === true && value.result && typeof value.result === 'object') {
      const r = value.result;
      return { success: true, checkpoint_yield: toJson({ cursor: r.cursor ?? null, items_processed: r.items_processed ?? 0,
        accumulated_results: r.accumulated_results ?? null }, 'result') };
    }
    return { success: true, result: toJson(value.result, 'result'), metadata: toJson(value.metadata, 'metadata') };
  }
  return { success: true, result: toJson(value, 'result'), metadata: null };
}

const registry = new Map();

function isHandlerClass(value) {
  return typeof value === 'function' && value.prototype instanceof StepHandler;
}

async function run(name, payloadJson) {
  const cls = registry.get(name);
  if (!cls) throw new PermanentError(`no JavaScript handler is registered as '${name}'`);
  const payload = JSON.parse(payloadJson);
  const context = new StepContext({ ...payload, handler_name: name });
  const handler = new cls();
  let method = payload.handler_method ?? 'call';
  // a defined (functional) handler has one entry point, whatever method the template names
  if (method !== 'call' && cls.functional && typeof handler[method] !== 'function') method = 'call';
  if (method !== 'call') {
    if (typeof handler[method] !== 'function') throw new PermanentError(`handler '${name}' has no method '${method}' (handler.method)`);
    return answerOf(await handler[method](context));
  }
  if (typeof handler.call === 'function') return answerOf(await handler.call(context));
  if (typeof handler.process === 'function') {
    const output = await handler.process(context);
    const processed = typeof handler.processResults === 'function' ? await handler.processResults(output)
      : typeof handler.process_results === 'function' ? await handler.process_results(output) : output;
    return answerOf(processed);
  }
  throw new PermanentError(`handler '${name}' has neither call(context) nor process(context)`);
}

globalThis.__tasker = {
  /**
   * Registers the handler classes a module exports (also inside exported arrays and objects, as Tasker's
   * ALL_EXAMPLE_HANDLERS), by static handlerName and by export name; a class re-exported by another module is the same
   * handler, registered once, for the first file that exported it.
   */
  register(exports, file) {
    const names = [];
    const add = (alias, cls) => {
      if (!alias || (registry.get(alias) === cls)) return;
      registry.set(alias, cls);
      names.push([alias, cls.__taskerFile ?? file]);
    };
    const visit = (key, value) => {
      if (!isHandlerClass(value)) return;
      if (!Object.prototype.hasOwnProperty.call(value, '__taskerFile')) {
        Object.defineProperty(value, '__taskerFile', { value: file });
      }
      add(key === 'default' ? value.name : key, value);
      if (Object.prototype.hasOwnProperty.call(value, 'handlerName') && value.handlerName) add(value.handlerName, value);
    };
    for (const key of Object.keys(exports)) {
      const value = exports[key];
      if (isHandlerClass(value)) visit(key, value);
      else if (Array.isArray(value)) value.forEach((v) => visit(v?.name, v));
    }
    return JSON.stringify(names);
  },
  registered() {
    return JSON.stringify([...registry.keys()]);
  },
  /** Runs a handler and reports its answer as JSON text through done(text). */
  invoke(name, payloadJson, done) {
    run(name, payloadJson).then(
      (answer) => done(stringify(answer)),
      (error) => done(stringify(describe(error))));
  },
};
