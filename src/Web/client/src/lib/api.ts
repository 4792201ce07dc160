// The HTTP contract of docs/api.md, typed for the pages.

export type Counts = Record<string, number>;

export interface ServiceKind { id: string; name: string; nameEn: string; }

export interface OpeningHours { opens: string; closes: string; }

export interface StationInfo {
  id: string; networkId: string; name: string; township: string;
  services: string[]; openingHours: OpeningHours; seats: number; retired: boolean;
  address?: string; location?: { lat: number; lng: number } | null; phone?: string; is24h?: boolean;
  hoursHistory?: { from: string; hours: OpeningHours }[] | null;
}

export interface NetworkSummary { id: string; name: string; nameEn: string; timeZone: string; isSample: boolean; parentId?: string | null; }

/** A child network on its parent's wall: where each station beneath it stands. */
export interface ChildNetworkView { id: string; name: string; nameEn: string; isSample: boolean; stations: { id: string; name: string; location: { lat: number; lng: number } | null }[]; }

/** A child network's live summary (a province's city): today's totals, month and year before today, open of all stations. */
export interface NetworkRollup { networkId: string; name: string; nameEn: string; day: string; totals: Counts; monthBefore: Counts; yearBefore: Counts; openNow: number; stations: number; isSample: boolean; }

/** A network in the admin tree. */
export interface NetworkNode { id: string; name: string; nameEn: string; timeZone: string; isSample: boolean; parentId: string | null; stations: number; children: NetworkNode[]; }

export interface NetworkView extends NetworkSummary {
  services: ServiceKind[]; workerGroups: ServiceKind[]; stations: StationInfo[];
  map?: { tiles: string; attribution: string | null } | null;
  parentId?: string | null; children?: ChildNetworkView[];
}

export interface StationView extends StationInfo {
  day: string; counts: Counts; hourly: Record<string, number[]>; lastEventAt: string | null;
}

export interface EventReply { id: string; duplicate: boolean; stationId: string; day: string; counts: Counts; lastEventAt: string | null; }

/** One event's answer in a batch: counted or duplicate, or refused (400) or conflict (409) with its problem. */
export interface BatchResult { id: string | null; status: 'counted' | 'duplicate' | 'refused' | 'conflict'; duplicate: boolean; problem: { status: number; detail: string; field: string | null } | null; }

export interface BatchReply { stationId: string; day: string; counts: Counts; lastEventAt: string | null; results: BatchResult[]; }

export interface VoidReply { eventId: string; voided: boolean; alreadyVoided: boolean; stationId: string; day: string; counts: Counts; }

/** A station's one status word; later issues add late and unreachable. */
export type StationStatus = 'open' | 'open-silent' | 'closed' | 'late' | 'unreachable';

export interface SnapshotStation { stationId: string; name: string; counts: Counts; lastEventAt: string | null; status?: StationStatus | null; }

export interface DayTotal { day: string; count: number; }

export interface TickerItem { stationId: string; service: string; quantity: number; workerGroup: string | null; occurredAt: string; }

export interface LiveSnapshot {
  networkId: string; day: string; version: number; totals: Counts; stations: SnapshotStation[];
  hourly: Record<string, number[]>; yesterdayHourly: Record<string, number[]>;
  monthBefore: Counts; yearBefore: Counts; groups: Counts; recent: TickerItem[];
  lastWeekHourly: Record<string, number[]>; monthLastYear: Counts; yearLastYear: Counts; lastYearHourly?: Record<string, number[]>; days: DayTotal[]; openNow: number;
  children?: NetworkRollup[];
}

export interface LiveChanges {
  networkId: string; version: number; day: string; totals: Counts;
  stations: { stationId: string; counts: Counts; lastEventAt: string | null; status?: StationStatus | null }[];
  hourly: Record<string, number[]>; groups: Counts; recent: TickerItem[];
  monthBefore?: Counts | null; yearBefore?: Counts | null; days?: DayTotal[] | null;
  yesterdayHourly?: Record<string, number[]> | null; lastWeekHourly?: Record<string, number[]> | null; openNow?: number;
  children?: NetworkRollup[] | null;
}

