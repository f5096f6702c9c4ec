/** Styles of the ranking pages (constant CSS, inlined; colours meet WCAG AA contrast). */
export const rankingStyles = `
.rk-up{color:#1b6e20}
.rk-down{color:#a1001c}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:.85rem;font-weight:700}
.badge-talk{background:#a1001c;color:#fff}
.badge-draft{background:#8a6d00;color:#fff}
.badge-published{background:#1b6e20;color:#fff}
.rk-lists{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.rk-lists ul{margin:.25rem 0;padding-left:0;list-style:none}
.rk-scope{margin:1.5rem 0;padding:1rem;background:#fff;border:1px solid #d6d6d0;border-radius:8px}
.rk-sub{display:block;font-size:.8rem;color:#555}
.rk-formula{font-family:ui-monospace,Menlo,Consolas,monospace;background:#eef1f5;padding:.5rem;border-radius:6px;overflow-x:auto}
.rk-table td,.rk-table th{white-space:nowrap}
.rk-chart{max-width:100%;height:auto;background:#fff;border:1px solid #d6d6d0;border-radius:8px}
.rk-error{background:#fde7ea;border:2px solid #a1001c;padding:.5rem 1rem;border-radius:6px}
form.inline{display:inline}
.rk-form{display:grid;gap:.25rem;max-width:520px}
`;
