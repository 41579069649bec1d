// Reflow check (WCAG 2.1, 1.4.10) of the exercises on the page as it is drawn now,
// with what makes a field visible (1.4.11): borders, placeholders, sliders, whole choices.
// Called by tests/test_reflow.py as page.evaluate(thisFile, limits); usable on any
// page with ipywidgets (the website's embedded widgets and the live course).
// Returns what it measured and a list of problems, each in one readable line.
(limits) => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const widgetOf = (e) => e.closest('.lm-Widget');
  const text = (e) => (e.textContent || '').replace(/\s+/g, ' ').trim();
  // A readable name for a control in the report: its label, or its widget's label.
  const name = (e) => {
    const own = (e.labels && e.labels.length ? text(e.labels[0]) : '') || e.getAttribute('aria-label')
      || (e.getAttribute('aria-labelledby') && text(document.getElementById(e.getAttribute('aria-labelledby')) || e))
      || (e.tagName === 'BUTTON' ? text(e) || e.title : '');
    const widget = widgetOf(e);
    const label = widget && widget.querySelector(':scope > .widget-label');
    const kind = e.getAttribute('role') || (e.type && e.tagName === 'INPUT' ? `input[${e.type}]` : e.tagName.toLowerCase());
    return `${kind} «${(own || (label && text(label)) || '?').slice(0, 50)}»`;
  };
  const px = (n) => `${Math.round(n)} px`;
  const intersect = (a, b) => {
    const left = Math.max(a.left, b.left), right = Math.min(a.right, b.right);
    const top = Math.max(a.top, b.top), bottom = Math.min(a.bottom, b.bottom);
    return right - left > 1 && bottom - top > 1 ? {left, right, top, bottom} : null;
  };
  // The part of a box that is not cut off by its ancestors. Sideways: by any
  // frame that does not let its content show outside it (what sticks out of
  // a frame that scrolls sideways has to be scrolled to). Up and down: only
  // by frames that hide their overflow, and only below the nearest frame that
  // scrolls vertically (the page, or the live course's app shell), since
  // everything in that frame can be scrolled into view.
  const clipped = (box, from) => {
    let r = {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
    let scrolls = false;
    for (let a = from; a && a !== document.body && r; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const frame = a.getBoundingClientRect();
      const cuts = !scrolls && (s.overflowY === 'hidden' || s.overflowY === 'clip');
      r = intersect(r, {left: frame.left, right: frame.right,
                        top: cuts ? frame.top : -Infinity, bottom: cuts ? frame.bottom : Infinity});
      scrolls = scrolls || s.overflowY === 'auto' || s.overflowY === 'scroll';
    }
    return r;
  };

  // The controls of the exercises: everything a learner can operate.
  const selector = 'input:not([type="hidden"]), select, textarea, button, [role="slider"], [contenteditable="true"]';
  const controls = [...document.querySelectorAll('.jupyter-widgets')]
    .flatMap((root) => [...root.querySelectorAll(selector)]).filter(shown);
  const unique = [...new Set(controls)];
  let sliders = 0, fields = 0;
  for (const e of unique) {
    const box = e.getBoundingClientRect();
    // Off-screen: beyond the window's width, or cut off by a container that hides overflow.
    const visible = clipped(box, e.parentElement);
    if (box.left < -1 || box.right > vw + 1) {
      problems.push(`${name(e)} er utenfor skjermen (${px(box.left)} til ${px(box.right)}, vinduet er ${px(vw)})`);
    } else if (!visible || visible.right - visible.left < box.width - 1) {
      problems.push(`${name(e)} er skjult av beholderen sin (${px(visible ? visible.right - visible.left : 0)} av ${px(box.width)} vises)`);
    }
    // Target size (WCAG 2.2, 2.5.8): a check box or radio button counts with its label, which toggles it too.
    const target = ['checkbox', 'radio'].includes(e.type) && e.closest('label') ? e.closest('label').getBoundingClientRect() : box;
    if (target.width < limits.target || target.height < limits.target) {
      problems.push(`${name(e)} er et for lite mål: ${px(target.width)} × ${px(target.height)} (minst ${limits.target} × ${limits.target})`);
    }
    if (e.matches('textarea, input:not([type]), input[type="text"], input[type="number"], input[type="email"], input[type="search"]')) {
      fields += 1;
      if (box.width < limits.field) problems.push(`${name(e)}: tekstfeltet er ${px(box.width)} bredt (minst ${limits.field})`);
    }
    if (e.tagName === 'SELECT' && box.width < limits.select) {
      problems.push(`${name(e)}: nedtrekkslisten er ${px(box.width)} bred (minst ${limits.select})`);
    }
  }
  for (const track of document.querySelectorAll('.jupyter-widgets .widget-hslider .slider')) {
    if (!shown(track)) continue;
    sliders += 1;
    const width = track.getBoundingClientRect().width;
    const handle = track.querySelector('[role="slider"]') || track;
    if (width < limits.slider) problems.push(`${name(handle)}: glidebryteren er ${px(width)} bred (minst ${limits.slider})`);
  }

  // Labels: the boxes of their text as drawn (clipped where a container cuts them off).
  const labels = [...document.querySelectorAll(
    '.jupyter-widgets :is(.widget-label, .widget-label-basic, .widget-radio-box label)')].filter((l) => shown(l) && text(l));
  const lines = [];
  for (const label of labels) {
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const seen = clipped(rect, node.parentElement);
        if (seen) lines.push({label, box: seen});
      }
    }
    // Cut-off label text is content lost (1.4.10): the label must wrap instead.
    const s = getComputedStyle(label);
    if (s.overflowX !== 'visible' && label.scrollWidth > label.clientWidth + 1) {
      problems.push(`ledeteksten «${text(label).slice(0, 50)}» er kuttet (${px(label.clientWidth)} av ${px(label.scrollWidth)} vises)`);
    }
  }
  const overlaps = new Set();
  for (let i = 0; i < lines.length; i += 1) {
    for (let j = i + 1; j < lines.length; j += 1) {
      const a = lines[i], b = lines[j];
      if (a.label === b.label || a.label.contains(b.label) || b.label.contains(a.label)) continue;
      if (intersect(a.box, b.box)) overlaps.add(`teksten «${text(a.label).slice(0, 40)}» ligger over «${text(b.label).slice(0, 40)}»`);
    }
    for (const e of unique) {
      if (lines[i].label.contains(e) || lines[i].label === (e.labels && e.labels[0])) continue;
      if (intersect(lines[i].box, e.getBoundingClientRect())) {
        overlaps.add(`${name(e)} ligger over ledeteksten «${text(lines[i].label).slice(0, 40)}»`);
      }
    }
  }
  problems.push(...overlaps);

  // Fields that can be seen (1.4.11, 1.4.3): a border of at least 3:1 against
  // what is behind the field; a placeholder that does not look like typed text;
  // a slider whose track stands out from the panel and whose handle from the
  // track; a drop-down that shows its whole choice; a check box label that wraps.
  const rgba = (c) => { const m = (c || '').match(/[\d.]+/g) || [0, 0, 0, 0]; return m.length < 4 ? [...m.map(Number), 1] : m.map(Number); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(rgba(a)), lum(rgba(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = (e) => { for (let a = e; a; a = a.parentElement) { const c = getComputedStyle(a).backgroundColor;
                                                                     if (rgba(c)[3] > 0.5) return c; } return 'rgb(255, 255, 255)'; };
  const fmt = (n) => n.toFixed(1).replace('.', ',');
  const fieldsShown = unique.filter((e) => e.matches('textarea, select, input:not([type]), input[type="text"], input[type="number"]'));
  for (const e of fieldsShown) {
    const s = getComputedStyle(e);
    const border = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none' ? s.borderTopColor : null;
    const contrast = border ? ratio(border, behind(e.parentElement)) : 1;
    if (contrast < 3) problems.push(`${name(e)} har ingen tydelig ramme (kontrast ${fmt(contrast)}:1, minst 3:1)`);
    if (e.placeholder && !e.value) {
      const p = getComputedStyle(e, '::placeholder');
      if (p.color === s.color && p.fontStyle === s.fontStyle) {
        problems.push(`${name(e)}: plassholderen «${e.placeholder.slice(0, 30)}» ser ut som et svar (samme farge og stil som tekst)`);
      }
    }
    // (on a wide screen: on a phone a native drop-down shows a long choice whole only when opened)
    if (limits.wholeChoice && e.tagName === 'SELECT' && e.selectedIndex >= 0) {
      // as wide as the browser draws this drop-down with only its choice in it?
      const alone = e.cloneNode(false);
      alone.appendChild(e.options[e.selectedIndex].cloneNode(true));
      alone.style.cssText = 'position:absolute;visibility:hidden;width:max-content;min-width:0;max-width:none;flex:none';
      e.parentElement.appendChild(alone);
      const needs = alone.getBoundingClientRect().width;
      alone.remove();
      if (e.getBoundingClientRect().width < needs - 1) {
        problems.push(`${name(e)} viser ikke hele valget «${e.options[e.selectedIndex].text.slice(0, 40)}» (${px(e.getBoundingClientRect().width)} av ${px(needs)})`);
      }
    }
  }
  for (const track of document.querySelectorAll('.jupyter-widgets .widget-hslider .noUi-target')) {
    if (!shown(track)) continue;
    const s = getComputedStyle(track), panel = behind(track.parentElement);
    const fill = rgba(s.backgroundColor)[3] > 0.5 ? s.backgroundColor : panel;
    const edge = parseFloat(s.borderTopWidth) > 0 ? s.borderTopColor : fill;
    const handle = track.querySelector('.noUi-handle');
    const label = name(track.querySelector('[role="slider"]') || track);
    if (Math.max(ratio(fill, panel), ratio(edge, panel)) < 3) {
      problems.push(`${label}: sporet skiller seg for lite fra bakgrunnen (${fmt(Math.max(ratio(fill, panel), ratio(edge, panel)))}:1, minst 3:1)`);
    }
    if (handle) {
      const h = getComputedStyle(handle);
      if (ratio(h.backgroundColor, fill) < 3) {
        problems.push(`${label}: håndtaket skiller seg for lite fra sporet (${fmt(ratio(h.backgroundColor, fill))}:1, minst 3:1)`);
      }
    }
  }
  for (const label of document.querySelectorAll('.jupyter-widgets .widget-checkbox label')) {
    if (!shown(label) || !text(label)) continue;
    const s = getComputedStyle(label);
    if (s.overflowX !== 'visible' && label.scrollWidth > label.clientWidth + 1) {
      problems.push(`avkrysningsteksten «${text(label).slice(0, 50)}» er kuttet (${px(label.clientWidth)} av ${px(label.scrollWidth)} vises)`);
    }
  }

  // The page itself must not scroll sideways; name what sticks out.
  const width = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (width > vw + 1) {
    // the outermost elements that stick out and are not inside a frame that scrolls or clips
    const out = (e) => {
      const r = e.getBoundingClientRect(), seen = clipped(r, e.parentElement);
      return r.width > 0 && seen && seen.right > vw + 1;
    };
    const wide = [...document.body.querySelectorAll('*')].filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${[...e.classList].slice(0, 2).map((c) => '.' + c).join('')}`);
    problems.push(`siden rulles sidelengs: ${px(width)} bred i et vindu på ${px(vw)} (stikker ut: ${wide.join(', ')})`);
  }
  return {width: vw, ratio: window.devicePixelRatio, controls: unique.length, sliders, fields, labels: labels.length, problems};
}
