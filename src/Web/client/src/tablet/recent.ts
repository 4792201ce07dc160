import { el } from '../lib/dom';
import { t, time } from '../lib/i18n';
import type { Tap } from './outbox';

// What was recorded, in view: a large confirmation of each tap for a few seconds, with its undo, and the
// list of today's taps on this tablet beside the buttons (below them on a phone).

const SHOWN_MS = 6_000;

export interface RecentContext {
  describe(tap: Tap): string;
  timeZone(): string | undefined;
  undo(tapId: string): void;
  /** Draws the confirmation and the list again with the latest taps. */
  rerender(): void;
}

/** A tap the server will not count (refused for good, or failed as a changed resend): shown, never resent. */
export function isRefused(tap: Tap): boolean {
  return tap.state !== 'waiting' && tap.state !== 'counted';
}

export class Recent {
  readonly confirmation = el('div', { class: 'recorded', id: 'recorded', role: 'status', 'aria-live': 'assertive' });
  readonly list = el('section', { class: 'taps', id: 'taps' });
  private last: { tap: Tap; undone: boolean } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private confirming: string | null = null;

  constructor(private readonly ctx: RecentContext) {}

  /** Says what was just recorded (or undone), for a few seconds. */
  show(tap: Tap, undone = false): void {
    this.last = { tap, undone };
    this.confirming = null;
    this.restart();
  }

  render(taps: Tap[], day: string): void {
    this.renderConfirmation(taps);
    this.renderList(taps.filter((x) => x.day === day).slice(0, 30));
  }

  private restart(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.last = null; this.confirming = null; this.renderConfirmation([]); }, SHOWN_MS);
  }

  private renderConfirmation(taps: Tap[]): void {
    const c = this.confirmation;
    if (!this.last) {
      const hint = `idle|${t('tapHint')}`;
      if (c.dataset.shown === hint) return;
      c.dataset.shown = hint;
      c.dataset.state = 'idle';
      c.replaceChildren(el('p', { class: 'hint' }, t('tapHint')));
      return;
    }
    const tap = taps.find((x) => x.id === this.last!.tap.id) ?? this.last.tap;
    const undone = this.last.undone || tap.voided !== 'no';
    c.dataset.state = undone ? 'undone' : 'recorded';
    c.dataset.tap = tap.id;
    const text = undone ? `↶ ${this.ctx.describe(tap)} ${t('undone')}` : `✓ ${this.ctx.describe(tap)} ${t('recorded')}`;
    // Rebuilt only when what it says changes: a touch on its undo must not land on a button being replaced.
    const shown = `${tap.id}|${text}|${undone}|${this.confirming === tap.id}`;
    if (c.dataset.shown === shown) return;
    c.dataset.shown = shown;
    c.replaceChildren(el('p', { class: 'what' }, text));
    if (!undone) c.append(this.undoButton(tap, () => this.restart()));
  }

  private renderList(mine: Tap[]): void {
    this.list.replaceChildren(el('h2', {}, t('todayTaps')), mine.length === 0 ? el('p', {}, t('noTaps')) : el('ul', {}, ...mine.map((x) => {
      const state = x.voided === 'done' ? t('undone') : x.voided === 'waiting' ? t('undoWaiting')
        : x.state === 'waiting' ? t('tapWaiting') : isRefused(x) ? `${t('refused')}: ${x.error ?? ''}` : t('counted');
      const undoable = x.voided === 'no' && !isRefused(x);
      return el('li', { 'data-tap': x.id, 'data-state': x.voided !== 'no' ? 'voided' : isRefused(x) ? 'refused' : x.state },
        el('span', { class: 'when' }, time(x.occurredAt, this.ctx.timeZone())),
        el('span', { class: 'what' }, this.ctx.describe(x)),
        el('span', { class: 'state' }, state),
        undoable ? this.undoButton(x) : null);
    })));
  }

  /** Undo asks once more before it voids, so a stray touch does not remove a real service. */
  private undoButton(tap: Tap, held?: () => void): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'undo', 'data-undo': tap.id }, this.confirming === tap.id ? t('confirmUndo') : t('undo'));
    b.addEventListener('click', () => {
      if (this.confirming !== tap.id) {
        this.confirming = tap.id;
        held?.();
        this.ctx.rerender();
        return;
      }
      this.confirming = null;
      if (this.last?.tap.id === tap.id) this.show(tap, true);
      this.ctx.undo(tap.id);
    });
    return b;
  }
}
