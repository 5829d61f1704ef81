export function label(state: string) {
  return state.replaceAll('_', ' ');
}

export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state}`} data-state={state}>{label(state)}</span>;
}
