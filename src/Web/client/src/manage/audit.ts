import { api, type AuditLine, type NetworkView } from '../lib/api';
import { el } from '../lib/dom';
import { givenName, lang, named, t } from '../lib/i18n';
import { failed, scroll } from './sections';
import { part, type Shown } from './state';

// The audit trail of the range: who recorded what, when, from which tablet; events and voids, 50 at a time.

export const auditStation = el('select', { id: 'audit-station', 'aria-label': '' });
export const auditKind = el('select', { id: 'audit-kind', 'aria-label': '' });

function when(iso: string): string {
  return new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

/** The filters' options in the current language, keeping what is chosen. */
export function auditFilters(network: NetworkView): void {
  const [station, kind] = [auditStation.value, auditKind.value];
  auditStation.setAttribute('aria-label', t('station'));
  auditKind.setAttribute('aria-label', t('kind'));
  auditStation.replaceChildren(el('option', { value: '' }, t('allStations')), ...network.stations.map((x) => el('option', { value: x.id }, x.name)));
  auditKind.replaceChildren(el('option', { value: '' }, t('allKinds')), el('option', { value: 'event' }, t('auditEvent')), el('option', { value: 'void' }, t('auditVoid')));
  auditStation.value = station;
  auditKind.value = kind;
}

export async function loadAudit(s: Shown, before?: string): Promise<void> {
  const next = await part(api.audit(s.network.id, s.from, s.to, auditStation.value, auditKind.value, before));
  s.audit = before && next.ok && s.audit.ok ? { ok: true, value: [...s.audit.value, ...next.value] } : next;
}

export function audit(s: Shown, host: HTMLElement, more: () => void): void {
  auditFilters(s.network);
  const head = [el('h2', {}, t('audit')), el('div', { class: 'filters' }, auditStation, auditKind)];
  if (!s.audit.ok) {
    host.replaceChildren(...head, failed(s.audit)!);
    return;
  }
  const lines: AuditLine[] = s.audit.value;
  const stationName = (id: string) => s.network.stations.find((x) => x.id === id)?.name ?? id;
  const rows = lines.map((l) => el('tr', { 'data-audit': l.eventId, 'data-kind': l.kind },
    el('td', {}, when(l.recordedAt)), el('td', { class: 'text' }, l.kind === 'void' ? t('auditVoid') : t('auditEvent')),
    el('td', { class: 'text' }, stationName(l.stationId)), el('td', { class: 'text' }, `${named(s.network.services.find((x) => x.id === l.service), l.service)} ×${l.quantity}`),
    el('td', {}, when(l.occurredAt)), el('td', { class: 'text' }, l.attendant ?? ''),
    el('td', { class: 'text', title: l.device ?? '' }, l.deviceName ? givenName(l.deviceName) : l.device ?? '')));
  const button = el('button', { type: 'button', id: 'audit-more' }, t('more'));
  button.addEventListener('click', more);
  host.replaceChildren(...head, scroll(el('table', {},
    el('thead', {}, el('tr', {}, ...[t('recordedAt'), t('kind'), t('station'), t('service'), t('occurredAt'), t('attendantShort'), t('device')]
      .map((h, i) => el('th', { class: i === 4 ? '' : 'text' }, h)))),
    el('tbody', {}, ...rows))), lines.length > 0 && lines.length % 50 === 0 ? button : '');
}
