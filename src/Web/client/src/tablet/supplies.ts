import { api, newId, type SupplyLevel } from '../lib/api';
import { el } from '../lib/dom';
import { lang, named, t, unitOf, type TextKey } from '../lib/i18n';
import { serverNow } from '../lib/clock';
import type { Movement, Outbox } from './outbox';

// The supplies screen: receive a delivery (with its expiry date), count what is on the shelf, discard what has
// expired. Each is kept on the device first and sent through the same outbox as taps, with its own id, so a
// resend is never counted twice. Stock shows the server's numbers with what still waits on this device applied.

type Action = Movement['kind'];

const ACTIONS: [Action, TextKey][] = [['received', 'supplyReceive'], ['counted', 'supplyCount'], ['discarded', 'supplyDiscard']];

export class Supplies {
  readonly element = el('section', { class: 'supplies', id: 'supplies', hidden: '' });
  private levels: SupplyLevel[] | undefined;
  private movements: Movement[] = [];
  private action: Action | null = null;
  private item: string | null = null;
  private message = '';
  /** A movement larger than the stock on hand (or far larger, for a delivery or count), waiting for a yes. */
  private asking: Movement | null = null;
  /** The movement whose undo was touched once: a second touch undoes it. */
  private confirmingUndo: string | null = null;
  private readonly quantity = el('input', { id: 'supply-quantity', type: 'number', inputmode: 'numeric', min: '0', max: '100000', step: '1' });
  private readonly expiresOn = el('input', { id: 'supply-expires', type: 'date', min: '2000-01-01', max: '2200-12-31' });

  constructor(private readonly stationId: string, private readonly outbox: Outbox, private readonly today: () => string) {
    const cached = localStorage.getItem(this.cacheKey);
    this.levels = cached ? (JSON.parse(cached) as SupplyLevel[]) : undefined;
    this.quantity.addEventListener('input', () => { this.dropQuestion(); this.renderSubmit(); });
    this.expiresOn.addEventListener('input', () => this.renderSubmit());
  }

  private get cacheKey(): string { return `stationnet.supplies.${this.stationId}`; }

  get shown(): boolean { return !this.element.hidden; }

  show(on: boolean): void {
    this.element.hidden = !on;
    if (on) void this.refresh();
    this.render();
  }

  /** The server's stock, when it can be reached; otherwise what this device last knew. */
  async refresh(): Promise<void> {
    this.movements = await this.outbox.movements();
    try {
      this.levels = (await api.supplies(this.stationId)).items;
      localStorage.setItem(this.cacheKey, JSON.stringify(this.levels));
    } catch { /* offline: keep the last known stock */ }
    this.render();
  }

  /** The outbox moved: take the movements' new states, and the server's stock once one was recorded. */
  async changed(): Promise<void> {
    const waiting = () => this.movements.filter((m) => m.state === 'waiting' || m.voided === 'waiting').length;
    const before = waiting();
    this.movements = await this.outbox.movements();
    if (waiting() < before) await this.refresh();
    else this.render();
  }

  render(): void {
    if (this.element.hidden) return;
    const levels = this.levels;
    if (levels && levels.length === 0) {
      this.element.replaceChildren(el('h2', {}, t('suppliesTitle')), el('p', { class: 'supply-none' }, t('supplyNone')));
      return;
    }
    const list = el('ul', { class: 'stock' }, ...(levels ?? []).map((level) => this.line(level)));
    const actions = el('div', { class: 'row', role: 'group' }, ...ACTIONS.map(([a, key]) =>
      this.choice(t(key), this.action === a, () => { this.action = a; this.prefill(); this.render(); }, { 'data-action': a })));
    const items = el('div', { class: 'row', role: 'group' }, ...(levels ?? []).map((level) =>
      this.choice(named(level, level.item), this.item === level.item, () => { this.item = level.item; this.prefill(); this.render(); }, { 'data-item': level.item })));
    const chosen = levels?.find((l) => l.item === this.item);
    const needsExpiry = this.action === 'received' && chosen !== undefined && this.expires(chosen);
    const submit = this.submitButton();
    this.element.replaceChildren(
      el('h2', {}, t('suppliesTitle')),
      levels ? list : el('p', { class: 'supply-none' }, t('supplyStockUnknown')),
      el('div', { class: 'supply-form' },
        el('div', { class: 'field' }, actions),
        el('div', { class: 'field' }, el('span', { class: 'label' }, t('supplyItem')), items),
        el('label', { class: 'field' }, el('span', { class: 'label' }, t(this.action === 'counted' ? 'supplyCounted' : 'supplyQuantity')), this.quantity,
          chosen ? el('span', { class: 'unit' }, unitOf(chosen)) : null),
        needsExpiry ? el('label', { class: 'field' }, el('span', { class: 'label' }, t('supplyExpiresOn')), this.expiresOn) : null,
        this.asking ? this.question(this.asking) : submit,
        el('p', { class: 'supply-message', role: 'status', 'aria-live': 'polite' }, this.message)));
    const recent = this.recent();
    if (recent) this.element.append(recent);
    this.renderSubmit();
  }

