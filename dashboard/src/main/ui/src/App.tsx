import { useEffect, useState } from 'preact/hooks';
import { apiKey, UNAUTHORIZED_EVENT } from './api';
import { href, onLink, useRoute } from './router';
import { TaskListPage } from './pages/TaskListPage';
import { TaskPage } from './pages/TaskPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { HandlersPage } from './pages/HandlersPage';
import { DeadLettersPage } from './pages/DeadLettersPage';

const SECTIONS = [
  { path: '/tasks', title: 'Tasks' },
  { path: '/templates', title: 'Templates' },
  { path: '/handlers', title: 'Handlers' },
  { path: '/dlq', title: 'Dead letters' },
];

export function App() {
  const route = useRoute();
  const [askKey, setAskKey] = useState(false);
  const [keyVersion, setKeyVersion] = useState(0);

  useEffect(() => {
    const ask = () => setAskKey(true);
    window.addEventListener(UNAUTHORIZED_EVENT, ask);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, ask);
  }, []);

  const section = route.path[0] ?? 'tasks';
  let page;
  if (section === 'tasks' && route.path[1]) page = <TaskPage taskUuid={route.path[1]} query={route.query} />;
  else if (section === 'tasks') page = <TaskListPage query={route.query} />;
  else if (section === 'templates') page = <TemplatesPage query={route.query} />;
  else if (section === 'handlers') page = <HandlersPage />;
  else if (section === 'dlq') page = <DeadLettersPage />;
  else page = <p class="notice">No page at {location.pathname}. <a href={href('/tasks')} onClick={onLink}>The tasks</a></p>;

  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href={href('/tasks')} onClick={onLink}>Tasker</a>
        <nav>
          {SECTIONS.map((s) => (
            <a key={s.path} href={href(s.path)} onClick={onLink} class={`/${section}` === s.path ? 'active' : ''}>{s.title}</a>
          ))}
        </nav>
        <button type="button" class="link key-button" onClick={() => setAskKey(true)}>
          {apiKey.get() ? 'API key ✓' : 'API key'}
        </button>
      </header>
      {askKey && <KeyPrompt onDone={() => { setAskKey(false); setKeyVersion((v) => v + 1); }} />}
      <main key={keyVersion}>{page}</main>
    </div>
  );
}

function KeyPrompt({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState(apiKey.get() ?? '');
  const save = (e: Event) => {
    e.preventDefault();
    if (value.trim()) apiKey.set(value.trim());
    else apiKey.clear();
    onDone();
  };
  return (
    <form class="key-prompt" onSubmit={save}>
      <label>
        This server needs an API key (one of <code>TASKER_API_KEYS</code>). It stays in this browser.
        <input type="password" name="api-key" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)}
               placeholder="API key" autoFocus />
      </label>
      <button type="submit" class="primary">Use this key</button>
    </form>
  );
}
