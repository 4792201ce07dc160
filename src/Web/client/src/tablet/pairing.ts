import { api, useToken } from '../lib/api';
import { el } from '../lib/dom';
import { t } from '../lib/i18n';
import { pageHeader } from '../lib/page';
import { scanner } from './scan';
import { counted } from './status';

// Pairing the tablet with its station: the first time, and again when the server no longer knows its token
// (the embedded default forgets tablets on restart; an administrator may revoke one). Taps recorded before
// then stay in the outbox and are sent once the tablet is paired again.

export const tokenKey = (stationId: string): string => `stationnet.tablet.${stationId}`;

/** waiting: taps kept on this tablet; null on a first pairing, a number when it must pair again. */
export function showPairing(app: HTMLElement, stationId: string, waiting: number | null): void {
  if (stationId) localStorage.removeItem(tokenKey(stationId));
  useToken(null);
  const known = stationId ? cachedName(stationId) : '';
  let name = known;
  const notice = el('div', { class: 'repair', id: 'repair', role: 'alert' });
  const station = el('h2', { class: 'pair-station', id: 'pair-station' });
  const help = el('p', {});
  const codeLabel = el('span', {});
  const nameLabel = el('span', {});
  const code = el('input', { id: 'pair-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '9', required: '' });
  code.value = new URLSearchParams(location.search).get('pair') ?? '';
  const device = el('input', { id: 'pair-name', maxlength: '40' });
  const submit = el('button', { type: 'submit', id: 'pair-submit' });
  const problem = el('p', { class: 'form-message', role: 'alert' });
  const form = el('form', { class: 'pairing' }, station, help,
    el('label', {}, codeLabel, code), el('label', {}, nameLabel, device), submit, problem);
  const scan = scanner((found) => { code.value = found; form.requestSubmit(); });
  if (scan) form.insertBefore(scan, submit);

  const words = (): void => {
    notice.hidden = waiting === null;
    notice.replaceChildren(
      el('strong', {}, waiting ? counted('repairN', waiting) : t('repairNone')),
      el('span', {}, t('repairHow')));
    station.hidden = !name;
    station.textContent = `${t('pairFor')}${name}`;
    help.textContent = t('pairHelp');
    codeLabel.textContent = t('pairCode');
    nameLabel.textContent = t('tabletName');
    submit.textContent = t('pair');
  };
  words();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const paired = await api.pair(code.value.trim(), device.value.trim());
      localStorage.setItem(tokenKey(paired.stationId), paired.token);
      localStorage.setItem('stationnet.lastStation', paired.stationId);
      // The tablet's home is its station's page; its outbox sends what waited there.
      location.replace(`/station/${encodeURIComponent(paired.stationId)}`);
    } catch (err) {
      problem.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  });

  window.scrollTo(0, 0);
  app.replaceChildren(pageHeader(() => t('pairTitle'), () => '', words), el('main', { class: 'pair' }, notice, form));
  if (stationId && !known) {
    void fetch(`/api/public/stations/${encodeURIComponent(stationId)}/name`, { headers: { Accept: 'application/json' } })
      .then(async (res) => { if (res.ok) { name = ((await res.json()) as { name: string }).name; words(); } })
      .catch(() => undefined);
  }
}

function cachedName(stationId: string): string {
  try {
    return (JSON.parse(localStorage.getItem(`stationnet.station.${stationId}`) ?? 'null') as { name?: string } | null)?.name ?? '';
  } catch {
    return '';
  }
}
