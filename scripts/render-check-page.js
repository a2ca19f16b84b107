// Runs inside the headless Chromium page of scripts/render-check.ts (browser code, after mermaid.min.js):
// parses and renders every Mermaid block as GitHub would, and measures what was drawn.
/* global document, mermaid */

// Why: a parse error must be reported, not drawn as an error picture; an empty drawing is a failure too.
window.renderDiagrams = async function renderDiagrams() {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const out = [];
  const blocks = [...document.querySelectorAll('pre.mermaid-source')];
  for (const [i, block] of blocks.entries()) {
    const text = block.textContent ?? '';
    const tasksInSource = text.split('\n').filter((l) => / :(milestone|crit), /.test(l)).length;
    try {
      await mermaid.parse(text);
      const { svg } = await mermaid.render(`diagram${i}`, text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      block.replaceWith(holder);
      const box = holder.querySelector('svg')?.getBBox() ?? { width: 0, height: 0 };
      out.push({ tasksInSource, tasksDrawn: holder.querySelectorAll('rect.task').length, width: box.width, height: box.height });
    } catch (e) {
      out.push({ error: String(e?.message ?? e).split('\n').slice(0, 3).join(' '), tasksInSource, tasksDrawn: 0, width: 0, height: 0 });
    }
  }
  return out;
};

// Why: the screenshot ends just below the picture: what a reader sees first.
window.pictureBottom = function pictureBottom() {
  const svg = document.querySelector('svg');
  return svg ? Math.ceil(svg.getBoundingClientRect().bottom + window.scrollY + 24) : 1200;
};
