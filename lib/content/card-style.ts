/** The card's CSS, inside its closed shadow root: page styles cannot reach it, nor it them. */
export const CARD_CSS = `
:host { all: initial; }
.card {
  --fg: #202124; --muted: #5f6368; --bg: #fff; --border: #dadce0; --link: #1a0dab; --accent: #b31b1b; --focus: #1a73e8;
  box-sizing: border-box; width: min(380px, calc(100vw - 16px)); max-height: min(480px, calc(100vh - 16px));
  overflow: auto; padding: 12px 14px; border: 1px solid var(--border); border-radius: 8px;
  background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18);
  font: 13px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; text-align: left;
}
@media (prefers-color-scheme: dark) {
  .card { --fg: #e8eaed; --muted: #9aa0a6; --bg: #202124; --border: #3c4043; --link: #8ab4f8; --accent: #f28b82; --focus: #8ab4f8; }
}
h2 { margin: 0 0 4px; font-size: 15px; line-height: 1.3; font-weight: 600; }
a { color: var(--link); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
/* Where the keyboard is, in the card reached by Tab from its marker. */
a:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; border-radius: 2px; }
p { margin: 0 0 6px; }
.authors, .meta, .origin { color: var(--muted); }
.origin { font-size: 12px; }
.ai-summary h3 { margin-top: 8px; }
.ai-summary .summary { margin-top: 0; }
.summary { margin: 8px 0; }
h3 { margin: 10px 0 4px; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
ul { margin: 0; padding: 0; list-style: none; }
li { margin: 2px 0; }
/* One line per related title (the full title is its tooltip): all five fit without scrolling. */
.related li button { display: block; max-width: 100%; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.links { display: flex; flex-wrap: wrap; gap: 4px 12px; margin-top: 8px; }
button {
  font: inherit; color: var(--link); background: none; border: 0; padding: 0; cursor: pointer; text-align: left;
}
button:hover, button:focus-visible { text-decoration: underline; }
.actions { display: flex; align-items: center; gap: 10px; margin-top: 10px; }
.actions button.copy {
  color: var(--fg); border: 1px solid var(--border); border-radius: 4px; padding: 3px 8px;
  flex: none; white-space: nowrap;
}
/* One line whatever it says (the full text is its tooltip): a wrapped message would change the
   card's height, which a page can measure, and tell it that a save or removal happened. */
.status {
  color: var(--muted); flex: 1 1 0; min-width: 0; display: flex; gap: 6px; align-items: baseline;
  white-space: nowrap;
}
.status-text { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
/* Undo stays whole whatever the text beside it: the text gives way first. */
.status-action { flex: none; color: var(--link); }
.back { margin-bottom: 6px; color: var(--muted); }
`;
