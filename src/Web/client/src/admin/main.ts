import { api, ApiError, type NetworkSummary, type NetworkView, type StationInfo } from '../lib/api';
import { el } from '../lib/dom';
import { named, t, time } from '../lib/i18n';
import { loginForm } from '../lib/login';
import { pageHeader } from '../lib/page';
import './admin.css';

// Administration: stations (add, edit, retire, pair a tablet), the service catalog, tablets, screen links, accounts.
// Plain forms over the admin API; every answer, good or bad, is shown in the status line.

const app = document.getElementById('app')!;
const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const networkSel = el('select', { id: 'network' });
const body = el('div', {});
let networks: NetworkSummary[] = [];
let network: NetworkView | undefined;

function say(text: string): void { status.textContent = text; }

async function attempt(action: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await action();
    say(done);
    await show();
  } catch (e) {
    say(e instanceof ApiError ? `${e.status}: ${e.message}` : String(e));
  }
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function stationForm(existing?: StationInfo): HTMLElement {
  const id = el('input', { name: 'id', placeholder: 'station-id', value: existing?.id ?? '' });
  if (existing) id.disabled = true;
  const name = el('input', { name: 'name', placeholder: '驿站名称 Name', value: existing?.name ?? '' });
  const township = el('input', { name: 'township', placeholder: '街道 Township', value: existing?.township ?? '' });
  const opens = el('input', { name: 'opens', value: existing?.openingHours.opens ?? '07:00', size: '5' });
  const closes = el('input', { name: 'closes', value: existing?.openingHours.closes ?? '21:00', size: '5' });
  const seats = el('input', { name: 'seats', type: 'number', value: String(existing?.seats ?? 10), min: '0', max: '1000' });
  const allDay = el('input', { type: 'checkbox', name: 'is24h' });
  allDay.checked = existing?.is24h ?? false;
  const hoursFrom = el('input', { name: 'hoursFrom', type: 'date', title: '新营业时间生效日期 New hours take effect on (default today)' });
  const address = el('input', { name: 'address', placeholder: '地址 Address', value: existing?.address ?? '', size: '30' });
  const lat = el('input', { name: 'lat', placeholder: '纬度 Lat (WGS-84)', value: existing?.location ? String(existing.location.lat) : '', size: '10' });
  const lng = el('input', { name: 'lng', placeholder: '经度 Lng (WGS-84)', value: existing?.location ? String(existing.location.lng) : '', size: '10' });
  const phone = el('input', { name: 'phone', placeholder: '驿站公开电话 Public phone', value: existing?.phone ?? '', size: '14' });
  const boxes = network!.services.map((s) => {
    const box = el('input', { type: 'checkbox', value: s.id });
    box.checked = existing ? existing.services.includes(s.id) : true;
    return el('label', { class: 'check' }, box, named(s, s.id));
  });
  const save = button(existing ? '保存 Save' : '添加驿站 Add station', () => {
    const data = {
      id: id.value.trim(), name: name.value, township: township.value, seats: Number(seats.value),
      openingHours: { opens: opens.value.trim(), closes: closes.value.trim() },
      is24h: allDay.checked, hoursFrom: hoursFrom.value || undefined,
      address: address.value, phone: phone.value,
      location: lat.value.trim() && lng.value.trim() ? { lat: Number(lat.value), lng: Number(lng.value) } : undefined,
      services: boxes.map((b) => b.querySelector('input')!).filter((b) => b.checked).map((b) => b.value),
    };
    void attempt(() => existing ? api.admin.editStation(existing.id, data) : api.admin.addStation(network!.id, data), existing ? 'Saved 已保存' : 'Added 已添加');
  }, { class: 'primary' });
  return el('div', { class: 'station-form' }, id, name, township, opens, closes,
    el('label', { class: 'check' }, allDay, '24 小时 24 hours'), el('label', { class: 'check' }, '生效 From', hoursFrom), seats,
    el('div', {}, address, lat, lng, phone), el('div', { class: 'checks' }, ...boxes), save);
}

