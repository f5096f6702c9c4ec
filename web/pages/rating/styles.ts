/**
 * Styles of the rating pages (mobile first: one column, 48px touch targets, the five
 * levels as large tappable rows) and of the satisfaction panels. Inlined in a page's
 * body; the site stylesheet stays as it is.
 */
export const ratingStyles = `
.rate main,.rate-form{max-width:40rem}
.rate-form fieldset{border:1px solid #d6d6d0;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem}
.rate-form legend{font-weight:700;padding:0 .25rem}
.levels{display:grid;gap:.5rem}
.levels label{display:flex;align-items:center;gap:.75rem;min-height:48px;margin:0;padding:.5rem .75rem;border:2px solid #6b6b6b;border-radius:8px;background:#fff;font-weight:600;cursor:pointer}
.levels input{width:1.5rem;height:1.5rem;min-height:0;margin:0;accent-color:#14365d}
.levels label:has(input:checked){border-color:#14365d;background:#e8eef6}
.rate-form select,.rate-form input[type=text],.rate-form input[type=tel],.rate-form textarea,.staff-form select,.staff-form input,.staff-form textarea{width:100%;min-height:48px}
.rate-form textarea,.staff-form textarea{min-height:6rem}
.check{display:flex;gap:.75rem;align-items:flex-start;font-weight:400}
.check input{width:1.5rem;height:1.5rem;min-height:0;flex:none;margin-top:.2rem}
.rate-form button[type=submit]{width:100%;min-height:52px;font-size:1.1rem}
.hint{color:#555;font-size:.9rem;margin:.25rem 0}
.errors{border:2px solid #b00020;background:#fff0f0;border-radius:8px;padding:.5rem 1rem;margin-bottom:1rem}
.ok{border:2px solid #1b6e20;background:#effaf0;border-radius:8px;padding:.5rem 1rem;margin-bottom:1rem}
.steps li{margin:.25rem 0}
.qr{display:block;width:min(80vw,320px);height:auto;margin:1rem auto;background:#fff}
.link-text{word-break:break-all;font-family:ui-monospace,monospace;font-size:.85rem}
.dist{list-style:none;padding:0;margin:0}
.dist li{display:grid;grid-template-columns:8rem 1fr 3rem;gap:.5rem;align-items:center;margin:.2rem 0}
.bar{background:#e3e6ea;border-radius:4px;height:.9rem;overflow:hidden}
.bar span{display:block;height:100%;background:#14365d}
.too-few{color:#5c4b00;font-weight:600}
.staff-form{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem;margin:1rem 0;max-width:44rem}
.staff-form fieldset{border:0;padding:0;margin:0}
.inline-form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.inline-form label{margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
@media print{.receipt-actions{display:none}}
`;
