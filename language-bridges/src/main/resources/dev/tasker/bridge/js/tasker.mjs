// Tasker's handler API for JavaScript and TypeScript handlers, served as the module
// '@tasker-systems/tasker' (alias 'tasker'). The host calls the functions on globalThis.__tasker.

export class PermanentError extends Error {
  constructor(message, options = {}) {
    super(message);
    this.name = 'PermanentError';
    this.errorCode = options.errorCode ?? null;
    this.metadata = options.metadata ?? null;
  }
}

export class RetryableError extends Error {
  constructor(message, options = {}) {
    super(message);
    this.name = 'RetryableError';
    this.retryAfter = options.retryAfter ?? null;
    this.errorCode = options.errorCode ?? null;
    this.metadata = options.metadata ?? null;
  }
}

const SUCCESS = Symbol('tasker.success');
const FAILURE = Symbol('tasker.failure');

export const StepHandlerResult = {
  success(result = null, metadata = null) {
    return { [SUCCESS]: true, result, metadata };
  },
  failure(message, errorType = 'StepFailure', retryable = true, metadata = null, errorCode = null) {
    return { [FAILURE]: true, message, errorType, retryable, metadata, errorCode };
  },
};

export class StepContext {
  constructor(payload) {
    this.taskUuid = payload.task_uuid;
    this.stepUuid = payload.step_uuid;
    this.stepName = payload.step_name;
    this.namespaceName = payload.namespace_name;
    this.inputData = payload.input_data ?? {};
    this.stepInputs = payload.step_inputs ?? {};
    this.stepConfig = payload.step_config ?? {};
    this.dependencyResults = payload.dependency_results ?? {};
    this.retryCount = payload.retry_count ?? 0;
    this.maxRetries = payload.max_retries ?? 1;
    this.checkpoint = payload.checkpoint ?? null;
  }
  getInput(key) { return this.inputData[key] ?? null; }
  getInputOr(key, fallback) { return this.inputData[key] ?? fallback; }
  getConfig(key) { return this.stepConfig[key] ?? null; }
  getDependencyResult(stepName) { return this.dependencyResults[stepName] ?? null; }
  getDependencyField(stepName, ...path) {
    let value = this.getDependencyResult(stepName);
    for (const key of path) {
      if (value === null || value === undefined) return null;
      value = value[key];
    }
    return value ?? null;
  }
  isRetry() { return this.retryCount > 0; }
  isLastRetry() { return this.retryCount >= this.maxRetries - 1; }
  /** A convergence step's view of a batch: the results of `${workerTemplate}_001`, `_002`, … in order. */
  getBatchResults(workerTemplate) {
    const worker = new RegExp(`^${workerTemplate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d{3,}$`);
    return Object.keys(this.dependencyResults).filter((k) => worker.test(k)).sort().map((k) => this.dependencyResults[k]);
  }
  /** Saves progress now; a retry of this step starts with it as `checkpoint`. */
  checkpointYield(cursor, itemsProcessed, accumulatedResults = null) {
    const checkpoint = { cursor, items_processed: itemsProcessed, accumulated_results: accumulatedResults };
    globalThis.__tasker_checkpoint(JSON.stringify(toJson(checkpoint, 'checkpoint')));
    this.checkpoint = checkpoint;
  }
}

export class StepHandler {
  static handlerName = null;
  get logger() { return logger; }
  /** Starts a child task of a registered template; this step completes with the child's result when it ends. */
  startSubWorkflow(namespace, name, context = {}, version = null) {
    return this.success({ sub_workflow: { namespace, name, context, ...(version ? { version } : {}) } });
  }
  success(result = null, metadata = null) { return StepHandlerResult.success(result, metadata); }
  failure(message, errorType = 'StepFailure', retryable = true, metadata = null, errorCode = null) {
    return StepHandlerResult.failure(message, errorType, retryable, metadata, errorCode);
  }
}

export class DecisionHandler extends StepHandler {
  decisionSuccess(stepNames, routingContext = {}) {
    return this.success({ decision_point_outcome: { type: 'create_steps', step_names: [...stepNames] }, routing_context: routingContext });
  }
  skipBranches(reason = null) {
    return this.success({ decision_point_outcome: { type: 'no_branches' }, reason });
  }
}

