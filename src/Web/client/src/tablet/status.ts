import { el } from '../lib/dom';
import { counted, t } from '../lib/i18n';
import type { SyncState, Tap } from './outbox';
import { isRefused } from './recent';

// How the tablet's taps stand, in plain words: all sent, sending, offline with how many wait, refused with
// what to do, or paired no more.

export { counted } from '../lib/i18n';

export function syncWords(sync: SyncState): string {
  const waiting = 'waiting' in sync ? sync.waiting : 0;
  switch (sync.kind) {
    case 'online': return `● ${t('syncOnline')}`;
    case 'syncing': return `↻ ${counted('syncSendingN', waiting)}`;
    case 'offline': return `✕ ${counted('syncOfflineN', waiting)}`;
    case 'unpaired': return `✕ ${waiting > 0 ? counted('repairN', waiting) : t('repairNone')}`;
  }
}

export function renderSync(target: HTMLElement, sync: SyncState): void {
  target.textContent = syncWords(sync);
  target.dataset.state = sync.kind;
  target.dataset.waiting = String('waiting' in sync ? sync.waiting : 0);
}

/** Taps of today the server refused and the attendant has not yet read about; hidden when there are none. */
export function renderRefused(target: HTMLElement, taps: Tap[], day: string, understood: (ids: string[]) => void): void {
  const unread = taps.filter((x) => x.day === day && isRefused(x) && !x.understood);
  target.hidden = unread.length === 0;
  if (unread.length === 0) { target.replaceChildren(); return; }
  const ok = el('button', { type: 'button', id: 'refused-understood' }, t('understood'));
  ok.addEventListener('click', () => understood(unread.map((x) => x.id)));
  target.dataset.count = String(unread.length);
  target.replaceChildren(
    el('div', { class: 'words' }, el('strong', {}, `⚠ ${counted('refusedN', unread.length)}`), el('span', {}, t('refusedHow'))),
    ok);
}
