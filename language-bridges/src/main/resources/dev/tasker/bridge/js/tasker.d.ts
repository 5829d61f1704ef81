// Types of Tasker's handler API for TypeScript and JavaScript handlers ('@tasker-systems/tasker', alias 'tasker').
// Copy next to your handlers (or point "paths" in tsconfig.json at it) so that editors complete the API.
declare module '@tasker-systems/tasker' {
  export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
  type Obj = Record<string, unknown>;

  export const ErrorType: {
    readonly PERMANENT_ERROR: 'permanent_error'; readonly RETRYABLE_ERROR: 'retryable_error';
    readonly VALIDATION_ERROR: 'validation_error'; readonly TIMEOUT: 'timeout'; readonly HANDLER_ERROR: 'handler_error';
  };

  export class StepHandlerResult {
    readonly success: boolean;
    readonly result: unknown;
    readonly errorMessage: string | null;
    readonly errorType: string | null;
    readonly errorCode: string | null;
    readonly retryable: boolean;
    readonly metadata: Obj;
    static success(result?: unknown, metadata?: Obj): StepHandlerResult;
    static failure(message: string, errorType?: string, retryable?: boolean, metadata?: Obj, errorCode?: string | null): StepHandlerResult;
    isSuccess(): boolean;
    isFailure(): boolean;
    toJSON(): Obj;
  }
  export type BatchableResult = StepHandlerResult;

  /** Tasker's (message, metadata), or (message, { errorCode, metadata }). */
  export class PermanentError extends Error {
    constructor(message: string, metadataOrOptions?: Obj);
    readonly errorCode: string | null;
    readonly metadata: unknown;
  }

  export class RetryableError extends Error {
    /** retryAfter: seconds before the next attempt; wins over the step's backoff. */
    constructor(message: string, metadataOrOptions?: Obj);
    readonly retryAfter: number | null;
  }

  export class StepContext {
    readonly taskUuid: string;
    readonly stepUuid: string;
    readonly correlationId: string;
    readonly handlerName: string | null;
    readonly stepName: string;
    readonly namespaceName: string;
    /** The task's context. */
    readonly inputData: Record<string, Json>;
    /** The step's own inputs (a batch worker's cursor). */
    readonly stepInputs: Record<string, Json>;
    /** The template's handler.initialization. */
    readonly stepConfig: Record<string, Json>;
    /** Every completed ancestor's result envelope: { result, success, status, metadata }. */
    readonly dependencyResults: Record<string, { result: Json; success: boolean; status: string; metadata: Obj }>;
    /** Earlier attempts of this step: 0 on the first run. */
    readonly retryCount: number;
    readonly maxRetries: number;
    readonly checkpoint: Obj | null;
    readonly checkpointCursor: unknown;
    readonly checkpointItemsProcessed: number;
    readonly accumulatedResults: Obj | null;
    /** undefined when the task's context has no such key. */
    getInput<T = Json>(key: string): T | undefined;
    getInputOr<T = Json>(key: string, fallback: T): T;
    getConfig<T = Json>(key: string): T | undefined;
    /** Exactly what that step's handler returned as its result (any ancestor); null if none. */
    getDependencyResult<T = Json>(stepName: string): T | null;
    getDependencyField<T = Json>(stepName: string, ...path: (string | number)[]): T | null;
    getDependencyResultKeys(): string[];
    getAllDependencyResults(prefix: string): Json[];
    isRetry(): boolean;
    isLastRetry(): boolean;
    hasCheckpoint(): boolean;
    /** A convergence step's view of a batch: the results of `${workerTemplate}_001`, `_002`, … in order. */
    getBatchResults(workerTemplate: string): Json[];
    /** Saves progress now and goes on; a retry of this step starts with it as `checkpoint`. */
    checkpointYield(cursor: Json, itemsProcessed: number, accumulatedResults?: Json): void;
  }