export class BatchableHandler extends StepHandler {
  createCursorConfigs(totalItems, batchSize) {
    const configs = [];
    for (let start = 0, id = 1; start < totalItems; start += batchSize, id++) {
      configs.push({ batch_id: String(id).padStart(3, '0'), start_cursor: start, end_cursor: Math.min(start + batchSize, totalItems), batch_size: batchSize });
    }
    return configs;
  }
  batchSuccess(workerTemplateName, totalItems, batchSize) {
    if (totalItems === 0) return this.success({ batch_processing_outcome: { type: 'no_batches' } });
    const cursorConfigs = this.createCursorConfigs(totalItems, batchSize);
    return this.success({ batch_processing_outcome: { type: 'create_batches', worker_template_name: workerTemplateName,
      worker_count: cursorConfigs.length, cursor_configs: cursorConfigs, total_items: totalItems } });
  }
  batchWorkerSuccess(itemsProcessed, results = {}) {
    return this.success({ items_processed: itemsProcessed, ...results });
  }
}

/**
 * A handler that calls HTTP APIs through the host's client: JSON bodies, headers and a timeout (seconds).
 * 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx PermanentError; refused connections and
 * timeouts are retryable. A response is { status, headers, body }.
 */
export class ApiHandler extends StepHandler {
  get(url, { headers = {}, timeout = 30 } = {}) { return http('GET', url, null, headers, timeout); }
  post(url, body = null, { headers = {}, timeout = 30 } = {}) { return http('POST', url, body, headers, timeout); }
  put(url, body = null, { headers = {}, timeout = 30 } = {}) { return http('PUT', url, body, headers, timeout); }
  delete(url, { headers = {}, timeout = 30 } = {}) { return http('DELETE', url, null, headers, timeout); }
}

function http(method, url, body, headers, timeout) {
  const answer = JSON.parse(globalThis.__tasker_http(method, url, JSON.stringify(headers),
    body === null || body === undefined ? null : JSON.stringify(toJson(body, 'body')), timeout));
  if (answer.ok) return answer.response;
  if (answer.retryable) throw new RetryableError(answer.message, { retryAfter: answer.retry_after ?? null });
  throw new PermanentError(answer.message);
}

/** Writes to the host's log, tagged with the task and step being run. */
export const logger = {
  debug: (message) => globalThis.__tasker_log('debug', String(message)),
  info: (message) => globalThis.__tasker_log('info', String(message)),
  warn: (message) => globalThis.__tasker_log('warn', String(message)),
  error: (message) => globalThis.__tasker_log('error', String(message)),
};

const registry = new Map();

/** The functional form: defineHandler('name', async (context) => result). */
export function defineHandler(name, fn) {
  registry.set(name, { fn });
  return fn;
}

function isHandlerClass(value) {
  return typeof value === 'function' && value.prototype instanceof StepHandler;
}

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
  const retryable = !(error instanceof PermanentError);
  return {
    success: false,
    error_type: type,
    message: isError ? error.message : String(error),
    retryable,
    retry_after_seconds: error?.retryAfter ?? null,
    error_code: error?.errorCode ?? null,
    metadata: error?.metadata ?? null,
    backtrace: isError && error.stack ? String(error.stack).split('\n').slice(1, 31).map((l) => l.trim()) : [],
  };
}

async function run(name, payloadJson) {
  const entry = registry.get(name);
  if (!entry) throw new PermanentError(`no JavaScript handler is registered as '${name}'`);
  const context = new StepContext(JSON.parse(payloadJson));
  let answer;
  if (entry.fn) {
    answer = await entry.fn(context);
  } else {
    const handler = new entry.cls();
    if (typeof handler.call === 'function') {
      answer = await handler.call(context);
    } else if (typeof handler.process === 'function') {
      const output = await handler.process(context);
      answer = typeof handler.processResults === 'function' ? await handler.processResults(output)
        : typeof handler.process_results === 'function' ? await handler.process_results(output) : output;
    } else {
      throw new PermanentError(`handler '${name}' has neither call(context) nor process(context)`);
    }
  }
  if (answer && answer[FAILURE]) {
    return { success: false, error_type: answer.errorType, message: answer.message, retryable: answer.retryable !== false,
      error_code: answer.errorCode, metadata: toJson(answer.metadata, 'metadata'), backtrace: [] };
  }
  if (answer && answer[SUCCESS]) {
    return { success: true, result: toJson(answer.result, 'result'), metadata: toJson(answer.metadata, 'metadata') };
  }
  return { success: true, result: toJson(answer, 'result'), metadata: null };
}

globalThis.__tasker = {
  /** Registers the handler classes a module exports, by export name and by static handlerName. */
  register(exports, file) {
    const names = [];
    for (const key of Object.keys(exports)) {
      const value = exports[key];
      if (isHandlerClass(value)) {
        const aliases = key === 'default' ? [value.name] : [key];
        if (value.handlerName) aliases.push(value.handlerName);
        for (const alias of aliases) {
          registry.set(alias, { cls: value, file });
          names.push(alias);
        }
      }
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
