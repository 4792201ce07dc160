import { api, ApiError, type NetworkNode, type NetworkSummary, type NetworkView, type StationInfo } from '../lib/api';
import { el } from '../lib/dom';
import { detailIn, givenName, lang, named, t, time, type TextKey } from '../lib/i18n';
import { loginForm } from '../lib/login';
import { pageHeader } from '../lib/page';
import './admin.css';

// Administration: stations (add, edit, retire, pair a tablet), the service catalog, the year's targets, tablets, screen links, accounts.
// Plain forms over the admin API; every answer, good or bad, is shown in the status line, in the page's language.

const app = document.getElementById('app')!;
const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const networkSel = el('select', { id: 'network' });
const signOut = el('button', { type: 'button', id: 'sign-out', class: 'sign-out' });
const body = el('div', {});
let networks: NetworkSummary[] = [];
let network: NetworkView | undefined;
let lastSaid: TextKey | string = '';
/** The year the targets grid shows; null until chosen, then this year by the network's clock. */
let targetsYear: number | null = null;

/** Says a result; a text key is said again in the other language when the language changes. */
function say(text: TextKey | string, isKey = true): void {
  lastSaid = isKey ? text : `!${text}`;
  status.textContent = isKey ? t(text as TextKey) : text;
}

function problem(e: unknown): string {
  return e instanceof ApiError ? `${e.status}: ${detailIn(e.message)}` : String(e);
}

