/* A wide formula or table scrolls sideways inside its own frame on a narrow
   screen or at 400 % zoom (reflow.css, WCAG 2.1 1.4.10). Such a frame must
   be reachable with the keyboard (2.1.1), so it gets a tab stop while (and
   only while) it is wider than the screen, as the theme does for code blocks
   and its own tables. Frames that set their own tabindex are left alone. */
(() => {
  const FRAMES = '.math-display, math:not([display="block"]), .kurs-tabell';
  const update = () => {
    document.querySelectorAll(FRAMES).forEach((frame) => {
      const ours = frame.dataset.kursRulling === "1";
      if (frame.hasAttribute("tabindex") && !ours) return;
      if (frame.scrollWidth > frame.clientWidth + 1) {
        frame.setAttribute("tabindex", "0");
        frame.dataset.kursRulling = "1";
      } else if (ours) {
        frame.removeAttribute("tabindex");
        delete frame.dataset.kursRulling;
      }
    });
  };
  let timer;
  const later = () => { clearTimeout(timer); timer = setTimeout(update, 200); };
  window.addEventListener("resize", later);
  // The exercises' tables are drawn by the widget script after the page has loaded.
  new MutationObserver(later).observe(document.documentElement, {childList: true, subtree: true});
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update);
  else update();
})();
