// The REST API the dashboard reads and acts through: the same routes, keys and errors as any client's.

const KEY_STORAGE = 'tasker.apiKey';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export const apiKey = {
  get: () => localStorage.getItem(KEY_STORAGE),
  set: (key: string) => localStorage.setItem(KEY_STORAGE, key),
  clear: () => localStorage.removeItem(KEY_STORAGE),
};

/** Fired when the server asks for an API key (401), so the page can ask the user for one. */
export const UNAUTHORIZED_EVENT = 'tasker:unauthorized';

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = apiKey.get();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    const error = body?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? (text || response.statusText));
  }
  return body as T;
}

export interface StepError {
  message?: string;
  error_type?: string;
  language?: string;
  handler?: string;
  backtrace?: string[];
  retryable?: boolean;
  [field: string]: unknown;
}

export interface Step {
  step_uuid: string;
  name: string;
  current_state: string;
  parents?: string[];
  attempts: number;
  max_attempts: number;
  last_attempted_at: string | null;
  next_retry_at: string | null;
  inputs: unknown;
  result: unknown;
  error: StepError | null;
  started_at: string | null;
  completed_at: string | null;
}

export interface Task {
  task_uuid: string;
  namespace: string;
  name: string;
  version: string;
  status: string;
  total_steps: number;
  completed_steps: number;
  failed_steps: number;
  in_progress_steps: number;
  context: unknown;
  created_at: string;
  completed_at: string | null;
  steps: Step[];
}

export interface TaskList {
  tasks: Task[];
  pagination: { page: number; per_page: number; total_count: number; total_pages: number; has_next: boolean; has_previous: boolean };
  state_counts: Record<string, number>;
}

export interface AuditEntry {
  from_state: string | null;
  to_state: string;
  attempt: number;
  worker_uuid: string | null;
  reason: string | null;
  recorded_at: string;
  success: boolean;
  result: unknown;
  execution_time_ms: number | null;
}

export interface TemplateStep {
  name: string;
  description: string | null;
  type: string;
  callable: string;
  dependencies: string[];
  default_retryable: boolean;
  default_max_attempts: number;
}

export interface Template {
  namespace: string;
  name: string;
  version: string;
  description: string | null;
  source_file: string | null;
  steps: TemplateStep[];
}

export interface Templates {
  namespaces: { name: string; template_count: number }[];
  templates: Template[];
}

export interface Handlers {
  handlers: { callable: string; language: string; files: string[] }[];
  languages: Record<string, { startup_ms: number; contexts: number; idle_contexts: number }>;
  problems: string[];
}

export interface DlqEntry {
  dlq_entry_uuid: string;
  task_uuid: string;
  original_state: string;
  dlq_reason: string;
  dlq_timestamp: string;
  resolution_status: string;
  resolution_notes: string | null;
  resolved_by: string | null;
}

export const TASK_STATES = ['pending', 'steps_in_process', 'waiting_for_retry', 'blocked_by_failures', 'complete', 'error', 'cancelled', 'resolved_manually'];
/** States after which nothing more happens to a task, nor may an operator change its steps. */
export const ENDED_TASK_STATES = ['complete', 'cancelled', 'resolved_manually'];
