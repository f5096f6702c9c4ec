/**
 * The site's stylesheet, inlined in every page (small, no extra request). Colours meet
 * WCAG AA contrast; the elderly-friendly mode enlarges text and raises contrast; a
 * print stylesheet hides navigation.
 */
export const siteStyles = `
*{box-sizing:border-box}
html{font-size:16px}
html.elder{font-size:21px}
html.elder body{background:#fff;color:#000}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;line-height:1.6;color:#1a1a1a;background:#f7f7f5}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #c45500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
.site-header{background:#14365d;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;justify-content:space-between}
.site-header a{color:#fff}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
.site-header ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
.site-header a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
.tools{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.tools form{margin:0}
button,.button{font:inherit;min-height:44px;padding:.4rem .9rem;border-radius:6px;border:2px solid #14365d;background:#fff;color:#14365d;cursor:pointer}
button.primary,.button.primary{background:#14365d;color:#fff}
.banner{background:#fff4ce;border-bottom:2px solid #8a6d00;padding:.5rem 1rem;color:#3d3000}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:1rem}
.card{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem}
.figure{font-size:1.8rem;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d6d6d0;padding:.35rem .5rem;text-align:left}
th{background:#eef1f5}
td.num,th.num{text-align:right}
.table-wrap{overflow-x:auto}
.chart-wrap{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.5rem;position:relative;height:340px}
.legend{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
.legend .statutory{color:#b00020}
.legend .promised{color:#0b4f8a}
.legend .actual{color:#1b6e20}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input,select,textarea{font:inherit;padding:.4rem;border:2px solid #6b6b6b;border-radius:6px;min-height:44px;max-width:100%}
.muted{color:#555}
.site-footer{max-width:1100px;margin:2rem auto 1rem;padding:0 1rem;color:#555;font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{.site-header,.site-footer,.skip,.tools,.no-print{display:none}body{background:#fff}main{max-width:none}}
`;
