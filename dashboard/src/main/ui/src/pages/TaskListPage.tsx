import { api, TASK_STATES, type TaskList, type Templates } from '../api';
import { usePoll } from '../poll';
import { href, navigate, onLink, queryString } from '../router';
import { label, StateBadge } from '../components/StateBadge';
import { ago } from '../time';

const PER_PAGE = 20;

export function TaskListPage({ query }: { query: URLSearchParams }) {
  const namespace = query.get('namespace') ?? '';
  const name = query.get('name') ?? '';
  const status = query.get('status') ?? '';
  const page = Number(query.get('page') ?? '1') || 1;
  const filter = { namespace, name, status, page: page > 1 ? page : undefined };

  const templates = usePoll(() => api<Templates>('/v1/templates'), [], null);
  const list = usePoll(
    () => api<TaskList>('/v1/tasks' + queryString({ namespace, name, status, page, per_page: PER_PAGE })),
    [namespace, name, status, page], 2000);

  const set = (change: Record<string, string | number | undefined>) =>
    navigate(href('/tasks', { ...filter, page: undefined, ...change }));

  const names = [...new Set((templates.data?.templates ?? [])
    .filter((t) => !namespace || t.namespace === namespace).map((t) => t.name))].sort();
  const counts = list.data?.state_counts ?? {};
  const countsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  const pagination = list.data?.pagination;

  return (
    <section>
      <div class="page-head">
        <h1>Tasks</h1>
        <div class="filters">
          <label>Namespace
            <select name="namespace" value={namespace} onChange={(e) => set({ namespace: e.currentTarget.value, name: undefined })}>
              <option value="">all</option>
              {(templates.data?.namespaces ?? []).map((n) => <option key={n.name} value={n.name}>{n.name}</option>)}
            </select>
          </label>
          <label>Template
            <select name="template" value={name} onChange={(e) => set({ name: e.currentTarget.value })}>
              <option value="">all</option>
              {names.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </label>
          <label>State
            <select name="status" value={status} onChange={(e) => set({ status: e.currentTarget.value })}>
              <option value="">all</option>
              {TASK_STATES.map((s) => <option key={s} value={s}>{label(s)}</option>)}
            </select>
          </label>
        </div>
      </div>

      <div class="state-counts" aria-label="tasks per state">
        <a href={href('/tasks', { namespace, name })} onClick={onLink} class={!status ? 'chip active' : 'chip'}>
          all <b>{countsTotal}</b>
        </a>
        {TASK_STATES.filter((s) => counts[s] || s === status).map((s) => (
          <a key={s} href={href('/tasks', { namespace, name, status: s })} onClick={onLink}
             class={`chip state-${s}${status === s ? ' active' : ''}`} data-count-state={s}>
            {label(s)} <b>{counts[s] ?? 0}</b>
          </a>
        ))}
      </div>

      {list.error && <p class="error-text" role="alert">Could not load the tasks: {list.error.message}</p>}
      {list.data && list.data.tasks.length === 0 && <p class="notice">No tasks match. Create one with <code>POST /v1/tasks</code> or <code>tasker task create</code>.</p>}
      {list.data && list.data.tasks.length > 0 && (
        <div class="table-wrap">
          <table class="tasks">
            <thead><tr><th>Task</th><th>Namespace</th><th>State</th><th>Steps</th><th>Created</th></tr></thead>
            <tbody>
              {list.data.tasks.map((t) => (
                <tr key={t.task_uuid} data-task={t.task_uuid}>
                  <td>
                    <a href={href(`/tasks/${t.task_uuid}`)} onClick={onLink}>{t.name}</a>
                    <span class="muted small"> v{t.version} · {t.task_uuid.slice(0, 8)}</span>
                  </td>
                  <td>{t.namespace}</td>
                  <td><StateBadge state={t.status} /></td>
                  <td>
                    <progress max={t.total_steps || 1} value={t.completed_steps} />
                    <span class="small"> {t.completed_steps}/{t.total_steps}{t.failed_steps ? `, ${t.failed_steps} failed` : ''}</span>
                  </td>
                  <td title={t.created_at}>{ago(t.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pagination && pagination.total_pages > 1 && (
        <div class="pager">
          <button type="button" disabled={!pagination.has_previous} onClick={() => navigate(href('/tasks', { ...filter, page: page - 1 }))}>← Newer</button>
          <span>page {pagination.page} of {pagination.total_pages} ({pagination.total_count} tasks)</span>
          <button type="button" disabled={!pagination.has_next} onClick={() => navigate(href('/tasks', { ...filter, page: page + 1 }))}>Older →</button>
        </div>
      )}
    </section>
  );
}
