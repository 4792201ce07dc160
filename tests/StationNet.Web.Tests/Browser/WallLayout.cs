using Microsoft.Playwright;

namespace StationNet.Web.Tests.Browser;

/// <summary>
/// What a person standing in front of the wall sees, measured in the page: every visible piece of text is at
/// least as large as the wall promises, none runs out of or is cut off by its box or the screen, no two overlap,
/// every chart has drawn, and the map has a dot for every station.
/// </summary>
public static class WallLayout
{
    /// <summary>Sizes in CSS px at 1920×1080; the wall scales them with the viewport.</summary>
    public const double MinText = 20, MinName = 32, MinStationTotal = 48, MinNetworkTotal = 96;

    private const string Measure = """
        ([minText, minName, minStationTotal, minNetworkTotal]) => {
          const problems = [];
          const scale = Math.min(innerWidth / 1920, innerHeight / 1080);
          const tol = 1;
          const shown = (e) => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) return false;
            for (let n = e; n; n = n.parentElement) {
              const cs = getComputedStyle(n);
              if (n.hidden || cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
            }
            return true;
          };
          const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : ''} "${e.textContent.trim().slice(0, 30)}"`;
          const texts = [...document.querySelectorAll('body *')]
            .filter((e) => !(e instanceof SVGElement) && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && shown(e));
          const size = (e) => parseFloat(getComputedStyle(e).fontSize);
          // The boxes of an element's own text, one per line: as wide as the glyphs run, as tall as the line
          // (not the font's taller content area, which CJK fonts pad generously and no one sees).
          const lines = (e) => {
            const lh = parseFloat(getComputedStyle(e).lineHeight);
            const boxes = [];
            for (const n of e.childNodes) {
              if (n.nodeType !== 3 || !n.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(n);
              for (const r of range.getClientRects()) {
                if (r.width === 0) continue;
                const h = Number.isFinite(lh) ? lh : r.height;
                const c = r.top + r.height / 2;
                boxes.push({ left: r.left, right: r.right, top: c - h / 2, bottom: c + h / 2 });
              }
            }
            return boxes;
          };
          const outside = (b, r) => b.left < r.left - tol || b.top < r.top - tol || b.right > r.right + tol || b.bottom > r.bottom + tol;
          const boxesOf = new Map();
          for (const e of texts) {
            if (size(e) < minText * scale - 0.5) problems.push(`${name(e)}: ${size(e).toFixed(1)} px text, under ${(minText * scale).toFixed(1)}`);
            const own = lines(e);
            boxesOf.set(e, own);
            const cs = getComputedStyle(e);
            if (cs.display !== 'inline') {
              const r = e.getBoundingClientRect();
              const inner = { left: r.left + e.clientLeft + parseFloat(cs.paddingLeft), right: r.left + e.clientLeft + e.clientWidth - parseFloat(cs.paddingRight),
                top: r.top + e.clientTop, bottom: r.top + e.clientTop + e.clientHeight };
              if (e.scrollWidth > e.clientWidth + tol || own.some((b) => outside(b, inner))) problems.push(`${name(e)}: text runs out of its box`);
            }
            if (own.some((b) => outside(b, { left: 0, top: 0, right: innerWidth, bottom: innerHeight }))) problems.push(`${name(e)}: off the screen`);
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              const ac = getComputedStyle(a);
              if (ac.overflowX === 'visible' && ac.overflowY === 'visible') continue;
              if (own.some((b) => outside(b, a.getBoundingClientRect()))) { problems.push(`${name(e)}: cut off by ${name(a)}`); break; }
            }
          }
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const [a, b] = [texts[i], texts[j]];
              const hit = boxesOf.get(a).some((p) => boxesOf.get(b).some((q) =>
                Math.min(p.right, q.right) - Math.max(p.left, q.left) > tol && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > tol));
              if (hit) problems.push(`${name(a)} overlaps ${name(b)}`);
            }
          }
          const atLeast = (selector, min) => {
            for (const e of document.querySelectorAll(selector)) if (shown(e) && size(e) < min * scale - 0.5) problems.push(`${name(e)}: ${size(e).toFixed(1)} px, under ${(min * scale).toFixed(1)}`);
            if (![...document.querySelectorAll(selector)].some(shown)) problems.push(`nothing shown for ${selector}`);
          };
          atLeast('.tile .name', minName);
          atLeast('[data-station-total], .tile.city .tile-total', minStationTotal);
          atLeast('.kpi .n', minNetworkTotal);
          if (document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls');
          for (const id of ['chart', 'days']) {
            const canvas = document.querySelector(`#${id} canvas`);
            if (!canvas || !shown(canvas)) { problems.push(`#${id} has no canvas`); continue; }
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let drawn = 0;
            for (let k = 3; k < data.length; k += 4) if (data[k] > 0) drawn++;
            if (drawn < 500) problems.push(`#${id} has drawn only ${drawn} pixels`);
          }
          const svg = document.querySelector('#map').getBoundingClientRect();
          for (const dot of document.querySelectorAll('#map circle')) {
            const d = dot.getBoundingClientRect();
            if (d.width === 0 || d.left < svg.left - tol || d.top < svg.top - tol || d.right > svg.right + tol || d.bottom > svg.bottom + tol) problems.push(`dot ${dot.dataset.station} is off the map`);
          }
          return problems;
        }
        """;

    /// <summary>Everything a person would notice is wrong, in words; empty when the wall reads well.</summary>
    public static async Task<IReadOnlyList<string>> Problems(IPage page) =>
        await page.EvaluateAsync<string[]>(Measure, new[] { MinText, MinName, MinStationTotal, MinNetworkTotal });

    /// <summary>Waits until the wall has its numbers, its map and both charts.</summary>
    public static async Task Ready(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.querySelector('[data-station-total]') && document.querySelector('#map circle') && document.querySelectorAll('#chart canvas, #days canvas').length >= 2",
            null, new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(1200); // chart animations (300 ms) and a layout pass
    }
}
