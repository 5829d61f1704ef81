import { useState } from 'preact/hooks';
import { api, type Handlers } from '../api';
import { usePoll } from '../poll';

export function HandlersPage() {
  const handlers = usePoll(() => api<Handlers>('/v1/handlers'), [], 10000);
  const [language, setLanguage] = useState('');
  if (handlers.error && !handlers.data) return <p class="error-text" role="alert">Could not load the handlers: {handlers.error.message}</p>;
  if (!handlers.data) return <p class="muted">Loading…</p>;
  const { languages, problems } = handlers.data;
  const perLanguage = new Map<string, number>();
  for (const h of handlers.data.handlers) perLanguage.set(h.language, (perLanguage.get(h.language) ?? 0) + 1);
  const shown = handlers.data.handlers.filter((h) => !language || h.language === language);

  return (
    <section>
      <div class="page-head"><h1>Handlers</h1></div>
      <div class="card problems" data-problems={problems.length}>
        <h2>Load problems</h2>
        {problems.length === 0 ? <p class="muted">Every handler file and template loaded.</p> : (
          <ul class="problem-list">{problems.map((p, i) => <li key={i}><code>{p}</code></li>)}</ul>
        )}
      </div>
      <div class="languages">
        {[...perLanguage.keys()].sort().map((name) => (
          <button type="button" key={name} class={`card language${language === name ? ' active' : ''}`}
                  onClick={() => setLanguage(language === name ? '' : name)} data-language={name}>
            <b>{name}</b>
            <span>{perLanguage.get(name)} handlers</span>
            {languages[name] && <span class="small muted">{languages[name].contexts} contexts ({languages[name].idle_contexts} idle) · ready in {(languages[name].startup_ms / 1000).toFixed(1)} s</span>}
          </button>
        ))}
      </div>
      <div class="card table-wrap">
        <table>
          <thead><tr><th>Callable</th><th>Language</th><th>File</th></tr></thead>
          <tbody>
            {shown.map((h) => (
              <tr key={`${h.language}:${h.callable}`} data-handler={h.callable}><td><code>{h.callable}</code></td><td>{h.language}</td>
                <td class="small">{h.files.map((f) => <div key={f}><code>{f}</code></div>)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