export interface FeedbackNote { at: string; status: string; note: string | null; by: string; }

export interface FeedbackItem {
  id: string; networkId: string; stationId: string; day: string; createdAt: string; rating: number; tags: string[];
  comment: string | null; status: string; resolvedOn: string | null; notes: FeedbackNote[];
}

export interface StationSatisfaction {
  stationId: string; name: string; ratings: number; mean: number | null; lowShare: number | null; openComplaints: number; networkId?: string | null;
}

export interface DailyCount { day: string; stationId: string; service: string; count: number; }

export interface AuditLine {
  eventId: string; kind: 'event' | 'void'; stationId: string; service: string; quantity: number; occurredAt: string; recordedAt: string;
  day: string; attendant: string | null; workerGroup: string | null; device: string | null; deviceName: string | null;
}

export interface SummaryStation { stationId: string; name: string; counts: Counts; total: number; }

export interface SummaryPeriod { from: string; to: string; stations: SummaryStation[]; totals: Counts; total: number; }

export interface SummaryReport extends SummaryPeriod {
  networkId: string; services: string[]; lastYear: SummaryPeriod | null;
  /** On a parent network: each child network's totals (its stations only with detail=stations). */
  children?: { networkId: string; name: string; nameEn: string; counts: Counts; total: number; lastYear?: number | null }[];
}

export interface About { storage: string; dataKept: boolean; now: string; }

export interface Me { kind: 'account' | 'tablet' | 'screen'; name: string; role: string; stationId: string | null; networkId: string | null; }

export interface DeviceInfo { id: string; networkId: string; stationId: string; name: string; pairedAt: string; lastSeenAt: string | null; revokedAt: string | null; }

export interface AccountInfo { username: string; displayName: string; role: string; disabled: boolean; createdAt: string; lastSignInAt: string | null; networkId?: string | null; }

export interface ScreenLink { id: string; networkId: string; name: string; createdAt: string; revokedAt: string | null; url: string | null; }

export interface PairingView { code: string; stationId: string; expiresAt: string; url: string; qrSvg: string; }

/** A problem-details answer, carried as an error with its clear `detail`. */
export class ApiError extends Error {
  /** retryAfterMs: what the server's Retry-After asked for, 0 when it said nothing. */
  constructor(readonly status: number, detail: string, readonly retryAfterMs = 0) { super(detail); }
}

// A tablet or a wall screen carries a bearer token; a person carries the sign-in cookie, and then every
// write also carries the antiforgery header.
let bearer: string | null = null;
let xsrf: string | null = null;

export function useToken(token: string | null): void { bearer = token; }

export function currentToken(): string | null { return bearer; }

async function antiforgery(refresh = false): Promise<string> {
  if (!xsrf || refresh) {
    const res = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
    xsrf = (await res.json()).token as string;
  }
  return xsrf;
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  else if (method !== 'GET') headers['X-XSRF-TOKEN'] = await antiforgery();
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    let detail = `${res.status} ${res.statusText}`;
    try { detail = (await res.json()).detail ?? detail; } catch { /* not JSON */ }
    throw new ApiError(res.status, detail);
  }
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export interface SupplyBatch { expiresOn: string; quantity: number; }

export interface SupplyLevel {
  item: string; name: string; nameEn: string; unit: string; onHand: number; lowAt: number; low: boolean; negative: boolean;
  expiring: SupplyBatch[]; expired: number; expires: boolean; unitEn?: string | null;
}

export interface SupplyWarning extends SupplyLevel { stationId: string; station: string; networkId?: string | null; }

export interface SupplyReportRow {
  stationId: string; station: string; item: string; name: string; nameEn: string; unit: string;
  opening: number; received: number; handedOut: number; discarded: number; adjusted: number; closing: number; unitEn?: string | null;
  networkId?: string | null;
}

