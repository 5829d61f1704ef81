// Types of Tasker's handler API for TypeScript and JavaScript handlers ('@tasker-systems/tasker', alias 'tasker').
// Copy next to your handlers (or point "paths" in tsconfig.json at it) so that editors complete the API.
declare module '@tasker-systems/tasker' {
  export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

  export interface StepResultSuccess { readonly result: unknown; readonly metadata: unknown }
  export interface StepResultFailure {
    readonly message: string; readonly errorType: string; readonly retryable: boolean;
    readonly metadata: unknown; readonly errorCode: string | null;
  }
  export type StepResult = StepResultSuccess | StepResultFailure;

  export const StepHandlerResult: {
    success(result?: unknown, metadata?: unknown): StepResultSuccess;
    failure(message: string, errorType?: string, retryable?: boolean, metadata?: unknown, errorCode?: string | null): StepResultFailure;
  };

  export class PermanentError extends Error {
    constructor(message: string, options?: { errorCode?: string; metadata?: unknown });
    readonly errorCode: string | null;
    readonly metadata: unknown;
  }

  export class RetryableError extends Error {
    /** retryAfter: seconds before the next attempt; wins over the step's backoff. */
    constructor(message: string, options?: { retryAfter?: number; errorCode?: string; metadata?: unknown });
    readonly retryAfter: number | null;
  }

  export class StepContext {
    readonly taskUuid: string;
    readonly stepUuid: string;
    readonly stepName: string;
    readonly namespaceName: string;
    readonly inputData: Record<string, Json>;
    readonly stepInputs: Record<string, Json>;
    readonly stepConfig: Record<string, Json>;
    readonly dependencyResults: Record<string, Json>;
    /** Earlier attempts of this step: 0 on the first run. */
    readonly retryCount: number;
    readonly maxRetries: number;
    readonly checkpoint: Json | null;
    getInput<T = Json>(key: string): T | null;
    getInputOr<T = Json>(key: string, fallback: T): T;
    getConfig<T = Json>(key: string): T | null;
    /** Exactly what that step's handler returned as its result. */
    getDependencyResult<T = Json>(stepName: string): T | null;
    getDependencyField<T = Json>(stepName: string, ...path: (string | number)[]): T | null;
    isRetry(): boolean;
    isLastRetry(): boolean;
    /** A convergence step's view of a batch: the results of `${workerTemplate}_001`, `_002`, … in order. */
    getBatchResults(workerTemplate: string): Json[];
    /** Saves progress now; a retry of this step starts with it as `checkpoint`. */
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
    readonly logger: Logger;
    /** Starts a child task of a registered template; this step completes with the child's result when it ends. */
    startSubWorkflow(namespace: string, name: string, context?: Record<string, Json>, version?: string | null): StepResultSuccess;
    call?(context: StepContext): unknown | Promise<unknown>;
    process?(context: StepContext): unknown | Promise<unknown>;
    processResults?(output: unknown): unknown | Promise<unknown>;
    success(result?: unknown, metadata?: unknown): StepResultSuccess;
    failure(message: string, errorType?: string, retryable?: boolean, metadata?: unknown, errorCode?: string | null): StepResultFailure;
  }

  export interface ApiResponse { status: number; headers: Record<string, string>; body: Json }
  export interface ApiOptions { headers?: Record<string, string>; timeout?: number }
  /** HTTP through the host: 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx PermanentError. */
  export abstract class ApiHandler extends StepHandler {
    get(url: string, options?: ApiOptions): ApiResponse;
    post(url: string, body?: unknown, options?: ApiOptions): ApiResponse;
    put(url: string, body?: unknown, options?: ApiOptions): ApiResponse;
    delete(url: string, options?: ApiOptions): ApiResponse;
  }

  export abstract class DecisionHandler extends StepHandler {
    decisionSuccess(stepNames: string[], routingContext?: Record<string, Json>): StepResultSuccess;
    skipBranches(reason?: string | null): StepResultSuccess;
  }

  export interface CursorConfig { batch_id: string; start_cursor: number; end_cursor: number; batch_size: number }

  export abstract class BatchableHandler extends StepHandler {
    createCursorConfigs(totalItems: number, batchSize: number): CursorConfig[];
    batchSuccess(workerTemplateName: string, totalItems: number, batchSize: number): StepResultSuccess;
    batchWorkerSuccess(itemsProcessed: number, results?: Record<string, Json>): StepResultSuccess;
  }

  /** The functional form: defineHandler('name', async (context) => result). */
  export function defineHandler(name: string, fn: (context: StepContext) => unknown | Promise<unknown>): typeof fn;
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