  private submitButton(): HTMLButtonElement {
    const submit = el('button', { type: 'button', id: 'supply-record', class: 'record' }, t('supplyRecord'));
    submit.addEventListener('click', () => void this.record());
    return submit;
  }

  /** A number typed again is a new answer: the question about the old one goes (without redrawing the field being typed in). */
  private dropQuestion(): void {
    const ask = this.element.querySelector('.supply-ask');
    if (!this.asking || !ask) return;
    this.asking = null;
    ask.replaceWith(this.submitButton());
  }

  private line(level: SupplyLevel): HTMLElement {
    const onHand = this.withWaiting(level);
    const marks: string[] = [];
    if (onHand < 0) marks.push(`⚠ ${t('supplyNegative')}`);
    else if (onHand <= level.lowAt) marks.push(`⚠ ${t('supplyLow')}`);
    if (level.expired > 0) marks.push(`✕ ${t('supplyExpiredN').replace('{n}', `${level.expired} ${unitOf(level)}`)}`);
    for (const batch of level.expiring.filter((b) => b.expiresOn >= this.today())) {
      marks.push(`⏰ ${batch.quantity} ${unitOf(level)} ${t('supplyExpiring').replace('{n}', this.date(batch.expiresOn))}`);
    }
    return el('li', { 'data-item': level.item, 'data-low': String(onHand <= level.lowAt), 'data-negative': String(onHand < 0) },
      el('span', { class: 'name' }, named(level, level.item)),
      el('span', { class: 'on-hand' }, `${t('supplyOnHand')} `, el('strong', { 'data-on-hand': level.item }, String(onHand)), ` ${unitOf(level)}`),
      marks.length ? el('span', { class: 'marks' }, marks.join(' · ')) : null);
  }

  /**
   * The server's level with this device's waiting movements applied, in the order they were made. A movement
   * undone before it was sent counts for nothing; the undo of a recorded delivery or discard waiting to be sent is
   * applied (a count's undo is left to the server, which knows what the count changed).
   */
  private withWaiting(level: SupplyLevel): number {
    let n = level.onHand;
    for (const m of [...this.movements].reverse()) {
      if (m.item !== level.item) continue;
      if (m.state === 'waiting' && !m.voided) n = m.kind === 'received' ? n + m.quantity : m.kind === 'counted' ? m.quantity : n - m.quantity;
      else if (m.state === 'recorded' && m.voided === 'waiting' && m.kind !== 'counted') n += m.kind === 'received' ? -m.quantity : m.quantity;
    }
    return n;
  }

  /** What a movement did, in words: a count says what was counted, not a quantity moved. */
  private what(m: Pick<Movement, 'kind' | 'item' | 'quantity'>, level: SupplyLevel | undefined): string {
    const name = named(level, m.item);
    const unit = level ? ` ${unitOf(level)}` : '';
    if (m.kind === 'counted') return `${t('supplyCount')} · ${name} · ${t('supplyCountedTo').replace('{n}', `${m.quantity}${unit}`)}`;
    return `${t(ACTIONS.find(([a]) => a === m.kind)![1])} · ${name} ×${m.quantity}${unit}`;
  }

  /** Asks before a movement larger than the stock on hand is kept, in the words of what is being done. */
  private question(m: Movement): HTMLElement {
    const level = this.levels?.find((l) => l.item === m.item);
    const onHand = level ? this.withWaiting(level) : 0;
    const unit = level ? ` ${unitOf(level)}` : '';
    const key = m.kind === 'discarded' ? 'supplyOverDiscard' : m.kind === 'received' ? 'supplyOverReceive' : 'supplyOverCount';
    const yes = el('button', { type: 'button', id: 'supply-confirm', class: 'record' }, t(m.kind === 'discarded' ? 'supplyConfirmDiscard' : 'supplyConfirmRecord'));
    const no = el('button', { type: 'button', id: 'supply-change', class: 'choice' }, t('supplyChangeQuantity'));
    yes.addEventListener('click', () => { const sure = this.asking; this.asking = null; if (sure) void this.keep(sure); });
    no.addEventListener('click', () => { this.asking = null; this.render(); this.quantity.focus(); });
    return el('div', { class: 'supply-ask', role: 'alertdialog', 'aria-labelledby': 'supply-ask-words' },
      el('p', { id: 'supply-ask-words' }, `⚠ ${t(key).replaceAll('{q}', `${m.quantity}${unit}`).replace('{n}', `${Math.max(0, onHand)}${unit}`)}`),
      el('div', { class: 'actions' }, yes, no));
  }

  /** More than is there for a discard; far more (ten times, and a thousand or more) for a delivery or count. */
  private tooMany(m: Movement): boolean {
    const level = this.levels?.find((l) => l.item === m.item);
    if (!level) return false;
    const onHand = Math.max(0, this.withWaiting(level));
    if (m.kind === 'discarded') return m.quantity > onHand;
    return m.quantity >= 1000 && m.quantity > 10 * Math.max(onHand, level.lowAt);
  }

