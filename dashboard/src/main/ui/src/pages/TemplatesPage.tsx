import { api, type Templates } from '../api';
import { usePoll } from '../poll';
import { href, onLink } from '../router';
import { Dag } from '../components/Dag';

export function TemplatesPage({ query }: { query: URLSearchParams }) {
  const templates = usePoll(() => api<Templates>('/v1/templates'), [], 10000);
  const chosen = query.get('template');
  if (templates.error && !templates.data) return <p class="error-text" role="alert">Could not load the templates: {templates.error.message}</p>;
  if (!templates.data) return <p class="muted">Loading…</p>;
  const all = templates.data.templates;
  const key = (t: { namespace: string; name: string; version: string }) => `${t.namespace}/${t.name}/${t.version}`;
  const template = all.find((t) => key(t) === chosen) ?? null;

  return (
    <section>
      <div class="page-head"><h1>Templates</h1></div>
      <div class={template ? 'split' : ''}>
        <div class="card">
          {templates.data.namespaces.map((ns) => (
            <div key={ns.name} class="namespace">
              <h2>{ns.name}</h2>
              <ul class="plain">
                {all.filter((t) => t.namespace === ns.name).map((t) => (
                  <li key={key(t)} class={key(t) === chosen ? 'active' : ''}>
                    <a href={href('/templates', { template: key(t) })} onClick={onLink}>{t.name}</a>
                    <span class="muted small"> v{t.version} · {t.steps.length} steps</span>
                    {t.description && <div class="small muted">{t.description}</div>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {all.length === 0 && <p class="notice">No templates are registered. Put a template YAML file in a handler folder.</p>}
        </div>
        {template && (
          <div class="card template-detail" data-template={key(template)}>
            <h2>{template.name} <span class="muted small">v{template.version}</span></h2>
            {template.source_file && <p class="small muted"><code>{template.source_file}</code></p>}
            <Dag nodes={template.steps.map((s) => ({ id: s.name, title: s.name, subtitle: s.callable }))}
                 edges={template.steps.flatMap((s) => s.dependencies.map((d) => ({ from: d, to: s.name })))} />
            <div class="table-wrap">
              <table>
                <thead><tr><th>Step</th><th>Handler</th><th>Kind</th><th>Attempts</th><th>After</th></tr></thead>
                <tbody>
                  {template.steps.map((s) => (
                    <tr key={s.name}><td>{s.name}</td><td><code>{s.callable}</code></td><td>{s.type}</td>
                      <td>{s.default_max_attempts}{s.default_retryable ? '' : ' (no retry)'}</td><td>{s.dependencies.join(', ')}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p><a href={href('/tasks', { namespace: template.namespace, name: template.name })} onClick={onLink}>Its tasks →</a></p>
          </div>
        )}
      </div>
    </section>
  );
}
