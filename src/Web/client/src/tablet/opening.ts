import { ApiError } from '../lib/api';
import { el } from '../lib/dom';
import { t, time, type TextKey } from '../lib/i18n';

// Opening the station (开站/闭站): one large button. While the page is up and the station is open, a heartbeat
// every minute tells the server someone is there. A tap at a station that is not open asks once a day
// whether to open it.

export type StationStatus = 'open' | 'open-silent' | 'late' | 'unreachable' | 'closed';

export interface OpeningReply { stationId: string; status: StationStatus; openNow: boolean; since: string | null }

const words: Record<StationStatus, TextKey> = {
  open: 'openingOpen', 'open-silent': 'openingOpenSilent', late: 'openingLate', unreachable: 'openingUnreachable', closed: 'openingClosed',
};

const HEARTBEAT_MS = 60_000;

/** The station was opened and not closed: unreachable too (not open now to a worker, but open to its tablet). */
function sessionOpen(s: OpeningReply | null): boolean {
  return s !== null && (s.status === 'open' || s.status === 'open-silent' || s.status === 'unreachable');
}

export class Opening {
  private readonly status = el('span', { class: 'status', id: 'station-status' });
  private readonly button = el('button', { type: 'button', id: 'opening' });
  private readonly failure = el('span', { class: 'failed', role: 'alert', hidden: '' });
  readonly element = el('div', { class: 'opening' }, this.status, this.button, this.failure);
  private state: OpeningReply | null = null;
  private confirming = false;
  private failed = false;
  private busy = false;

  constructor(
    private readonly stationId: string,
    private readonly token: () => string | null,
    private readonly timeZone: () => string | undefined,
    private readonly today: () => string,
    private readonly unpaired: () => void,
  ) {
    this.button.addEventListener('click', () => void this.press());
    setInterval(() => { if (sessionOpen(this.state)) void this.send('heartbeat'); }, HEARTBEAT_MS);
  }

  /** What the station's own page says (status, openNow, statusSince), when the server tells it. */
  know(view: (Partial<OpeningReply> & { statusSince?: string | null }) | undefined): void {
    if (view?.status && typeof view.openNow === 'boolean') {
      this.state = { stationId: this.stationId, status: view.status, openNow: view.openNow, since: view.statusSince ?? view.since ?? null };
    }
    this.render();
  }

  render(): void {
    const s = this.state;
    const words_ = s ? t(words[s.status] ?? 'openingUnknown') : t('openingUnknown');
    const open = sessionOpen(s);
    const since = open && s?.since ? ` · ${t('since')} ${time(s.since, this.timeZone())}` : '';
    // The same button is updated, never replaced: a touch that lands while the page redraws still counts.
    const button = this.button;
    button.textContent = open ? (this.confirming ? t('confirmClose') : t('closeStation')) : t('openStation');
    button.className = open ? 'close' : 'open';
    button.dataset.open = String(open);
    button.disabled = this.busy;
    this.element.dataset.status = s?.status ?? 'unknown';
    this.status.textContent = `${words_}${since}`;
    this.failure.hidden = !this.failed;
    this.failure.textContent = t('openingFailed');
  }

  /** Before a tap at a station known not to be open: ask once a day. Resolves when the tap may go ahead. */
  async askBeforeTap(): Promise<void> {
    const s = this.state;
    const key = `stationnet.opening.asked.${this.stationId}`;
    if (!s || sessionOpen(s) || localStorage.getItem(key) === this.today()) return;
    localStorage.setItem(key, this.today());
    const yes = el('button', { type: 'button', id: 'ask-open-yes', class: 'primary' }, t('askOpenYes'));
    const no = el('button', { type: 'button', id: 'ask-open-no' }, t('askOpenNo'));
    const dialog = el('dialog', { class: 'ask-open', id: 'ask-open' }, el('p', {}, t('askOpen')), el('div', { class: 'actions' }, yes, no));
    document.body.append(dialog);
    dialog.showModal();
    const open = await new Promise<boolean>((resolve) => {
      yes.addEventListener('click', () => resolve(true));
      no.addEventListener('click', () => resolve(false));
      dialog.addEventListener('cancel', () => resolve(false));
    });
    dialog.close();
    dialog.remove();
    if (open) await this.send('open');
  }

  private async press(): Promise<void> {
    if (sessionOpen(this.state) && !this.confirming) {
      this.confirming = true;
      this.render();
      return;
    }
    this.confirming = false;
    await this.send(sessionOpen(this.state) ? 'close' : 'open');
  }

  private async send(kind: 'open' | 'close' | 'heartbeat'): Promise<void> {
    const token = this.token();
    if (!token) return;
    if (kind !== 'heartbeat') { this.busy = true; this.render(); }
    try {
      const res = await fetch(`/api/stations/${encodeURIComponent(this.stationId)}/${kind}`, {
        method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}',
      });
      if (res.status === 401 || res.status === 403) throw new ApiError(res.status, 'unpaired');
      if (!res.ok) throw new ApiError(res.status, `${res.status}`);
      this.state = (await res.json()) as OpeningReply;
      this.failed = false;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) { this.unpaired(); return; }
      // A missed heartbeat is the server's to notice; a press that did not go through is the attendant's to know.
      if (kind !== 'heartbeat') this.failed = true;
    } finally {
      this.busy = false;
    }
    this.render();
  }
}
