import { useState } from 'preact/hooks';
import { api, ApiError, ENDED_TASK_STATES, type Task } from '../api';
import { useAction } from '../action';
import { usePoll } from '../poll';
import { href, navigate, onLink } from '../router';
import { Dag } from '../components/Dag';
import { Confirm } from '../components/Confirm';
import { Json } from '../components/Json';
import { StateBadge } from '../components/StateBadge';
import { ago, between } from '../time';
import { StepPanel } from './StepPanel';

/** How often a task is read again: every second while it runs, slower while it waits for an operator, never once done. */
function pollInterval(task: Task | null) {
  if (!task) return 1000;
  if (ENDED_TASK_STATES.includes(task.status)) return null;
  return task.status === 'blocked_by_failures' || task.status === 'error' ? 3000 : 1000;
}

export function TaskPage({ taskUuid, query }: { taskUuid: string; query: URLSearchParams }) {
  const [pollMs, setPollMs] = useState<number | null>(1000);
  const task = usePoll(async () => {
    const loaded = await api<Task>(`/v1/tasks/${encodeURIComponent(taskUuid)}`);
    setPollMs(pollInterval(loaded));
    return loaded;
  }, [taskUuid], pollMs);
  const [cancelling, setCancelling] = useState(false);
  const cancellation = useAction();
  const selected = query.get('step');
  const narrow = typeof window !== 'undefined' && window.innerWidth < 700;

  if (task.error && !task.data) {
    const missing = task.error instanceof ApiError && (task.error.status === 404 || task.error.status === 400);
    return <p class="error-text" role="alert">{missing ? `No task ${taskUuid}: ${task.error.message}` : `Could not load the task: ${task.error.message}`}</p>;
  }
  if (!task.data) return <p class="muted">Loading…</p>;
  const t = task.data;
  const step = t.steps.find((s) => s.name === selected) ?? null;
  const select = (name: string) => navigate(href(`/tasks/${taskUuid}`, { step: name === selected ? undefined : name }), true);
  const afterAction = () => {
    setPollMs(1000);
    task.refresh();
  };

  const cancel = () => cancellation.run(async () => {
    await api(`/v1/tasks/${taskUuid}`, { method: 'DELETE' });
    setCancelling(false);
    afterAction();
  });

  return (
    <section class="task-page">
      <div class="page-head">
        <div>
          <p class="crumbs"><a href={href('/tasks', { namespace: t.namespace })} onClick={onLink}>{t.namespace}</a> /
            {' '}<a href={href('/tasks', { namespace: t.namespace, name: t.name })} onClick={onLink}>{t.name}</a> v{t.version}</p>
          <h1>{t.name} <StateBadge state={t.status} /></h1>
          <p class="muted small"><code>{t.task_uuid}</code> · created {ago(t.created_at)}
            {t.completed_at && <> · took {Math.max(0, between(t.created_at, t.completed_at) ?? 0)} ms</>}
            {' '}· {t.completed_steps}/{t.total_steps} steps complete</p>
        </div>
        {!ENDED_TASK_STATES.includes(t.status) && (
          <button type="button" class="danger" onClick={() => { cancellation.setError(null); setCancelling(true); }}>Cancel task</button>
        )}
      </div>
      {task.error && <p class="error-text" role="alert">Lost touch with the server: {task.error.message}</p>}

      <div class={step ? 'task-body with-step' : 'task-body'}>
        <div class="graph-card card">
          <h2>Steps</h2>
          <Dag vertical={narrow}
               nodes={t.steps.map((s) => ({ id: s.name, title: s.name, state: s.current_state,
                 subtitle: `${s.current_state.replaceAll('_', ' ')}${s.attempts > 1 ? ` · try ${s.attempts}` : ''}` }))}
               edges={t.steps.flatMap((s) => (s.parents ?? []).map((p) => ({ from: p, to: s.name })))}
               selected={selected} onSelect={select} />
          <p class="muted small">Select a step for its inputs, result, error and history.</p>
        </div>
        {step && <StepPanel task={t} step={step} polling={pollMs !== null} onChanged={afterAction} onClose={() => select(step.name)} />}
      </div>

      <div class="card">
        <h2>Context</h2>
        <Json value={t.context} empty="{}" />
      </div>

      {cancelling && (
        <Confirm title={`Cancel ${t.name}?`} confirmLabel="Cancel the task" danger busy={cancellation.busy} error={cancellation.error}
                 onConfirm={cancel} onCancel={() => setCancelling(false)}>
          <p>The steps that have not finished are cancelled, and no more of its steps start.</p>
        </Confirm>
      )}
    </section>
  );
}
