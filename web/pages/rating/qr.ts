/**
 * The rating link as a QR code, drawn on the server (the `qrcode` package) as an SVG
 * data URI, so the receipt needs no script and prints as sharp as the printer can.
 */
import QRCode from 'qrcode';

export async function qrDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
