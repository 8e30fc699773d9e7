/**
 * The one stylesheet every element adopts, inside its shadow root: nothing
 * leaks out, and the page's CSS reaches in only through the `--orgkit-*`
 * custom properties below and the `::part()`s each element names.
 */
import { css } from 'lit';

export const consoleStyles = css`
  :host {
    --_font: var(--orgkit-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--orgkit-color-text, #1f2328);
    --_muted: var(--orgkit-color-muted, #59636e);
    --_surface: var(--orgkit-color-surface, #ffffff);
    --_subtle: var(--orgkit-color-subtle, #f6f8fa);
    --_border: var(--orgkit-color-border, #d1d9e0);
    --_accent: var(--orgkit-color-accent, #0b5cad);
    --_accent-text: var(--orgkit-color-accent-text, #ffffff);
    --_danger: var(--orgkit-color-danger, #b3261e);
    --_success: var(--orgkit-color-success, #1a7f37);
    --_radius: var(--orgkit-radius, 6px);
    --_space: var(--orgkit-space, 8px);
    display: block;
    color: var(--_text);
    font: 14px/1.45 var(--_font);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  h2, h3 { margin: 0 0 calc(var(--_space) * 1.5); line-height: 1.25; }
  h2 { font-size: 1.35em; }
  h3 { font-size: 1.1em; }
  p { margin: 0 0 var(--_space); }
  .muted { color: var(--_muted); }
  .row { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; }
  .spread { display: flex; justify-content: space-between; align-items: center; gap: var(--_space); margin-bottom: calc(var(--_space) * 2); }
  .stack { display: grid; gap: calc(var(--_space) * 1.5); }
  button {
    font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 6px 14px;
    border: 1px solid var(--_border); background: var(--_surface); color: var(--_text);
  }
  button:hover { background: var(--_subtle); }
  button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-text); }
  button.primary:hover { filter: brightness(1.1); }
  button.danger { color: var(--_danger); border-color: currentColor; }
  button.link { border: 0; background: none; padding: 0; color: var(--_accent); text-align: left; text-decoration: underline; }
  button:disabled { opacity: 0.6; cursor: default; }
  button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible {
    outline: 2px solid var(--_accent); outline-offset: 2px;
  }
  .field { display: grid; gap: 4px; }
  label { font-weight: 600; }
  label.check { display: flex; align-items: center; gap: 6px; font-weight: normal; }
  input, select {
    font: inherit; color: inherit; background: var(--_surface); padding: 6px 8px; min-width: 12em;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  input[type='checkbox'] { min-width: 0; }
  input[aria-invalid='true'] { border-color: var(--_danger); }
  .field-error { color: var(--_danger); font-weight: normal; font-size: 0.92em; }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; background: var(--_surface); }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--_border); vertical-align: top; }
  th { font-weight: 600; color: var(--_muted); background: var(--_subtle); }
  tbody tr:hover { background: var(--_subtle); }
  .message { padding: 8px 12px; border-radius: var(--_radius); margin-bottom: calc(var(--_space) * 1.5); border: 1px solid; }
  .message.error { color: var(--_danger); background: color-mix(in srgb, var(--_danger) 8%, var(--_surface)); }
  .message.ok { color: var(--_success); background: color-mix(in srgb, var(--_success) 8%, var(--_surface)); }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.85em; border: 1px solid var(--_border); }
  .badge.active { color: var(--_success); border-color: currentColor; }
  .badge.disabled, .badge.revoked, .badge.expired { color: var(--_danger); border-color: currentColor; }
  .badge.pending { color: var(--_muted); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; margin: 0 0 calc(var(--_space) * 2); }
  dt { font-weight: 600; color: var(--_muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space) calc(var(--_space) * 1.5); margin: 0; }
  legend { font-weight: 600; padding: 0 4px; }
  .card { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 2); }
  dialog {
    color: inherit; background: var(--_surface); border: 1px solid var(--_border); border-radius: calc(var(--_radius) * 2);
    padding: calc(var(--_space) * 3); width: min(32rem, 92vw); box-shadow: 0 12px 40px rgb(0 0 0 / 0.2);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.35); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