  private recent(): HTMLElement | null {
    const mine = this.movements.filter((m) => m.day === this.today());
    if (mine.length === 0) return null;
    return el('div', { class: 'supply-recent' }, el('h3', {}, t('supplyRecent')), el('ul', {}, ...mine.map((m) => {
      const level = this.levels?.find((l) => l.item === m.item);
      const state = m.voided === 'done' ? t('supplyUndone') : m.voided === 'waiting' ? t('supplyUndoWaiting')
        : m.state === 'waiting' ? t('supplyWaiting') : m.state === 'recorded' ? t('supplyRecorded') : `${t('supplyRefused')}: ${m.error ?? ''}`;
      const undoable = !m.voided && m.state !== 'refused';
      return el('li', { 'data-movement': m.id, 'data-state': m.voided ? 'voided' : m.state },
        el('span', { class: 'what' }, `${this.what(m, level)}${m.expiresOn ? ` · ${t('supplyExpiresOn')} ${this.date(m.expiresOn)}` : ''}`),
        el('span', { class: 'state' }, `${state}${m.voided === undefined && m.error && m.state !== 'refused' ? ` · ${m.error}` : ''}`),
        undoable ? this.undoButton(m) : null);
    })));
  }

  /** Undo asks once more, as for taps, so a stray touch does not remove a real delivery. */
  private undoButton(m: Movement): HTMLButtonElement {
    const asking = this.confirmingUndo === m.id;
    const b = el('button', { type: 'button', class: 'undo', 'data-undo': m.id }, t(asking ? 'confirmUndo' : 'undo'));
    b.addEventListener('click', () => {
      if (!asking) { this.confirmingUndo = m.id; this.render(); return; }
      this.confirmingUndo = null;
      this.movements = this.movements.map((x) => x.id === m.id ? { ...x, voided: 'waiting' } : x);
      this.render();
      void this.outbox.undoMovement(m.id);
    });
    return b;
  }

  /** Discarding an item with expired units starts from how many have expired; a count from what is on hand. */
  private prefill(): void {
    const level = this.levels?.find((l) => l.item === this.item);
    this.message = '';
    this.asking = null;
    if (!level) return;
    if (this.action === 'discarded' && level.expired > 0) this.quantity.value = String(level.expired);
    else if (this.action === 'counted') this.quantity.value = String(Math.max(0, this.withWaiting(level)));
  }

  private expires(level: SupplyLevel): boolean {
    return level.expires;
  }

  private valid(): boolean {
    const q = Number(this.quantity.value);
    const least = this.action === 'counted' ? 0 : 1;
    if (!this.action || !this.item || this.quantity.value === '' || !Number.isInteger(q) || q < least || q > 100000) return false;
    const level = this.levels?.find((l) => l.item === this.item);
    return !(this.action === 'received' && level && this.expires(level) && !this.expiresOn.value);
  }

  private renderSubmit(): void {
    const b = this.element.querySelector<HTMLButtonElement>('#supply-record');
    if (b) b.disabled = !this.valid();
  }

  private async record(): Promise<void> {
    if (!this.valid()) {
      this.message = t(this.action === 'received' && this.quantity.value !== '' ? 'supplyNeedExpiry' : 'supplyChoose');
      this.render();
      return;
    }
    const level = this.levels?.find((l) => l.item === this.item);
    const m: Movement = {
      id: newId(), stationId: this.stationId, item: this.item!, kind: this.action!, quantity: Number(this.quantity.value),
      expiresOn: this.action === 'received' && level && this.expires(level) ? this.expiresOn.value : undefined,
      at: serverNow().toISOString(), day: this.today(), state: 'waiting',
    };
    if (this.tooMany(m)) {
      this.asking = m;
      this.message = '';
      this.render();
      return;
    }
    await this.keep(m);
  }

  private async keep(m: Movement): Promise<void> {
    const level = this.levels?.find((l) => l.item === m.item);
    this.message = `✓ ${this.what(m, level)}`;
    this.action = null;
    this.item = null;
    this.quantity.value = '';
    this.expiresOn.value = '';
    this.movements = [m, ...this.movements];
    this.render();
    await this.outbox.addMovement(m);
  }

  private date(iso: string): string {
    const [y, mo, d] = iso.split('-');
    return lang() === 'zh' ? `${y}年${Number(mo)}月${Number(d)}日` : iso;
  }

  private choice(label: string, chosen: boolean, onClick: () => void, attrs: Record<string, string>): HTMLButtonElement {
    // A name breaks only between words: after the sample mark's dot (示例·), or at a space; never inside a word.
    const parts = label.split('·').flatMap((part, i) => (i === 0 ? [part] : ['·', el('wbr'), part]));
    const b = el('button', { type: 'button', class: 'choice', 'aria-pressed': String(chosen), ...attrs }, ...(chosen ? ['✓ ', ...parts] : parts));
    b.addEventListener('click', onClick);
    return b;
  }
}
