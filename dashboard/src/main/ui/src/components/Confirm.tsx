import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ComponentChildren;
}

/** A modal that asks before an operator action changes a task. */
export function Confirm({ title, confirmLabel, danger, busy, error, onConfirm, onCancel, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="confirm" onCancel={(e) => { e.preventDefault(); onCancel(); }} aria-label={title}>
      <h3>{title}</h3>
      <div class="confirm-body">{children}</div>
      {error && <p class="error-text" role="alert">{error}</p>}
      <div class="actions">
        <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
        <button type="button" class={danger ? 'danger' : 'primary'} data-confirm onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
