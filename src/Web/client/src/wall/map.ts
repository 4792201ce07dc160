// A schematic map of the stations, drawn from their coordinates with no map tiles: the service centre may have no
// internet. Web Mercator, so a configured tile basemap (256 px tiles, {z}/{x}/{y}) lines up under the dots when there is one.

const SVG = 'http://www.w3.org/2000/svg';

export interface MapStation { id: string; lat: number; lng: number; status: string; count: number; onPage: boolean; }

/** Web Mercator in world pixels at zoom 0 (a 256 px square). */
function project(lat: number, lng: number): [number, number] {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lng + 180) / 360) * 256, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256];
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export class StationMap {
  private readonly dots = new Map<string, SVGCircleElement>();
  private readonly tilesLayer = node('g', { class: 'basemap' });
  private readonly dotsLayer = node('g', { class: 'dots' });
  private key = '';
  private scale = 1;
  private origin: [number, number] = [0, 0];

  constructor(private readonly svg: SVGSVGElement, private readonly tiles: string | null) {
    svg.append(this.tilesLayer, this.dotsLayer);
  }

  /** Places and colours every dot; the projection is recomputed only when the stations or the panel size change. */
  update(stations: MapStation[]): void {
    const width = this.svg.clientWidth;
    const height = this.svg.clientHeight;
    if (width === 0 || height === 0) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
    const key = `${width}x${height}:${stations.map((s) => `${s.id}@${s.lat},${s.lng}`).join(';')}`;
    if (key !== this.key) this.fit(stations, width, height, rem, key);
    const max = Math.max(1, ...stations.map((s) => s.count));
    const few = stations.length <= 60;
    const [rMin, rMax] = few ? [rem * 0.35, rem * 1.1] : [rem * 0.18, rem * 0.6];
    for (const s of stations) {
      const dot = this.dots.get(s.id)!;
      dot.setAttribute('r', (rMin + (rMax - rMin) * Math.sqrt(s.count / max)).toFixed(1));
      dot.setAttribute('class', `dot ${s.status}${s.onPage ? ' on-page' : ''}`);
    }
  }

  private fit(stations: MapStation[], width: number, height: number, rem: number, key: string): void {
    this.key = key;
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const points = stations.map((s) => project(s.lat, s.lng));
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = rem * 1.4;
    this.scale = Math.min((width - 2 * pad) / Math.max(x1 - x0, 1e-6), (height - 2 * pad) / Math.max(y1 - y0, 1e-6));
    if (!Number.isFinite(this.scale) || this.scale > 2 ** 20) this.scale = 2 ** 16; // one station, or all in one spot
    this.origin = [(x0 + x1) / 2 - width / 2 / this.scale, (y0 + y1) / 2 - height / 2 / this.scale];
    for (const id of [...this.dots.keys()]) if (!stations.some((s) => s.id === id)) { this.dots.get(id)!.remove(); this.dots.delete(id); }
    stations.forEach((s, i) => {
      let dot = this.dots.get(s.id);
      if (!dot) {
        dot = node('circle', { 'data-station': s.id });
        this.dots.set(s.id, dot);
        this.dotsLayer.append(dot);
      }
      dot.setAttribute('cx', ((points[i][0] - this.origin[0]) * this.scale).toFixed(1));
      dot.setAttribute('cy', ((points[i][1] - this.origin[1]) * this.scale).toFixed(1));
    });
    this.drawTiles(width, height);
  }

  /** The configured basemap's tiles that cover the panel, at the zoom nearest the map's scale. */
  private drawTiles(width: number, height: number): void {
    this.tilesLayer.replaceChildren();
    if (!this.tiles) return;
    const z = Math.max(0, Math.min(19, Math.round(Math.log2(this.scale))));
    const size = (256 / 2 ** z) * this.scale; // one tile, in screen pixels
    const [ox, oy] = this.origin.map((o) => o * 2 ** z / 256);
    const n = 2 ** z;
    for (let ty = Math.floor(oy); ty < oy + height / size; ty++) {
      for (let tx = Math.floor(ox); tx < ox + width / size; tx++) {
        if (ty < 0 || ty >= n) continue;
        const href = this.tiles.replace('{z}', String(z)).replace('{x}', String(((tx % n) + n) % n)).replace('{y}', String(ty));
        this.tilesLayer.append(node('image', { href, x: ((tx - ox) * size).toFixed(1), y: ((ty - oy) * size).toFixed(1), width: size.toFixed(1), height: size.toFixed(1) }));
      }
    }
  }
}
