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

export class Opening {
  readonly element = el('div', { class: 'opening' });
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
    setInterval(() => { if (this.state?.openNow) void this.send('heartbeat'); }, HEARTBEAT_MS);
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
    const since = s?.openNow && s.since ? ` · ${t('since')} ${time(s.since, this.timeZone())}` : '';
    const label = s?.openNow ? (this.confirming ? t('confirmClose') : t('closeStation')) : t('openStation');
    const button = el('button', { type: 'button', id: 'opening', class: s?.openNow ? 'close' : 'open', 'data-open': String(!!s?.openNow) }, label);
    if (this.busy) button.setAttribute('disabled', '');
    button.addEventListener('click', () => void this.press());
    this.element.dataset.status = s?.status ?? 'unknown';
    this.element.replaceChildren(el('span', { class: 'status', id: 'station-status' }, `${words_}${since}`), button);
    if (this.failed) this.element.append(el('span', { class: 'failed', role: 'alert' }, t('openingFailed')));
  }

  /** Before a tap at a station known not to be open: ask once a day. Resolves when the tap may go ahead. */
  async askBeforeTap(): Promise<void> {
    const s = this.state;
    const key = `stationnet.opening.asked.${this.stationId}`;
    if (!s || s.openNow || localStorage.getItem(key) === this.today()) return;
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
    if (this.state?.openNow && !this.confirming) {
      this.confirming = true;
      this.render();
      return;
    }
    this.confirming = false;
    await this.send(this.state?.openNow ? 'close' : 'open');
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
