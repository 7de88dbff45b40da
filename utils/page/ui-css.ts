/**
 * The in-page UI's own styles, inside its closed shadow root. Every property the look depends
 * on is set here, so aggressive page CSS (inherited fonts, `* { … !important }`) cannot bend it.
 */
export const UI_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.panel {
  position: fixed;
  display: flex; flex-direction: column; gap: 6px;
  padding: 5px;
  max-width: min(440px, calc(100vw - 16px));
  background: #1f2328; color: #f6f8fa;
  border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0,0,0,.28), 0 1px 3px rgba(0,0,0,.2);
  font: 500 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  letter-spacing: normal; text-transform: none; text-align: left; white-space: normal;
  animation: in .12s ease-out;
}
.toolbar { user-select: none; -webkit-user-select: none; }
@keyframes in { from { opacity: 0; transform: translateY(-3px); } }
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } }
.row { display: flex; align-items: center; gap: 2px; flex-wrap: wrap; }
.divider { width: 1px; align-self: stretch; margin: 4px 3px; background: rgba(255,255,255,.18); }
button {
  all: unset; box-sizing: border-box;
  display: inline-flex; align-items: center; gap: 6px;
  padding: 6px 9px; border-radius: 7px;
  cursor: pointer; color: inherit; font: inherit;
}
button:hover { background: rgba(255,255,255,.12); }
.citation-style {
  box-sizing: border-box; max-width: 118px; margin-right: 2px; padding: 4px 6px; border-radius: 7px;
  border: 1px solid rgba(255,255,255,.25); background: #2d333b; color: inherit; font: inherit; font-size: 12px;
}
.citation-style:focus-visible { outline: 2px solid #8ab4ff; outline-offset: 1px; }
button:focus-visible, textarea:focus-visible, input:focus-visible, .panel:focus-visible { outline: 2px solid #8ab4ff; outline-offset: 1px; }
.panel:focus { outline: none; }
.colors { display: inline-flex; gap: 0; }
.swatch-button { padding: 6px 5px; }
.swatch { display: block; width: 14px; height: 14px; border-radius: 50%; box-shadow: inset 0 0 0 1px rgba(0,0,0,.25); }
.swatch-button[aria-pressed="true"] .swatch { box-shadow: 0 0 0 2px #1f2328, 0 0 0 4px #f6f8fa; }
.segmented { display: inline-flex; background: rgba(255,255,255,.08); border-radius: 8px; padding: 2px; }
.segmented button { padding: 4px 9px; }
.segmented button[aria-checked="true"] { background: #f6f8fa; color: #1f2328; }
.close { margin-left: auto; font-size: 16px; padding: 2px 8px; }
.danger { color: #ffa8a8; }
.actions { border-top: 1px solid rgba(255,255,255,.12); padding-top: 4px; }
.actions .danger { margin-left: auto; }
.card { width: min(420px, calc(100vw - 16px)); }
.editor-frame { all: unset; display: block; box-sizing: border-box; width: 100%; border: 0; color-scheme: dark; }
.editor { display: flex; flex-direction: column; gap: 6px; padding: 2px 4px 4px; }
textarea {
  all: unset; box-sizing: border-box; display: block; width: 100%; min-height: 56px;
  padding: 6px 8px; border-radius: 7px;
  background: #2d333b; color: #f6f8fa; font: 400 13px/1.4 system-ui, sans-serif;
  white-space: pre-wrap; overflow-wrap: anywhere; resize: vertical;
}
textarea::placeholder, input::placeholder { color: #9aa4ae; }
.message { flex-direction: row; align-items: center; gap: 10px; padding: 6px 6px 6px 12px; max-width: 360px; }
.text-button { color: #8ab4ff; font-weight: 600; }
.attach { width: min(400px, calc(100vw - 16px)); user-select: none; -webkit-user-select: none; }
.attach-title { padding: 4px 6px; font-weight: 600; }
.attach-list { display: flex; flex-direction: column; gap: 2px; max-height: 260px; overflow-y: auto; padding: 3px; }
.attach-option { align-items: flex-start; width: 100%; font-weight: 400; line-height: 1.4; }
.attach-option .swatch { flex: none; margin-top: 3px; }
.attach-text { overflow-wrap: anywhere; }
/* Tags (shared TagEditor component) */
.tags { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.tag { display: inline-flex; align-items: center; gap: 2px; padding: 1px 3px 1px 8px; border-radius: 999px; background: #2d333b; font-size: 12px; }
.tag-remove { padding: 0 5px; border-radius: 50%; color: #9aa4ae; }
.tag-field { position: relative; flex: 1 1 120px; }
.tag-input {
  all: unset; box-sizing: border-box; width: 100%; padding: 3px 8px; border-radius: 999px;
  border: 1px dashed #59636e; color: #f6f8fa; font: 400 12px/1.4 system-ui, sans-serif;
}
.tag-input:focus { border-style: solid; border-color: #8ab4ff; }
.tag-options {
  position: absolute; left: 0; top: calc(100% + 4px); z-index: 1; min-width: 160px;
  margin: 0; padding: 4px; list-style: none; border-radius: 8px;
  background: #2d333b; box-shadow: 0 6px 18px rgba(0,0,0,.35);
}
.tag-options li { padding: 4px 8px; border-radius: 6px; cursor: pointer; font-size: 12px; }
.tag-options li.active, .tag-options li:hover { background: #3b5bdb; }
`;
