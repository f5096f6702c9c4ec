/**
 * Styles of the supervision consoles and the printable report (constant CSS, inlined).
 * Colour badges keep WCAG AA contrast; the print rules give the report a page header
 * with period and generation time and drop forms and navigation.
 */
import { raw } from 'hono/html';

export const supervisionStyles = `
.lv{display:inline-block;padding:0 .45rem;border-radius:4px;font-weight:700;font-size:.9rem}
.lv-green{background:#1b6e20;color:#fff}
.lv-yellow{background:#ffd54a;color:#1a1a1a}
.lv-red{background:#a1001c;color:#fff}
.lv-serious{background:#3d0008;color:#fff}
.sv-cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:1rem;margin:1rem 0}
.sv-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem;margin:1rem 0}
.sv-filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.75rem;margin:1rem 0}
.sv-form{display:grid;gap:.25rem;max-width:560px;background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem}
.sv-error{background:#fde7ea;border:2px solid #a1001c;padding:.5rem 1rem;border-radius:6px}
.sv-report-header{border-bottom:2px solid #14365d;margin-bottom:1rem}
.sv-report section{break-inside:avoid-page;margin:1.25rem 0}
.sv-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.5rem}
.sv-figures div{background:#fff;border:1px solid #d6d6d0;border-radius:6px;padding:.5rem}
.sv-figures strong{display:block;font-size:1.3rem}
textarea{width:100%}
@media print{
  @page{size:A4;margin:15mm 12mm}
  .no-print,form{display:none !important}
  .sv-report-header{position:static}
  table{font-size:10pt}
  th,td{padding:.15rem .3rem}
  a{color:#000;text-decoration:none}
  .table-wrap{overflow:visible}
  h2{break-after:avoid-page}
}
`;

export function SupervisionStyles() {
  return <style>{raw(supervisionStyles)}</style>;
}
