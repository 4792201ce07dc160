// The server's clock, as this device best knows it. Cheap tablets often keep the wrong time; an event's
// occurred-at must be the server's idea of "now", or it may be refused as too far ahead or too old.

const KEY = 'stationnet.clockSkew';
let skew = Number(localStorage.getItem(KEY) ?? '0') || 0;

export function serverNow(): Date {
  return new Date(Date.now() + skew);
}

/** Measures how far this device's clock is from the server's, and remembers it for offline use. */
export async function syncClock(): Promise<void> {
  const sent = Date.now();
  const res = await fetch('/api/about', { headers: { Accept: 'application/json' } });
  const received = Date.now();
  const now = Date.parse((await res.json()).now as string);
  if (Number.isFinite(now)) {
    skew = now + (received - sent) / 2 - received;
    localStorage.setItem(KEY, String(Math.round(skew)));
  }
}