export const api = {
  about: () => send<About>('GET', '/api/about'),
  networks: () => send<NetworkSummary[]>('GET', '/api/networks'),
  network: (id: string) => send<NetworkView>('GET', `/api/networks/${encodeURIComponent(id)}`),
  live: (id: string) => send<LiveSnapshot>('GET', `/api/networks/${encodeURIComponent(id)}/live`),
  station: (id: string) => send<StationView>('GET', `/api/stations/${encodeURIComponent(id)}`),
  postEvent: (stationId: string, body: { id: string; service: string; quantity?: number; workerGroup?: string; attendant?: string }) =>
    send<EventReply>('POST', `/api/stations/${encodeURIComponent(stationId)}/events`, body),
  voidEvent: (stationId: string, eventId: string) =>
    send<VoidReply>('DELETE', `/api/stations/${encodeURIComponent(stationId)}/events/${encodeURIComponent(eventId)}`),
  supplies: (stationId: string) =>
    send<{ stationId: string; day: string; items: SupplyLevel[] }>('GET', `/api/stations/${encodeURIComponent(stationId)}/supplies`),
  supplyWarnings: (networkId: string) => send<SupplyWarning[]>('GET', `/api/networks/${encodeURIComponent(networkId)}/supplies/warnings`),
  suppliesReport: (networkId: string, from: string, to: string) =>
    send<SupplyReportRow[]>('GET', `/api/reports/supplies?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}`),
  daily: (networkId: string, from: string, to: string) =>
    send<DailyCount[]>('GET', `/api/reports/daily?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}`),
  summary: (networkId: string, from: string, to: string, lastYear: boolean, stationId = '') =>
    send<SummaryReport>('GET', `/api/reports/summary?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}${lastYear ? '&compare=lastYear' : ''}${stationId ? `&stationId=${encodeURIComponent(stationId)}` : ''}`),
  yearly: (networkId: string, year: number) =>
    send<{ networkId: string; year: number; lines: { category: string; name: string; nameEn: string; count: number }[] }>('GET', `/api/reports/yearly?networkId=${encodeURIComponent(networkId)}&year=${year}`),
  hourly: (networkId: string, day: string, stationId = '') =>
    send<{ day: string; hourly: Record<string, number[]> }>('GET', `/api/reports/hourly?networkId=${encodeURIComponent(networkId)}&day=${day}${stationId ? `&stationId=${encodeURIComponent(stationId)}` : ''}`),
  hours: (networkId: string, from: string, to: string, stationId = '') =>
    send<{ networkId: string; from: string; to: string; stations: { stationId: string; name: string; hours: number[] }[] }>(
      'GET', `/api/reports/hours?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}${stationId ? `&stationId=${encodeURIComponent(stationId)}` : ''}`),
  audit: (networkId: string, from: string, to: string, stationId: string, kind: string, before?: string) =>
    send<AuditLine[]>('GET', `/api/reports/audit?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}${stationId ? `&stationId=${encodeURIComponent(stationId)}` : ''}${kind ? `&kind=${kind}` : ''}${before ? `&before=${encodeURIComponent(before)}` : ''}&limit=50`),
  targets: (networkId: string, year: number) =>
    send<{ stationId: string; name: string; service: string; target: number; actual: number; progress: number }[]>('GET', `/api/reports/targets?networkId=${encodeURIComponent(networkId)}&year=${year}`),
  compliance: (networkId: string, from: string, to: string) =>
    send<{ stationId: string; name: string; openHours: number; silentHours: number; silentDays: number; silent: { day: string; hours: number[] }[] }[]>(
      'GET', `/api/reports/compliance?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}`),
  feedback: (networkId: string, from: string, to: string, stationId: string, status: string) =>
    send<FeedbackItem[]>('GET', `/api/reports/feedback?networkId=${encodeURIComponent(networkId)}&from=${from}&to=${to}${stationId ? `&stationId=${encodeURIComponent(stationId)}` : ''}${status ? `&status=${status}` : ''}`),
  satisfaction: (networkId: string, to: string) =>
    send<StationSatisfaction[]>('GET', `/api/reports/satisfaction?networkId=${encodeURIComponent(networkId)}&to=${to}`),
  networkSatisfaction: (networkId: string) => send<StationSatisfaction[]>('GET', `/api/networks/${encodeURIComponent(networkId)}/satisfaction`),
  followUp: (id: string, status: string, note: string) => send<FeedbackItem>('PATCH', `/api/admin/feedback/${encodeURIComponent(id)}`, { status, note: note || null }),
  assessment: (networkId: string, year: number) => send<unknown>('GET', `/api/reports/assessment?networkId=${encodeURIComponent(networkId)}&year=${year}`),
  me: () => send<Me>('GET', '/api/auth/me'),
  login: async (username: string, password: string) => {
    const me = await send<Me>('POST', '/api/auth/login', { username, password });
    await antiforgery(true); // the token belongs to the signed-in user
    return me;
  },
  logout: async () => { await send<void>('POST', '/api/auth/logout'); await antiforgery(true); },
  pair: (code: string, name: string) =>
    send<{ token: string; deviceId: string; stationId: string; networkId: string }>('POST', '/api/pair', { code, name }),
  admin: {
    networks: () => send<NetworkNode[]>('GET', '/api/admin/networks'),
    addNetwork: (n: unknown) => send<NetworkSummary>('POST', '/api/admin/networks', n),
    editNetwork: (id: string, n: unknown) => send<NetworkSummary>('PUT', `/api/admin/networks/${encodeURIComponent(id)}`, n),
    addStation: (networkId: string, s: unknown) => send<StationInfo>('POST', `/api/admin/networks/${encodeURIComponent(networkId)}/stations`, s),
    editStation: (id: string, s: unknown) => send<StationInfo>('PUT', `/api/admin/stations/${encodeURIComponent(id)}`, s),
    retireStation: (id: string) => send<StationInfo>('POST', `/api/admin/stations/${encodeURIComponent(id)}/retire`),
    setServices: (networkId: string, services: ServiceKind[]) => send<ServiceKind[]>('PUT', `/api/admin/networks/${encodeURIComponent(networkId)}/services`, services),
    /** Sets the changed targets of a year; a count of 0 removes one. */
    setTargets: (networkId: string, year: number, targets: { stationId: string; service: string; count: number }[]) =>
      send<{ stationId: string; service: string; count: number }[]>('PUT', `/api/admin/networks/${encodeURIComponent(networkId)}/targets/${year}`, targets),
    pairingCode: (stationId: string) => send<PairingView>('POST', `/api/admin/stations/${encodeURIComponent(stationId)}/pairing-codes`),
    devices: (networkId: string) => send<DeviceInfo[]>('GET', `/api/admin/networks/${encodeURIComponent(networkId)}/devices`),
    renameDevice: (id: string, name: string) => send<DeviceInfo>('PATCH', `/api/admin/devices/${id}`, { name }),
    revokeDevice: (id: string) => send<DeviceInfo>('POST', `/api/admin/devices/${id}/revoke`),
    accounts: () => send<AccountInfo[]>('GET', '/api/admin/accounts'),
    addAccount: (a: unknown) => send<AccountInfo>('POST', '/api/admin/accounts', a),
    editAccount: (username: string, a: unknown) => send<AccountInfo>('PATCH', `/api/admin/accounts/${encodeURIComponent(username)}`, a),
    screenLinks: (networkId: string) => send<ScreenLink[]>('GET', `/api/admin/networks/${encodeURIComponent(networkId)}/screen-links`),
    addScreenLink: (networkId: string, name: string) => send<ScreenLink>('POST', `/api/admin/networks/${encodeURIComponent(networkId)}/screen-links`, { name }),
    revokeScreenLink: (id: string) => send<ScreenLink>('POST', `/api/admin/screen-links/${id}/revoke`),
  },
};

/** A UUID for a new event; crypto.randomUUID needs a secure context, which a tablet on plain HTTP is not. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function total(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
