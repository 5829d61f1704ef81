import { api, type DlqEntry } from '../api';
import { usePoll } from '../poll';
import { href, onLink } from '../router';
import { ago } from '../time';

export function DeadLettersPage() {
  const entries = usePoll(() => api<DlqEntry[]>('/v1/dlq?limit=100'), [], 5000);
  if (entries.error && !entries.data) return <p class="error-text" role="alert">Could not load the dead letters: {entries.error.message}</p>;
  if (!entries.data) return <p class="muted">Loading…</p>;
  return (
    <section>
      <div class="page-head"><h1>Dead letters</h1></div>
      <p class="muted small">Tasks that need a person: blocked by failures, or stuck past their staleness thresholds. An entry never changes its task; act on the task's steps.</p>
      {entries.data.length === 0 ? <p class="notice">The dead-letter queue is empty.</p> : (
        <div class="card table-wrap">
          <table>
            <thead><tr><th>Task</th><th>Reason</th><th>State then</th><th>Resolution</th><th>Since</th></tr></thead>
            <tbody>
              {entries.data.map((e) => (
                <tr key={e.dlq_entry_uuid} data-dlq-task={e.task_uuid}>
                  <td><a href={href(`/tasks/${e.task_uuid}`)} onClick={onLink}><code>{e.task_uuid.slice(0, 8)}</code></a></td>
                  <td>{e.dlq_reason}</td><td>{e.original_state}</td>
                  <td>{e.resolution_status}{e.resolved_by ? ` by ${e.resolved_by}` : ''}{e.resolution_notes ? `: ${e.resolution_notes}` : ''}</td>
                  <td title={e.dlq_timestamp}>{ago(e.dlq_timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
