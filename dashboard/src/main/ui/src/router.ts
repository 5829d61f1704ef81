import { useEffect, useState } from 'preact/hooks';

// Every page has its own address under /ui (a task's is /ui/tasks/{task_uuid}), so a link can be shared.
export const BASE = '/ui';

export interface Route {
  path: string[];
  query: URLSearchParams;
}

function current(): Route {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: rest.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(location.search) };
}

const NAVIGATED = 'tasker:navigated';

export function navigate(to: string, replace = false) {
  const target = to.startsWith(BASE) ? to : BASE + to;
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATED));
}

type Query = Record<string, string | number | undefined | null>;

/** "?a=1&b=2" of the query's non-empty values, or "". */
export function queryString(query: Query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A path under /ui with the query's non-empty values. */
export function href(path: string, query: Query = {}) {
  return BASE + path + queryString(query);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return route;
}

/** A link that moves within the page instead of loading it again (a modified click still opens a new tab). */
export function onLink(event: MouseEvent) {
  const anchor = (event.currentTarget as HTMLAnchorElement);
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href')!);
}