  /** Writes to the host's log, tagged with the task, step and handler. */
  export interface Logger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  }
  export const logger: Logger;

  export abstract class StepHandler {
    static handlerName: string | null;
    static handlerVersion: string;
    readonly name: string;
    readonly version: string;
    readonly capabilities: string[];
    readonly logger: Logger;
    /** Starts a child task of a registered template; this step completes with the child's result when it ends. */
    startSubWorkflow(namespace: string, name: string, context?: Record<string, Json>, version?: string | null): StepHandlerResult;
    call?(context: StepContext): unknown | Promise<unknown>;
    process?(context: StepContext): unknown | Promise<unknown>;
    processResults?(output: unknown): unknown | Promise<unknown>;
    success(result?: unknown, metadata?: Obj): StepHandlerResult;
    failure(message: string, errorType?: string, retryable?: boolean, metadata?: Obj, errorCode?: string | null): StepHandlerResult;
  }

  export interface ApiResponse { status: number; headers: Record<string, string>; body: Json }
  export interface ApiOptions { headers?: Record<string, string>; timeout?: number }
  /** HTTP through the host: 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx PermanentError. */
  export abstract class ApiHandler extends StepHandler {
    get(url: string, options?: ApiOptions): ApiResponse;
    post(url: string, body?: unknown, options?: ApiOptions): ApiResponse;
    put(url: string, body?: unknown, options?: ApiOptions): ApiResponse;
    patch(url: string, body?: unknown, options?: ApiOptions): ApiResponse;
    delete(url: string, options?: ApiOptions): ApiResponse;
  }

  export abstract class DecisionHandler extends StepHandler {
    decisionSuccess(steps: string[], routingContext?: Obj, metadata?: Obj): StepHandlerResult;
    skipBranches(reason?: string | null, routingContext?: Obj, metadata?: Obj): StepHandlerResult;
    decisionFailure(message: string, errorType?: string, retryable?: boolean, metadata?: Obj): StepHandlerResult;
  }

  export interface BatchWorkerConfig {
    batch_id: string; cursor_start: number; cursor_end: number; row_count: number; worker_index: number; total_workers: number;
  }
  export interface BatchWorkerContext {
    batchId: string; startCursor: number; endCursor: number; stepSize: number; batchMetadata: Obj;
    checkpointCursor: unknown; accumulatedResults: Obj | undefined; checkpointItemsProcessed: number; hasCheckpoint(): boolean;
  }
  export abstract class BatchableStepHandler extends StepHandler {
    createCursorConfigs(totalItems: number, workerCount: number): BatchWorkerConfig[];
    /** Tasker's (name, configs, metadata), or this project's (name, totalItems, batchSize). */
    batchSuccess(workerTemplateName: string, batchConfigs: BatchWorkerConfig[] | number, metadata?: Obj | number): StepHandlerResult;
    noBatchesResult(reason?: string, metadata?: Obj): StepHandlerResult;
    batchWorkerSuccess(outcome: Obj | number, metadata?: Obj): StepHandlerResult;
    getBatchContext(context: StepContext): BatchWorkerContext | null;
    getBatchWorkerInputs(context: StepContext): Obj | null;
    handleNoOpWorker(context: StepContext): StepHandlerResult | null;
    /** Saves the checkpoint and runs this step again from it at once, without spending an attempt. */
    checkpointYield(cursor: unknown, itemsProcessed: number, accumulatedResults?: Obj): StepHandlerResult;
  }
  export { BatchableStepHandler as BatchableHandler };

  export class Decision {
    static route(steps: string[], routingContext?: Obj): Decision;
    static skip(reason: string, routingContext?: Obj): Decision;
  }
  export interface HandlerOptions { depends?: Record<string, string>; inputs?: Record<string, string>; version?: string }
  export type HandlerArgs = { context: StepContext } & Record<string, any>;
  export type HandlerClass = new () => StepHandler;

  /** Tasker's defineHandler(name, options, async (args) => result), or defineHandler(name, async (context) => result). */
  export function defineHandler(name: string, options: HandlerOptions, fn: (args: HandlerArgs) => unknown): HandlerClass;
  export function defineHandler(name: string, fn: (context: StepContext) => unknown): HandlerClass;
  export function defineDecisionHandler(name: string, options: HandlerOptions, fn: (args: HandlerArgs) => unknown): HandlerClass;
  export function defineBatchAnalyzer(name: string, options: HandlerOptions & { workerTemplate: string },
    fn: (args: HandlerArgs) => unknown): HandlerClass;
  export function defineBatchWorker(name: string, options: HandlerOptions,
    fn: (args: HandlerArgs & { batchContext: BatchWorkerContext | null }) => unknown): HandlerClass;
}

declare module 'tasker' {
  export * from '@tasker-systems/tasker';
}

// A read-only `fs`: files below the handler directories, as UTF-8 text. Relative paths are relative to the
// first handler directory; `import.meta.url` names the handler file itself.
declare module 'fs' {
  export function readFileSync(path: string | { href: string }, options?: unknown): string;
  export function existsSync(path: string | { href: string }): boolean;
}

declare module 'node:fs' {
  export * from 'fs';
}

/** A handler module's own file, as a file: URL. */
interface ImportMeta {
  readonly url: string;
}
