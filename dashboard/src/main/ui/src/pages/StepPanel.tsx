import { useState } from 'preact/hooks';
import { api, ENDED_TASK_STATES, type AuditEntry, type Step, type Task } from '../api';
import { useAction } from '../action';
import { usePoll } from '../poll';
import { Confirm } from '../components/Confirm';
import { Json } from '../components/Json';
import { label, StateBadge } from '../components/StateBadge';
import { errorLocation } from '../errors';
import { ago } from '../time';

type ActionType = 'reset_for_retry' | 'resolve_manually' | 'complete_manually';

const ACTIONS: { type: ActionType; title: string; button: string; explain: string; from: string[] }[] = [
  { type: 'reset_for_retry', title: 'Retry', button: 'Retry the step', from: ['error'],
    explain: 'The step goes back to pending with its attempts reset and runs again; the task carries on from there.' },
  { type: 'resolve_manually', title: 'Resolve', button: 'Mark resolved', from: ['pending', 'waiting_for_retry', 'error'],
    explain: 'The step counts as done without a result; its dependents run and read nothing from it.' },
  { type: 'complete_manually', title: 'Complete', button: 'Complete with this result', from: ['pending', 'waiting_for_retry', 'error'],
    explain: 'The step is complete with the result below, which its dependents read.' },
];

export function StepPanel({ task, step, polling, onChanged, onClose }:
  { task: Task; step: Step; polling: boolean; onChanged: () => void; onClose: () => void }) {
  const audit = usePoll(
    () => api<AuditEntry[]>(`/v1/tasks/${task.task_uuid}/workflow_steps/${step.step_uuid}/audit`),
    [step.step_uuid, step.current_state, step.attempts], polling ? 3000 : null);
  const [action, setAction] = useState<ActionType | null>(null);
  const [result, setResult] = useState('{}');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const location = step.error ? errorLocation(step.error) : null;
  const chosen = ACTIONS.find((a) => a.type === action);
  const allowed = ENDED_TASK_STATES.includes(task.status) ? [] : ACTIONS.filter((a) => a.from.includes(step.current_state));

  const act = async () => {
    if (!action) return;
    const body: Record<string, unknown> = { action_type: action };
    if (reason.trim()) body.reason = reason.trim();
    if (action === 'complete_manually') {
      try {
        body.completion_data = { result: JSON.parse(result) };
      } catch (e) {
        setError(`The result is not JSON: ${(e as Error).message}`);
        return;
      }
    }
    await run(async () => {
      await api(`/v1/tasks/${task.task_uuid}/workflow_steps/${step.step_uuid}`, { method: 'PATCH', body });
      setAction(null);
      setReason('');
      onChanged();
    });
  };

  return (
    <aside class="card step-panel" aria-label={`step ${step.name}`} data-step-panel={step.name}>
      <div class="panel-head">
        <h2>{step.name} <StateBadge state={step.current_state} /></h2>
        <button type="button" class="link" onClick={onClose} aria-label="close the step">✕</button>
      </div>
      <dl class="facts">
        <dt>Attempts</dt><dd>{step.attempts} of {step.max_attempts}</dd>
        {step.last_attempted_at && <><dt>Last attempt</dt><dd title={step.last_attempted_at}>{ago(step.last_attempted_at)}</dd></>}
        {step.next_retry_at && <><dt>Next retry</dt><dd>{step.next_retry_at}</dd></>}
        <dt>Step</dt><dd><code class="small">{step.step_uuid}</code></dd>
      </dl>

      {step.error && (
        <div class="step-error" role="group" aria-label="error">
          <h3>Error</h3>
          <p class="error-message">{step.error.error_type ? <b>{step.error.error_type}: </b> : null}{step.error.message ?? 'failed'}</p>
          <p class="small">
            {step.error.language && <span class="pill">{step.error.language}</span>}
            {step.error.handler && <> handler <code>{step.error.handler}</code></>}
            {location && <> at <code class="error-location">{location.file}:{location.line}</code></>}
            {step.error.retryable === false && <> · not retryable</>}
          </p>
          {step.error.backtrace && step.error.backtrace.length > 0 && (
            <details><summary>Backtrace</summary><pre class="json">{step.error.backtrace.join('\n')}</pre></details>
          )}
        </div>
      )}

      <h3>Result</h3>
      <Json value={step.result} />
      <h3>Inputs</h3>
      <Json value={step.inputs} empty="{}" />

      {allowed.length > 0 && (
        <div class="step-actions">
          <h3>Operator actions</h3>
          {allowed.map((a) => (
            <button key={a.type} type="button" data-action={a.type} onClick={() => { setError(null); setAction(a.type); }}>{a.title}</button>
          ))}
        </div>
      )}

      <h3>History</h3>
      {audit.error && <p class="error-text">{audit.error.message}</p>}
      <ol class="audit">
        {(audit.data ?? []).map((entry, i) => (
          <li key={i}>
            <span class="muted small" title={entry.recorded_at}>{ago(entry.recorded_at)}</span>{' '}
            {entry.from_state ? label(entry.from_state) : 'created'} → <b>{label(entry.to_state)}</b>
            {entry.attempt > 0 && <span class="small"> · attempt {entry.attempt}</span>}
            {entry.execution_time_ms !== null && <span class="small"> · {entry.execution_time_ms} ms</span>}
            {entry.worker_uuid && <span class="small muted"> · {entry.worker_uuid}</span>}
            {entry.reason && <div class="small muted">{entry.reason}</div>}
          </li>
        ))}
      </ol>

      {chosen && (
        <Confirm title={`${chosen.title} ${step.name}?`} confirmLabel={chosen.button} busy={busy} error={error}
                 onConfirm={act} onCancel={() => setAction(null)}>
          <p>{chosen.explain}</p>
          {chosen.type === 'complete_manually' && (
            <label class="block">Result (JSON)
              <textarea name="result" rows={4} value={result} onInput={(e) => setResult(e.currentTarget.value)} />
            </label>
          )}
          <label class="block">Reason (recorded in the step's history)
            <input name="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} placeholder="optional" />
          </label>
        </Confirm>
      )}
    </aside>
  );
}
