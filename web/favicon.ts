/**
 * The site's icon: a woodpecker's head in profile (red crest, long beak) on the site's
 * blue, as SVG so one small file is sharp at every size. Served at /favicon.svg (linked
 * from every page by the layout) and /favicon.ico.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#0b4f8a"/>
<path d="M16 58c-2-14 0-27 8-35 6-6 15-8 21-4l15 5-14 4c-2 9-8 17-14 30z" fill="#fff"/>
<path d="M24 23c2-9 10-15 20-13-3 2-5 5-6 8-5-1-10 1-14 5z" fill="#d62828"/>
<path d="M46 19l15 5-14 4z" fill="#ffd54a"/>
<circle cx="39" cy="22" r="2.6" fill="#1a1a1a"/>
<path d="M22 40c4 1 9 0 12-3-1 6-5 11-10 13z" fill="#1a1a1a"/>
</svg>
`;
