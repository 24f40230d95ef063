import { crc32, deflateSync } from "node:zlib";

export interface IconFile {
  /** Site path, e.g. "/icons/icon-192.png". */
  url: string;
  size: number;
  purpose: "any" | "maskable";
  png: Buffer;
}

type Rgb = [number, number, number];

/** Brand colours are free CSS values; icons need pixels, so anything but a hex colour falls back to the default. */
export function parseHexColour(colour: string, fallback: Rgb = [0x0b, 0x53, 0x94]): Rgb {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return fallback;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes 8-bit RGB pixels (row-major, 3 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter byte 0 (none) starts every row.
    rows[y * (width * 3 + 1)] = 0;
    rows.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A newspaper page on the brand colour: a white sheet with a headline bar and lines of text. `inset` is the share
 * of the icon left around the sheet; maskable icons need a wider margin because launchers crop them to a circle.
 */
export function drawIcon(size: number, brand: Rgb, inset: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 3);
  const paint = (x0: number, y0: number, x1: number, y1: number, colour: Rgb) => {
    for (let y = Math.round(y0 * size); y < Math.round(y1 * size); y++) {
      for (let x = Math.round(x0 * size); x < Math.round(x1 * size); x++) pixels.set(colour, (y * size + x) * 3);
    }
  };
  paint(0, 0, 1, 1, brand);
  const left = inset + (1 - 2 * inset) * 0.1;
  const right = 1 - left;
  const top = inset;
  const bottom = 1 - inset;
  const unit = (bottom - top) / 12;
  paint(left, top, right, bottom, [255, 255, 255]);
  const textLeft = left + unit;
  const textRight = right - unit;
  paint(textLeft, top + unit, textRight, top + unit * 3, brand);
  for (let line = 0; line < 4; line++) {
    const y = top + unit * (4.5 + line * 1.75);
    paint(textLeft, y, line === 3 ? (textLeft + textRight) / 2 : textRight, y + unit * 0.75, brand);
  }
  return pixels;
}

/** The app icons a phone needs to install the archive: 192 and 512 pixels, plus a maskable 512. */
export const appIconSpecs: readonly Omit<IconFile, "png">[] = [
  { url: "/icons/icon-192.png", size: 192, purpose: "any" },
  { url: "/icons/icon-512.png", size: 512, purpose: "any" },
  { url: "/icons/icon-512-maskable.png", size: 512, purpose: "maskable" },
];

export function appIcons(brandColour: string): IconFile[] {
  const brand = parseHexColour(brandColour);
  return appIconSpecs.map((spec) => ({
    ...spec,
    png: encodePng(spec.size, spec.size, drawIcon(spec.size, brand, spec.purpose === "maskable" ? 0.22 : 0.12)),
  }));
}
