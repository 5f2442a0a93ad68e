import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkUserDataset, classCounts } from './userDataset';
import { centreCropBox, checkLimits, classesFromPaths, importOwnImages, OWN_LIMITS, zipEntries, type DecodeSquare, type ImportFile } from './ownImages';

// Node has no image decoder; the browser's is exercised end to end (e2e/data.spec.ts). Here a file
// "IMG r g b" decodes to a solid colour, anything else fails, as a corrupt JPEG would in the browser.
const solid = (r: number, g: number, b: number) => Uint8Array.of(73, 77, 71, r, g, b);
const decode: DecodeSquare = async (bytes, _path, side) => {
  if (bytes.length !== 6 || bytes[0] !== 73 || bytes[1] !== 77 || bytes[2] !== 71) throw new Error('bad header');
  const out = new Uint8Array(side * side * 4);
  for (let p = 0; p < side * side; p++) out.set([bytes[3], bytes[4], bytes[5], 255], 4 * p);
  return out;
};
const file = (path: string, bytes: Uint8Array): ImportFile => ({ path, size: bytes.length, bytes: async () => bytes });

/** A folder "pets" with two classes and one broken file, as webkitdirectory lists it. */
const PETS = [
  file('pets/dog/b.png', solid(0, 0, 200)),
  file('pets/cat/1.png', solid(255, 0, 0)),
  file('pets/cat/2.png', solid(0, 255, 0)),
  file('pets/cat/broken.jpg', Uint8Array.of(1, 2, 3)),
  file('pets/dog/a.png', solid(10, 20, 30)),
  file('pets/.DS_Store', Uint8Array.of(0)),
];

describe('own images', () => {
  it('labels from sub-folders, skips and names the broken file, converts to RGB', async () => {
    const ds = await importOwnImages(PETS, decode, { side: 28, channels: 3, name: 'pets' });
    expect(ds.count).toBe(4);
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect(classCounts(ds)).toEqual([2, 2]);
    expect(ds.skipped).toEqual(['pets/cat/broken.jpg: not an image this browser can decode (bad header)']);
    // Sorted by path: cat/1, cat/2, dog/a, dog/b.
    expect(Array.from(ds.labels)).toEqual([0, 0, 1, 1]);
    const px = (i: number) => Array.from(ds.pixels.subarray(i * 28 * 28 * 3, i * 28 * 28 * 3 + 3));
    expect([px(0), px(1), px(2), px(3)]).toEqual([[255, 0, 0], [0, 255, 0], [10, 20, 30], [0, 0, 200]]);
    expect(ds.key).toMatch(/^own-[0-9a-f]{16}$/);
    expect(checkUserDataset(ds)).toBe(ds);
  });

  it('gives the same content id whatever the file order, a different one for other settings', async () => {
    const a = await importOwnImages(PETS, decode, { side: 28, channels: 3, name: 'pets' });
    const b = await importOwnImages([...PETS].reverse(), decode, { side: 28, channels: 3, name: 'renamed' });
    expect(b.key).toBe(a.key);
    const grey = await importOwnImages(PETS, decode, { side: 28, channels: 1, name: 'pets' });
    expect(grey.key).not.toBe(a.key);
    // BT.601 luma of pure red: 0.299·255.
    expect(grey.pixels[0]).toBe(76);
    expect(grey.channels).toBe(1);
  });

  it('imports a zip the same way, with one broken image reported', async () => {
    const zip = zipSync({ 'cat/1.png': solid(255, 0, 0), 'cat/2.png': solid(0, 255, 0), 'dog/a.png': solid(10, 20, 30), 'dog/b.png': solid(0, 0, 200), 'cat/broken.jpg': Uint8Array.of(1, 2, 3), '__MACOSX/cat/._1.png': Uint8Array.of(0) });
    const ds = await importOwnImages(zipEntries(zip, 'pets.zip'), decode, { side: 28, channels: 3, name: 'pets.zip' });
    expect(ds.classNames).toEqual(['cat', 'dog']);
    expect(classCounts(ds)).toEqual([2, 2]);
    expect(ds.skipped).toEqual(['cat/broken.jpg: not an image this browser can decode (bad header)']);
    // Same images, same labels, same settings: the folder's id.
    expect(ds.key).toBe((await importOwnImages(PETS, decode, { side: 28, channels: 3, name: 'pets' })).key);
  });

  it('refuses a zip bomb from its directory, inflating nothing', () => {
    const bomb = zipSync({ 'big.png': new Uint8Array(OWN_LIMITS.fileBytes + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => zipEntries(bomb, 'bomb.zip')).toThrow(/big\.png in bomb\.zip inflates to 32 MB, more than the 32 MB allowed/);
    expect(() => zipEntries(Uint8Array.of(1, 2, 3, 4), 'junk.zip')).toThrow(/junk\.zip is not a readable zip/);
  });

  it('refuses a folder of 100,000 files before reading any, storing nothing', async () => {
    let reads = 0;
    const many = Array.from({ length: 100_000 }, (_, i): ImportFile => ({ path: `f/${i}.png`, size: 10, bytes: async () => (reads++, solid(1, 2, 3)) }));
    await expect(importOwnImages(many, decode, { side: 28, channels: 3, name: 'f' })).rejects.toThrow(/100,000 files is more than the limit of 20,000/);
    expect(reads).toBe(0);
    expect(() => checkLimits([{ path: 'a', size: OWN_LIMITS.totalBytes + 2 ** 20 }])).toThrow(/513 MB of files is more than the limit of 512 MB/);
    await expect(importOwnImages([file('x/a.txt', Uint8Array.of(1))], decode, { side: 28, channels: 3, name: 'x' })).rejects.toThrow(/none of the 1 files decoded/);
  });

  it('keeps names with markup as plain strings', async () => {
    const files = [file('<img src=x onerror=alert(1)>/a.png', solid(1, 1, 1)), file('b/c.png', solid(1, 1, 1)), file('b/<script>.png', Uint8Array.of(0))];
    const ds = await importOwnImages(files, decode, { side: 28, channels: 1, name: '<b>x</b>' });
    expect(ds.classNames).toEqual(['<img src=x onerror=alert(1)>', 'b']);
    expect(ds.skipped[0]).toMatch(/^b\/<script>\.png: /);
  });

  it('classes: the shared root folder is not a class; top-level files are unlabelled', () => {
    expect(classesFromPaths(['a.png', 'b.png']).classNames).toEqual(['(unlabelled)']);
    expect(classesFromPaths(['root/a.png', 'root/b.png']).classNames).toEqual(['(unlabelled)']);
    const mixed = classesFromPaths(['r/x/1.png', 'r/2.png', 'r/y/z/3.png']);
    expect(mixed.classNames).toEqual(['x', 'y', '(top level)']);
    expect(['r/x/1.png', 'r/2.png', 'r/y/z/3.png'].map(mixed.classOf)).toEqual([0, 2, 1]);
  });

  it('crops the centred square', () => {
    expect(centreCropBox(100, 60)).toEqual({ sx: 20, sy: 0, size: 60 });
    expect(centreCropBox(30, 50)).toEqual({ sx: 0, sy: 10, size: 30 });
  });
});
