// WGS-84 (GPS, the browser) to GCJ-02, the offset coordinates Amap and Baidu Maps expect in China: the standard
// eviltransform algorithm (github.com/googollee/eviltransform). Outside China the two are the same.

const A = 6378245.0;
const EE = 0.00669342162296594323;

export function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return ret;
}

export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outOfChina(lat, lng)) return { lat, lng };
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = lat / 180.0 * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
  dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return { lat: lat + dLat, lng: lng + dLng };
}

/** Great-circle distance in metres between two WGS-84 points (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => d * Math.PI / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-tap navigation on Amap (uri.amap.com, walking from where the phone is) to a station, in GCJ-02. */
export function amapLink(lat: number, lng: number, name: string): string {
  const p = wgs84ToGcj02(lat, lng);
  return `https://uri.amap.com/navigation?to=${p.lng.toFixed(6)},${p.lat.toFixed(6)},${encodeURIComponent(name)}&mode=walk&coordinate=gaode&callnative=1&src=stationnet`;
}

/** The station on Baidu Maps (api.map.baidu.com/marker, with 到这去 for directions), given in GCJ-02. */
export function baiduLink(lat: number, lng: number, name: string, address: string): string {
  const p = wgs84ToGcj02(lat, lng);
  return `https://api.map.baidu.com/marker?location=${p.lat.toFixed(6)},${p.lng.toFixed(6)}&title=${encodeURIComponent(name)}&content=${encodeURIComponent(address || name)}&coord_type=gcj02&output=html&src=stationnet`;
}
