/** A timestamp of the API: an ISO instant, or a naive one in UTC (the DLQ's and a step's attempt times). */
function parse(timestamp: string): Date {
  return new Date(timestamp.endsWith('Z') || /[+-]\d\d:\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`);
}

/** "12 s ago", "3 min ago", else the date and time. */
export function ago(timestamp: string | null | undefined): string {
  if (!timestamp) return '';
  const at = parse(timestamp);
  const seconds = Math.round((Date.now() - at.getTime()) / 1000);
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return at.toLocaleString();
}

/** Milliseconds between two timestamps, or null. */
export function between(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return parse(to).getTime() - parse(from).getTime();
}
