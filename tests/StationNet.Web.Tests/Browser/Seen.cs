using Microsoft.Playwright;

namespace StationNet.Web.Tests.Browser;

/// <summary>What a person sees, measured in the page: drawn charts, tables as text, overflow, overlap and contrast.</summary>
public static class Seen
{
    /// <summary>Pixels of a chart's canvases in a saturated colour: bars, lines, pie slices and heat cells, not grey axes or text.</summary>
    public const string ColouredPixels = """
        (id) => {
          // ECharts may draw a series on a layer of its own (the heatmap does), so every canvas of the chart counts.
          const canvases = [...document.querySelectorAll(`#${id} canvas`)].filter((c) => c.width > 0);
          if (canvases.length === 0) return -1;
          let n = 0;
          for (const canvas of canvases) {
            const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) n++;
            }
          }
          return n;
        }
        """;

    /// <summary>A table's rows as the text of their cells, header and totals included.</summary>
    public const string TableText = "(selector) => [...document.querySelectorAll(`${selector} tr`)].map((r) => [...r.cells].map((c) => c.innerText.trim()))";

    /// <summary>Anything wider than the window, text that does not fit its box, controls that overlap, an export link that wraps.</summary>
    public const string LayoutFaults = """
        () => {
          const vw = document.documentElement.clientWidth;
          const bad = [];
          if (document.documentElement.scrollWidth > vw) bad.push(`page is ${document.documentElement.scrollWidth} px wide in ${vw}`);
          const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''} "${(e.textContent || '').trim().slice(0, 20)}"`;
          for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.scroll, .chart, svg, option')) continue;
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            if (r.right > vw + 1) bad.push(`${name(e)} ends at ${Math.round(r.right)}`);
            if (!['INPUT', 'SELECT', 'TEXTAREA', 'IMG', 'CANVAS'].includes(e.tagName) && e.clientWidth > 0
                && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible') bad.push(`${name(e)} overflows ${e.scrollWidth} > ${e.clientWidth}`);
          }
          const groups = document.querySelectorAll('.filters, .section-head, .exports, .glance-row, header.bar');
          for (const g of groups) {
            const boxes = [...g.children].map((e) => [e, e.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [a, ra] = boxes[i], [b, rb] = boxes[j];
              const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left), h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
              if (w > 1 && h > 1) bad.push(`${name(a)} overlaps ${name(b)}`);
            }
          }
          for (const a of document.querySelectorAll('.exports a')) if (a.getClientRects().length > 1) bad.push(`${name(a)} wraps`);
          return bad;
        }
        """;

    /// <summary>Every visible button and link with its text, colour against its background, as the WCAG contrast ratio.</summary>
    public const string Contrast = """
        () => {
          const parse = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
          const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
          const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
          const background = (e) => {
            const layers = [];
            for (let n = e; n; n = n.parentElement) {
              const c = parse(getComputedStyle(n).backgroundColor);
              if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
            }
            let colour = [255, 255, 255];
            for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
            return colour;
          };
          const out = [];
          for (const e of document.querySelectorAll('button, a')) {
            const r = e.getBoundingClientRect();
            const text = (e.innerText || '').trim();
            if (r.width === 0 || r.height === 0 || !text) continue;
            const b = background(e);
            const f = parse(getComputedStyle(e).color);
            const fg = over(f, b);
            const [hi, lo] = [lum(fg), lum(b)].sort((x, y) => y - x);
            out.push({ text: text.slice(0, 30), ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 });
          }
          return out;
        }
        """;

    /// <summary>Waits, boundedly, until the chart's canvas shows more than a few coloured pixels; fails naming the chart.</summary>
    public static async Task Drawn(IPage page, string chartId)
    {
        var pixels = -1;
        for (var i = 0; i < 60 && pixels < 200; i++)
        {
            pixels = await page.EvaluateAsync<int>(ColouredPixels, chartId);
            if (pixels < 200)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(pixels >= 200, $"chart {chartId} drew {pixels} coloured pixels for numbers that exist");
    }

    public sealed class ContrastOf
    {
        public string Text { get; set; } = "";

        public double Ratio { get; set; }
    }
}
