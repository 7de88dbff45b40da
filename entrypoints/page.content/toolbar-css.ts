/**
 * The toolbar's own styles, inside its shadow root. Every property the look depends on is set
 * here, so aggressive page CSS (inherited fonts, `* { … !important }` on the page) cannot bend it.
 */
export const TOOLBAR_CSS = `
:host { all: initial; }
.bar {
  position: fixed;
  display: flex; align-items: center; gap: 4px;
  padding: 4px;
  background: #1f2328; color: #f6f8fa;
  border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0,0,0,.28), 0 1px 3px rgba(0,0,0,.2);
  font: 500 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  letter-spacing: normal; text-transform: none; white-space: nowrap;
  user-select: none; -webkit-user-select: none;
  animation: in .12s ease-out;
}
@keyframes in { from { opacity: 0; transform: translateY(-3px); } }
button {
  all: unset; box-sizing: border-box;
  display: inline-flex; align-items: center; gap: 6px;
  padding: 6px 10px; border-radius: 7px;
  cursor: pointer; color: inherit; font: inherit;
}
button:hover { background: rgba(255,255,255,.12); }
button:focus-visible { outline: 2px solid #8ab4ff; outline-offset: 1px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; background: #ffd500; }
.mark { font-size: 15px; line-height: 12px; color: #8ab4ff; }
.message { padding: 6px 10px; max-width: 320px; white-space: normal; }
@media (prefers-reduced-motion: reduce) { .bar { animation: none; } }
`;