function stationsSection(): HTMLElement {
  const rows = network!.stations.map((s) => {
    const qr = el('div', { class: 'pairing' });
    const cells = el('tr', { 'data-station': s.id },
      el('td', {}, s.id), el('td', {}, s.name), el('td', {}, s.township),
      el('td', {}, `${s.openingHours.opens}–${s.openingHours.closes}`),
      el('td', {}, s.retired ? '已停用 Retired' : '在用 Active'),
      el('td', {},
        button('编辑 Edit', () => cells.after(el('tr', {}, el('td', { colspan: '6' }, stationForm(s))))),
        s.retired ? null : button('停用 Retire', () => { if (confirm(`Retire ${s.name}?`)) void attempt(() => api.admin.retireStation(s.id), 'Retired 已停用'); }),
        s.retired ? null : button('配对码 Pairing code', async () => {
          try {
            const p = await api.admin.pairingCode(s.id);
            qr.replaceChildren(el('strong', { class: 'code', 'data-code': p.code }, p.code.replace(/(\d{4})(\d{4})/, '$1 $2')),
              el('img', { alt: 'QR', src: `data:image/svg+xml;base64,${btoa(p.qrSvg)}` }),
              el('small', {}, `有效至 valid until ${time(p.expiresAt)}`));
          } catch (e) { say(String(e)); }
        }), qr));
    return cells;
  });
  return el('section', {}, el('h2', {}, '驿站 Stations'),
    el('table', {}, el('thead', {}, el('tr', {}, ...['ID', '名称 Name', '街道 Township', '时间 Hours', '状态 Status', ''].map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)),
    el('h3', {}, '添加驿站 Add a station'), stationForm());
}

function catalogSection(): HTMLElement {
  const rows = network!.services.map((s) => el('tr', { 'data-service': s.id }, el('td', {}, s.id),
    el('td', {}, el('input', { name: 'name', value: s.name })), el('td', {}, el('input', { name: 'nameEn', value: s.nameEn }))));
  const save = button('保存目录 Save catalog', () => {
    const services = rows.map((r) => ({
      id: r.dataset.service!, name: r.querySelector<HTMLInputElement>('[name=name]')!.value, nameEn: r.querySelector<HTMLInputElement>('[name=nameEn]')!.value,
    }));
    void attempt(() => api.admin.setServices(network!.id, services), 'Saved 已保存');
  });
  return el('section', {}, el('h2', {}, '服务目录 Service catalog'), el('table', {}, el('tbody', {}, ...rows)), save);
}

async function devicesSection(): Promise<HTMLElement> {
  const devices = await api.admin.devices(network!.id);
  const rows = devices.map((d) => el('tr', { 'data-device': d.id }, el('td', {}, d.name), el('td', {}, d.stationId),
    el('td', {}, d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString() : '—'), el('td', {}, d.revokedAt ? '已吊销 Revoked' : '有效 Active'),
    el('td', {},
      button('改名 Rename', () => { const n = prompt('Name', d.name); if (n) void attempt(() => api.admin.renameDevice(d.id, n), 'Renamed'); }),
      d.revokedAt ? null : button('吊销 Revoke', () => { if (confirm(`Revoke ${d.name}?`)) void attempt(() => api.admin.revokeDevice(d.id), 'Revoked 已吊销'); }))));
  return el('section', {}, el('h2', {}, '平板 Tablets'),
    el('table', {}, el('thead', {}, el('tr', {}, ...['名称 Name', '驿站 Station', '最近联系 Last contact', '状态 Status', ''].map((h) => el('th', {}, h)))), el('tbody', {}, ...rows)));
}

async function screensSection(): Promise<HTMLElement> {
  const links = await api.admin.screenLinks(network!.id);
  const shown = el('p', { class: 'link-url' });
  const rows = links.map((l) => el('tr', {}, el('td', {}, l.name), el('td', {}, new Date(l.createdAt).toLocaleString()),
    el('td', {}, l.revokedAt ? '已吊销 Revoked' : '有效 Active'),
    el('td', {}, l.revokedAt ? null : button('吊销 Revoke', () => void attempt(() => api.admin.revokeScreenLink(l.id), 'Revoked 已吊销')))));
  const name = el('input', { placeholder: '大屏名称 Screen name' });
  const add = button('新建大屏链接 New screen link', async () => {
    try {
      const link = await api.admin.addScreenLink(network!.id, name.value);
      shown.replaceChildren('链接只显示这一次 Shown only once: ', el('a', { href: link.url! }, link.url!));
    } catch (e) { say(String(e)); }
  });
  return el('section', {}, el('h2', {}, '大屏链接 Screen links'), el('table', {}, el('tbody', {}, ...rows)), name, add, shown);
}

async function accountsSection(): Promise<HTMLElement> {
  const accounts = await api.admin.accounts();
  const rows = accounts.map((a) => el('tr', {}, el('td', {}, a.username), el('td', {}, a.displayName), el('td', {}, a.role),
    el('td', {}, a.disabled ? '已停用 Disabled' : '有效 Active'),
    el('td', {}, button(a.disabled ? '启用 Enable' : '停用 Disable', () => void attempt(() => api.admin.editAccount(a.username, { disabled: !a.disabled }), 'Saved')),
      button('重设密码 Reset password', () => { const p = prompt('New password (10+)'); if (p) void attempt(() => api.admin.editAccount(a.username, { password: p }), 'Saved'); }))));
  const username = el('input', { placeholder: 'username' });
  const display = el('input', { placeholder: '显示名 Display name' });
  const role = el('select', {}, el('option', { value: 'manager' }, 'manager'), el('option', { value: 'admin' }, 'admin'));
  const password = el('input', { type: 'password', placeholder: 'password (10+)' });
  const add = button('添加账户 Add account', () => void attempt(() => api.admin.addAccount({
    username: username.value, displayName: display.value, role: role.value, password: password.value,
  }), 'Added 已添加'));
  return el('section', {}, el('h2', {}, '账户 Accounts'), el('table', {}, el('tbody', {}, ...rows)), username, display, role, password, add);
}

function networkForm(): HTMLElement {
  const id = el('input', { id: 'new-network-id', placeholder: 'network-id' });
  const name = el('input', { id: 'new-network-name', placeholder: '网络名称' });
  const nameEn = el('input', { id: 'new-network-name-en', placeholder: 'Network name' });
  const zone = el('input', { id: 'new-network-zone', value: 'Asia/Shanghai' });
  const add = button('新建网络 Add network', () => void attempt(async () => {
    await api.admin.addNetwork({ id: id.value.trim(), name: name.value, nameEn: nameEn.value, timeZone: zone.value.trim() });
    networks = await api.networks();
    networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
    networkSel.value = id.value.trim();
  }, 'Added 已添加'), { id: 'add-network' });
  return el('section', {}, el('h2', {}, '驿站网络 Networks'), id, name, nameEn, zone, add);
}

async function show(): Promise<void> {
  network = await api.network(networkSel.value);
  body.replaceChildren(networkForm(), stationsSection(), catalogSection(), await devicesSection(), await screensSection(), await accountsSection());
}

async function load(): Promise<void> {
  try {
    const me = await api.me();
    if (me.role !== 'admin') throw new ApiError(403, 'admin only');
    networks = await api.networks();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      app.replaceChildren(pageHeader(() => t('admin'), () => '', () => undefined), el('main', {}, loginForm(() => void load())));
      return;
    }
    throw e;
  }
  networkSel.replaceChildren(...networks.map((n) => el('option', { value: n.id }, named(n, n.id))));
  networkSel.addEventListener('change', () => void show());
  const signOut = button(t('signOut'), async () => { await api.logout(); location.reload(); });
  app.replaceChildren(pageHeader(() => t('admin'), () => '', () => void show()), el('main', {}, el('div', { class: 'filters' }, networkSel, signOut), status, body));
  if (networks.length > 0) await show(); else body.replaceChildren(networkForm());
}

void load();
