/**
 * The site's stylesheet, inlined in every page (small, no extra request, nothing to
 * wait for before the first paint). Mobile first: everything fits a 375 px screen
 * without horizontal scrolling (wide tables scroll inside their own box). Colours meet
 * WCAG AA contrast and are never the only signal. The elderly-friendly mode (适老化)
 * enlarges text and touch targets, raises contrast to black on white, and simplifies
 * pages (charts give way to their data tables, secondary parts are left out). A print
 * stylesheet hides navigation.
 */
export const siteStyles = `
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Helvetica Neue",Arial,"Noto Sans","Liberation Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;line-height:1.6;color:#1a1a1a;background:#f7f7f5;overflow-wrap:break-word}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,.table-wrap:focus-visible{outline:3px solid #c45500;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:#0b4f8a;padding:.5rem;z-index:10}
.skip:focus{left:.5rem}
main:focus{outline:none}
.wrap{max-width:1100px;margin:0 auto;padding:0 1rem}
.site-header{background:#14365d;color:#fff;padding:.5rem 0}
.site-header a{color:#fff}
.site-header a:focus-visible,.site-header button:focus-visible{outline-color:#ffd54a}
.header-bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
.tools{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
.tools form{margin:0}
.tools button{border-color:#fff;background:transparent;color:#fff;min-height:40px;padding:.25rem .75rem}
.tools button[aria-pressed=true]{background:#fff;color:#14365d}
.nav-main ul,.nav-staff ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.1rem;margin:.4rem 0 0;padding:0}
.nav-main a,.nav-staff a{display:inline-block;padding:.35rem 0;min-height:44px;line-height:1.9}
.nav-main a[aria-current],.nav-staff a[aria-current]{text-decoration:underline;text-decoration-thickness:3px;text-underline-offset:6px;font-weight:700}
.nav-staff{background:#e8eef6;border-bottom:2px solid #14365d;padding:.4rem 0}
.nav-staff .who{margin:0;font-size:.95rem}
.nav-staff ul{margin-top:0}
.nav-staff a{color:#0b3a66}
button,.button{font:inherit;display:inline-block;min-height:44px;padding:.4rem .9rem;border-radius:6px;border:2px solid #14365d;background:#fff;color:#14365d;cursor:pointer;text-decoration:none;line-height:1.5}
button.primary,.button.primary{background:#14365d;color:#fff}
.banner{background:#fff4ce;border-bottom:2px solid #8a6d00;padding:.5rem 0;color:#3d3000}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3}
h2{line-height:1.35}
.lead{font-size:1.1rem}
.actions{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:0;margin:1rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(160px,100%),1fr));gap:1rem}
.card{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem}
.card .sub{color:#555;font-size:.9rem}
.figure{font-size:1.8rem;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d6d6d0;padding:.35rem .5rem;text-align:left}
th{background:#eef1f5}
td.num,th.num{text-align:right}
.table-wrap{overflow-x:auto;max-width:100%}
.chart-wrap{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.5rem;position:relative;height:340px;max-width:100%}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}
.legend .statutory{color:#b00020}
.legend .promised{color:#0b4f8a}
.legend .actual{color:#1b6e20}
.up{color:#1b6e20}
.down{color:#a1001c}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input,select,textarea{font:inherit;padding:.4rem;border:2px solid #6b6b6b;border-radius:6px;min-height:44px;max-width:100%;background:#fff;color:#1a1a1a}
.muted{color:#555}
.split{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(280px,100%),1fr));gap:1rem}
.ranked{margin:.25rem 0;padding:0;list-style:none}
.ranked li{margin:.3rem 0}
.too-few{color:#5c4b00;font-weight:600}
details summary{cursor:pointer;min-height:44px;line-height:2.75;color:#0b4f8a;text-decoration:underline}
.console{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.site-footer{max-width:1100px;margin:2rem auto 1rem;padding:0 1rem;color:#555;font-size:.9rem}
.footer-links{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:0}
.footer-links a{display:inline-block;min-height:44px;line-height:2.75}
.filings{display:flex;flex-wrap:wrap;gap:0 1.25rem;margin:0}.filings a{display:inline-block;min-height:44px;line-height:2.75;color:inherit}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
img,svg,canvas{max-width:100%}
@media (max-width:480px){
  .cards{gap:.6rem}
  .card{padding:.6rem .75rem}
  h1{font-size:1.4rem}
  .figure{font-size:1.5rem}
  dl.facts dd{min-width:0}
}
html.elder{font-size:21px}
html.elder body{background:#fff;color:#000;line-height:1.75}
html.elder a{color:#002f5f;text-decoration-thickness:2px}
html.elder .site-header a,html.elder .tools button{color:#fff}
html.elder .tools button[aria-pressed=true]{color:#000;background:#fff}
html.elder .nav-staff a{color:#002f5f}
html.elder .muted,html.elder .hint,html.elder .card .sub,html.elder .site-footer{color:#222}
html.elder .card,html.elder th,html.elder td,html.elder input,html.elder select,html.elder textarea{border-color:#000}
html.elder th{background:#e6e6e6}
html.elder button,html.elder .button,html.elder input,html.elder select{min-height:52px}
html.elder .cards{grid-template-columns:1fr}
html.elder .chart-wrap,html.elder .legend,html.elder .elder-hide{display:none}
@media print{.site-header,.nav-staff,.site-footer,.skip,.tools,.no-print{display:none}body{background:#fff}main{max-width:none}}
`;
