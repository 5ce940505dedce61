// Small pieces the set-up tabs share: buttons with handlers, a table, a status line.
import { h } from '../lib/dom';
import { SetupError } from './api';

export function button(
  text: string,
  onClick: () => void | Promise<void>,
  attrs: Record<string, string | boolean | undefined> = {},
): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs, text });
  b.addEventListener('click', () => void onClick());
  return b;
}

export function table(headers: string[], rows: HTMLTableRowElement[], empty: string) {
  return h(
    'table',
    { class: 'setup-table' },
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { text: x })))),
    h(
      'tbody',
      {},
      ...(rows.length
        ? rows
        : [h('tr', {}, h('td', { colspan: String(headers.length), class: 'empty', text: empty }))]),
    ),
  );
}

export const cell = (...children: (Node | string | null | undefined)[]) => h('td', {}, ...children);

/** A refusal as one line a person reads: the server's message, or each bad field. */
export function errorText(error: unknown): string {
  if (!(error instanceof SetupError)) return String((error as Error).message ?? error);
  if (Array.isArray(error.details) && error.code === 'invalid_request')
    return (error.details as { field?: string; message?: string }[])
      .map((d) => `${d.field ?? ''} ${d.message ?? ''}`.trim())
      .join('；');
  return error.message;
}

export function input(name: string, value = '', attrs: Record<string, string | boolean> = {}) {
  return h('input', { name, value, ...attrs });
}

export function select(name: string, options: [string, string][], value?: string) {
  const el = h(
    'select',
    { name },
    ...options.map(([v, label]) => h('option', { value: v, text: label })),
  );
  if (value !== undefined) el.value = value;
  return el;
}
