/**
 * The rating link as a QR code, drawn on the server (the `qrcode` package) as an SVG
 * data URI, so the receipt needs no script and prints as sharp as the printer can.
 * Only the encoder and the SVG renderer are imported: the package's main entry also
 * pulls in its PNG renderer (pngjs), 30 KB of the pages bundle for nothing.
 */
import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/svg-tag.js';

export async function qrDataUri(text: string): Promise<string> {
  const svg = render(create(text, { errorCorrectionLevel: 'M' }), { margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
