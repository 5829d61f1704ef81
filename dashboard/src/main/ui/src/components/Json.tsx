export function Json({ value, empty = 'none' }: { value: unknown; empty?: string }) {
  if (value === null || value === undefined) return <span class="muted">{empty}</span>;
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}
