// Draws the app icons from resources/build/icon.svg (run after changing it; the results are
// committed, so packaging needs nothing but the files): icon.png (1024 px, Linux and the
// source electron-builder converts), icon.ico (Windows, PNG-compressed entries) and icon.icns
// (macOS, PNG entries), plus icons/NxN.png for Linux desktop entries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'build');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'));
const png = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

/** ICO: a directory of PNG images (allowed since Windows Vista); 256 is written as 0. */
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(sizes[i] >= 256 ? 0 : sizes[i], entry);
    header.writeUInt8(sizes[i] >= 256 ? 0 : sizes[i], entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS: a header, then one chunk per size, each a type code, a length and a PNG. */
function icns(types) {
  const chunks = types.map(([type, size]) => {
    const image = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(image.length + 8, 4);
    return Buffer.concat([head, image]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

fs.writeFileSync(path.join(dir, 'icon.png'), png(1024));
fs.writeFileSync(path.join(dir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
fs.writeFileSync(
  path.join(dir, 'icon.icns'),
  icns([
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
  ]),
);
fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(dir, 'icons', `${size}x${size}.png`), png(size));
console.log(`icons written to ${path.relative(process.cwd(), dir)}`);