async function attempt(action: () => Promise<unknown>, done: TextKey): Promise<void> {
  try {
    await action();
    // Drawn again from the server first, then said: what the page shows when it says "saved" is what was kept.
    await show();
    say(done);
  } catch (e) {
    say(problem(e), false);
  }
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function input(attrs: Record<string, string>, label: TextKey): HTMLInputElement {
  return el('input', { ...attrs, placeholder: t(label), 'aria-label': t(label) });
}

function stationForm(existing?: StationInfo): HTMLElement {
  const id = input({ name: 'id', value: existing?.id ?? '' }, 'stationIdHint');
  if (existing) id.disabled = true;
  const name = input({ name: 'name', value: existing?.name ?? '' }, 'stationName');
  const township = input({ name: 'township', value: existing?.township ?? '' }, 'township');
  const opens = input({ name: 'opens', value: existing?.openingHours.opens ?? '07:00', size: '5' }, 'opens');
  const closes = input({ name: 'closes', value: existing?.openingHours.closes ?? '21:00', size: '5' }, 'closes');
  const seats = input({ name: 'seats', type: 'number', value: String(existing?.seats ?? 10), min: '0', max: '1000' }, 'seats');
  // WGS-84 degrees, as a phone's GPS or most online maps give them; both empty means no location.
  const lat = input({ name: 'lat', type: 'number', step: 'any', min: '-90', max: '90', value: existing?.location ? String(existing.location.lat) : '' }, 'latitude');
  const lng = input({ name: 'lng', type: 'number', step: 'any', min: '-180', max: '180', value: existing?.location ? String(existing.location.lng) : '' }, 'longitude');
  // What workers see in the public finder: the station's address and its own public phone; 24 hours; the day new hours start.
  const words = (zh: string, en: string) => (lang() === 'zh' ? zh : en);
  const address = el('input', { name: 'address', value: existing?.address ?? '', size: '30', placeholder: words('地址', 'Address'), 'aria-label': words('地址', 'Address') });
  const phone = el('input', { name: 'phone', value: existing?.phone ?? '', size: '14', placeholder: words('驿站公开电话', 'Public phone'), 'aria-label': words('驿站公开电话', 'Public phone') });
  const allDay = el('input', { type: 'checkbox', name: 'is24h' });
  allDay.checked = existing?.is24h ?? false;
  const hoursFrom = el('input', { name: 'hoursFrom', type: 'date', 'aria-label': words('新营业时间生效日期（默认今天）', 'New hours take effect on (default today)') });
  const boxes = network!.services.map((s) => {
    const box = el('input', { type: 'checkbox', value: s.id });
    box.checked = existing ? existing.services.includes(s.id) : true;
    return el('label', { class: 'check' }, box, named(s, s.id));
  });
  const save = button(existing ? t('save') : t('addStation'), () => {
    const data = {
      id: id.value.trim(), name: name.value, township: township.value, seats: Number(seats.value),
      openingHours: { opens: opens.value.trim(), closes: closes.value.trim() },
      is24h: allDay.checked, hoursFrom: hoursFrom.value || undefined,
      address: address.value, phone: phone.value,
      services: boxes.map((b) => b.querySelector('input')!).filter((b) => b.checked).map((b) => b.value),
      location: lat.value.trim() === '' && lng.value.trim() === '' ? null
        : { lat: lat.value.trim() === '' ? null : Number(lat.value), lng: lng.value.trim() === '' ? null : Number(lng.value) },
    };
    void attempt(() => existing ? api.admin.editStation(existing.id, data) : api.admin.addStation(network!.id, data), existing ? 'saved' : 'added');
  }, { class: 'primary' });
  return el('div', { class: 'station-form' }, id, name, township, opens, closes,
    el('label', { class: 'check' }, allDay, words('24 小时开放', 'Open 24 hours')), el('label', { class: 'check' }, words('生效日期', 'Hours from'), hoursFrom),
    seats, lat, lng, address, phone, el('div', { class: 'checks' }, ...boxes), save);
}

function head(...keys: (TextKey | '')[]): HTMLElement {
  return el('thead', {}, el('tr', {}, ...keys.map((k) => el('th', {}, k ? t(k) : ''))));
}

function stationsSection(): HTMLElement {
  const rows = network!.stations.map((s) => {
    const qr = el('div', { class: 'pairing' });
    const cells = el('tr', { 'data-station': s.id },
      el('td', {}, s.id), el('td', {}, s.name), el('td', {}, s.township),
      el('td', {}, `${s.openingHours.opens}–${s.openingHours.closes}`),
      el('td', {}, s.retired ? t('retired') : t('inUse')),
      el('td', {},
        button(t('edit'), () => cells.after(el('tr', {}, el('td', { colspan: '6' }, stationForm(s))))),
        s.retired ? null : button(t('retire'), () => { if (confirm(`${t('confirmRetire')} ${s.name}`)) void attempt(() => api.admin.retireStation(s.id), 'retired'); }),
        s.retired ? null : button(t('pairingCode'), async () => {
          try {
            const p = await api.admin.pairingCode(s.id);
            qr.replaceChildren(el('strong', { class: 'code', 'data-code': p.code }, p.code.replace(/(\d{4})(\d{4})/, '$1 $2')),
              el('img', { alt: t('pairingCode'), src: `data:image/svg+xml;base64,${btoa(p.qrSvg)}` }),
              el('small', {}, `${t('validUntil')} ${time(p.expiresAt)}`));
          } catch (e) { say(problem(e), false); }
        }, { 'data-action': 'pairing-code' }),
        // The A4 poster with the QR code of the station's rating page, opened to print.
        s.retired ? null : el('a', { href: `/api/admin/stations/${encodeURIComponent(s.id)}/poster`, target: '_blank', rel: 'noopener', class: 'poster',
          'data-action': 'poster' }, lang() === 'zh' ? '评价海报' : 'Rating poster'), qr));
    return cells;
  });
  return el('section', {}, el('h2', {}, t('stations')),
    el('div', { class: 'scroll' }, el('table', {}, head('stationId', 'stationName', 'township', 'hours', 'status', ''), el('tbody', {}, ...rows))),
    el('h3', {}, t('addStationTitle')), stationForm());
}

function catalogSection(): HTMLElement {
  const rows = network!.services.map((s) => el('tr', { 'data-service': s.id }, el('td', {}, s.id),
    el('td', {}, input({ name: 'name', value: s.name }, 'nameZh')), el('td', {}, input({ name: 'nameEn', value: s.nameEn }, 'nameEn'))));
  const save = button(t('saveCatalog'), () => {
    const services = rows.map((r) => ({
      id: r.dataset.service!, name: r.querySelector<HTMLInputElement>('[name=name]')!.value, nameEn: r.querySelector<HTMLInputElement>('[name=nameEn]')!.value,
    }));
    void attempt(() => api.admin.setServices(network!.id, services), 'saved');
  });
  return el('section', {}, el('h2', {}, t('catalog')), el('div', { class: 'scroll' }, el('table', {}, head('stationId', 'nameZh', 'nameEn'), el('tbody', {}, ...rows))), save);
}

/**
 * The year's targets, a station per row and a service per column, as the union sets them each year for the assessment:
 * what is typed is sent, a cleared cell removes its target. Only this network's own stations; a province sets none.
 */
async function targetsSection(year: number): Promise<HTMLElement> {
  const yearSel = el('select', { id: 'targets-year', 'aria-label': t('targetYear') },
    ...[year - 1, year, year + 1].map((y) => el('option', { value: String(y) }, `${t('targetYear')} ${y}`)));
  yearSel.value = String(year);
  const section = el('section', { id: 'targets-admin' });
  yearSel.addEventListener('change', () => {
    // Typed and not saved: asked before they go with the year.
    if (cells.some((c) => c.input.value.trim() !== (c.was ? String(c.was) : '')) && !confirm(t('discardTargets'))) {
      yearSel.value = String(year);
      return;
    }
    targetsYear = Number(yearSel.value);
    void targetsSection(targetsYear).then((fresh) => section.replaceWith(fresh));
  });
  const stations = network!.stations.filter((s) => !s.retired);
  const title = el('h2', {}, t('targets'));
  if (stations.length === 0) {
    section.append(title, el('p', { class: 'muted' }, t('noOwnStations')));
    return section;
  }
  const own = new Set(stations.map((s) => s.id));
  const set = new Map((await api.targets(network!.id, year)).filter((r) => own.has(r.stationId)).map((r) => [`${r.stationId}|${r.service}`, r.target]));
  const services = network!.services;
  const cells: { input: HTMLInputElement; stationId: string; service: string; was: number }[] = [];
  const rows = stations.map((s) => el('tr', { 'data-target-station': s.id }, el('td', { class: 'name' }, s.name),
    ...services.map((x) => {
      if (!s.services.includes(x.id)) return el('td', { class: 'muted', 'data-service': x.id, title: t('notOffered'), 'aria-label': t('notOffered') }, '—');
      const was = set.get(`${s.id}|${x.id}`) ?? 0;
      const input = el('input', { type: 'number', min: '0', max: '10000000', step: '1', inputmode: 'numeric', value: was ? String(was) : '',
        'aria-label': `${s.name} · ${named(x, x.id)}`, 'data-service': x.id });
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') save.click(); });
      cells.push({ input, stationId: s.id, service: x.id, was });
      return el('td', {}, input);
    })));
  const save = button(t('saveTargets'), () => {
    const changed: { stationId: string; service: string; count: number }[] = [];
    let bad: HTMLInputElement | null = null;
    for (const c of cells) {
      const text = c.input.value.trim();
      const count = text === '' ? 0 : Number(text);
      const ok = Number.isInteger(count) && count >= 0 && count <= 10_000_000 && c.input.validity.valid;
      c.input.toggleAttribute('aria-invalid', !ok);
      if (!ok) { bad ??= c.input; continue; }
      if (count !== c.was) changed.push({ stationId: c.stationId, service: c.service, count });
    }
    if (bad) { say('badTarget'); (bad as HTMLInputElement).focus(); return; }
    if (changed.length === 0) { say('nothingChanged'); return; }
    void attempt(() => api.admin.setTargets(network!.id, year, changed), 'saved');
  }, { class: 'primary', id: 'save-targets' });
  section.append(el('div', { class: 'section-head' }, title, yearSel), el('p', { class: 'muted' }, t('targetsHow')),
    el('div', { class: 'scroll' }, el('table', { class: 'targets-grid', id: 'targets-grid' },
      el('thead', {}, el('tr', {}, el('th', {}, t('station')), ...services.map((x) => el('th', { 'data-service': x.id }, named(x, x.id))))),
      el('tbody', {}, ...rows))), save);
  return section;
}

/** This year by the network's clock (on New Year's Eve a browser elsewhere may be in another); the browser's if the zone is unknown. */
function yearIn(zone: string): number {
  try {
    return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric' }).format(new Date()));
  } catch {
    return new Date().getFullYear();
  }
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

async function devicesSection(): Promise<HTMLElement> {
  const devices = await api.admin.devices(network!.id);
  const stationName = (id: string) => network!.stations.find((s) => s.id === id)?.name ?? id;
  const rows = devices.map((d) => el('tr', { 'data-device': d.id }, el('td', {}, givenName(d.name)), el('td', {}, stationName(d.stationId)),
    el('td', {}, d.lastSeenAt ? when(d.lastSeenAt) : '—'), el('td', {}, d.revokedAt ? t('revoked') : t('valid')),
    el('td', {},
      button(t('rename'), () => { const n = prompt(t('newName'), d.name); if (n) void attempt(() => api.admin.renameDevice(d.id, n), 'renamed'); }),
      d.revokedAt ? null : button(t('revoke'), () => { if (confirm(`${t('confirmRevoke')} ${givenName(d.name)}`)) void attempt(() => api.admin.revokeDevice(d.id), 'revoked'); }))));
  return el('section', {}, el('h2', {}, t('tablets')),
    el('div', { class: 'scroll' }, el('table', {}, head('stationName', 'station', 'lastContact', 'status', ''), el('tbody', {}, ...rows))));
}

async function screensSection(): Promise<HTMLElement> {
  const links = await api.admin.screenLinks(network!.id);
  const shown = el('p', { class: 'link-url' });
  const rows = links.map((l) => el('tr', {}, el('td', {}, l.name), el('td', {}, when(l.createdAt)),
    el('td', {}, l.revokedAt ? t('revoked') : t('valid')),
    el('td', {}, l.revokedAt ? null : button(t('revoke'), () => void attempt(() => api.admin.revokeScreenLink(l.id), 'revoked')))));
  const name = input({}, 'screenName');
  const add = button(t('newScreenLink'), async () => {
    try {
      const link = await api.admin.addScreenLink(network!.id, name.value);
      shown.replaceChildren(t('shownOnce'), el('a', { href: link.url! }, link.url!));
    } catch (e) { say(problem(e), false); }
  });
  return el('section', {}, el('h2', {}, t('screenLinks')),
    el('div', { class: 'scroll' }, el('table', {}, head('screenName', 'created', 'status', ''), el('tbody', {}, ...rows))), name, add, shown);
}

async function accountsSection(): Promise<HTMLElement> {
  const accounts = await api.admin.accounts();
  const roleName = (role: string) => role === 'admin' ? t('roleAdmin') : role === 'manager' ? t('roleManager') : role;
  const scopeName = (id: string | null | undefined) => (id ? named(networks.find((n) => n.id === id), id) : t('everyNetwork'));
  const rows = accounts.map((a) => el('tr', { 'data-account': a.username }, el('td', {}, a.username), el('td', {}, givenName(a.displayName)), el('td', {}, roleName(a.role)),
    el('td', { class: 'scope' }, scopeName(a.networkId)),
    el('td', {}, a.disabled ? t('disabled') : t('valid')),
    el('td', {}, button(a.disabled ? t('enable') : t('disable'), () => void attempt(() => api.admin.editAccount(a.username, { disabled: !a.disabled }), 'saved')),
      button(t('resetPassword'), () => { const p = prompt(t('newPassword')); if (p) void attempt(() => api.admin.editAccount(a.username, { password: p }), 'saved'); }))));
  const username = input({}, 'username');
  const display = input({}, 'displayName');
  const role = el('select', { 'aria-label': t('role') }, el('option', { value: 'manager' }, t('roleManager')), el('option', { value: 'admin' }, t('roleAdmin')));
  const password = input({ type: 'password' }, 'newPassword');
  // An account scoped to a network sees and acts on that network and the networks beneath it only.
  const scope = networkPicker('new-account-scope', 'accountScope', t('everyNetwork'));
  const add = button(t('addAccount'), () => void attempt(() => api.admin.addAccount({
    username: username.value, displayName: display.value, role: role.value, password: password.value, networkId: scope.value || undefined,
  }), 'added'));
  return el('section', {}, el('h2', {}, t('accounts')),
    el('div', { class: 'scroll' }, el('table', {}, head('username', 'displayName', 'role', 'accountScope', 'status', ''), el('tbody', {}, ...rows))),
    username, display, role, scope, password, add);
}

/** A choice of network (or none), labelled, for a parent or an account's scope. */
function networkPicker(id: string, label: TextKey, none: string, chosen = '', except = ''): HTMLSelectElement {
  const picker = el('select', { id, 'aria-label': t(label), title: t(label) },
    el('option', { value: '' }, `${t(label)}: ${none}`),
    ...networks.filter((n) => n.id !== except).map((n) => el('option', { value: n.id }, `${t(label)}: ${named(n, n.id)}`)));
  picker.value = chosen;
  return picker;
}

/** The networks as a tree (a province with its cities beneath), each movable under another parent. */
function treeList(nodes: NetworkNode[]): HTMLElement {
  return el('ul', { class: 'tree' }, ...nodes.map((n) => {
    const parent = networkPicker(`parent-of-${n.id}`, 'parentNetwork', t('topLevel'), n.parentId ?? '', n.id);
    const move = button(t('moveNetwork'), () => void attempt(async () => {
      await api.admin.editNetwork(n.id, { name: n.name, nameEn: n.nameEn, timeZone: n.timeZone, parentId: parent.value });
      networks = await api.networks();
    }, 'saved'), { 'data-action': 'move' });
    return el('li', { 'data-network': n.id },
      el('span', { class: 'node' }, el('strong', {}, named(n, n.id)), ` ${n.id} · ${n.stations} ${t('wallStations')}`, parent, move),
      n.children.length ? treeList(n.children) : null);
  }));
}

async function networkForm(): Promise<HTMLElement> {
  const tree = networks.length ? treeList(await api.admin.networks()) : null;
  const id = input({ id: 'new-network-id' }, 'networkId');
  const name = input({ id: 'new-network-name' }, 'networkName');
  const nameEn = input({ id: 'new-network-name-en' }, 'networkNameEn');
  const zone = input({ id: 'new-network-zone', value: 'Asia/Shanghai' }, 'timeZone');
  const parent = networkPicker('new-network-parent', 'parentNetwork', t('topLevel'));
  const add = button(t('addNetwork'), () => void attempt(async () => {
    await api.admin.addNetwork({ id: id.value.trim(), name: name.value, nameEn: nameEn.value, timeZone: zone.value.trim(), parentId: parent.value || undefined });
    networks = await api.networks();
    networkSel.value = id.value.trim();
    label();
    networkSel.value = id.value.trim();
  }, 'added'), { id: 'add-network' });
  return el('section', {}, el('h2', {}, t('networks')), el('h3', {}, t('networkTree')), tree, el('h3', {}, t('addNetwork')), id, name, nameEn, zone, parent, add);
}

/** The words outside the sections. */
function label(): void {
  const chosen = networkSel.value;
  networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
  if (chosen) networkSel.value = chosen;
  networkSel.setAttribute('aria-label', t('networkLabel'));
  signOut.textContent = t('signOut');
  if (lastSaid && !lastSaid.startsWith('!')) status.textContent = t(lastSaid as TextKey);
}

async function show(): Promise<void> {
  if (networks.length === 0) {
    body.replaceChildren(await networkForm());
    return;
  }
  try {
    network = await api.network(networkSel.value);
    body.replaceChildren(await networkForm(), stationsSection(), catalogSection(), await targetsSection(targetsYear ??= yearIn(network.timeZone)),
      await devicesSection(), await screensSection(),
      await accountsSection());
  } catch (e) {
    say(problem(e), false);
  }
}

async function load(): Promise<void> {
  try {
    const me = await api.me();
    if (me.role !== 'admin') throw new ApiError(403, 'admin only');
    networks = await api.networks();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      app.replaceChildren(pageHeader(() => t('admin'), () => '', () => undefined), el('main', {}, loginForm(() => void load(), undefined, 'admin')));
      return;
    }
    say(problem(e), false);
    app.replaceChildren(status);
    return;
  }
  networkSel.addEventListener('change', () => void show());
  signOut.addEventListener('click', () => void api.logout().then(() => location.reload(), (e: unknown) => say(problem(e), false)));
  label();
  app.replaceChildren(pageHeader(() => t('admin'), () => '', () => { label(); void show(); }),
    el('main', {}, el('div', { class: 'filters' }, networkSel, signOut), status, body));
  await show();
}

void load();
