import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../../data/dataset';
import { rotationPicture } from '../rotation/picture';
import { heatmapImage, prototypeGallery } from './pictures';

describe('heatmapImage', () => {
  it('draws +1 red, 0 white, −1 blue, clipped, each entry a cell×cell block', () => {
    const img = heatmapImage([1, 0, -1, 3], 2, 2, 't', 'c', 2);
    expect([img.width, img.height, img.channels]).toEqual([4, 4, 3]);
    const px = img.rows[0][0];
    const at = (x: number, y: number) => Array.from(px.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3));
    expect(at(0, 0)).toEqual([255, 0, 0]);
    expect(at(1, 1)).toEqual([255, 0, 0]);
    expect(at(2, 0)).toEqual([255, 255, 255]);
    expect(at(0, 2)).toEqual([0, 0, 255]);
    expect(at(3, 3)).toEqual([255, 0, 0]); // 3 clipped to +1
  });
});

describe('prototypeGallery', () => {
  // Six 1×1 images whose single pixel is their index, so a gallery row reads as image indices.
  const ds: ImageDataset = { key: 't', count: 6, height: 1, width: 1, channels: 1, classes: 2, pixels: Uint8Array.from([0, 1, 2, 3, 4, 5]), labels: new Uint8Array(6) };
  it('rows are prototypes by usage, images by score within their prototype', () => {
    // 3 prototypes; images 0, 2, 5 pick #1 (scores .5, .9, .7), 1 and 3 pick #2, 4 picks #0.
    const scores = [0, 0.5, 0.1, 0, 0.2, 0.8, 0, 0.9, 0, 0, 0, 0.3, 0.6, 0, 0, 0, 0.7, 0.1];
    const g = prototypeGallery(scores, 3, [0, 1, 2, 3, 4, 5], ds, 't');
    expect(g.rows.map((r) => r.map((p) => p[0]))).toEqual([[2, 5, 0], [1, 3], [4]]);
    expect(g.notes?.map((r) => r[0].text)).toEqual(['#1 · 3 images', '#2 · 2 images', '#0 · 1 images']);
  });
});

describe('rotationPicture', () => {
  it('puts image b turned k·90° in row b, column k, and marks each prediction right or wrong', () => {
    // B = 2 images of 1 pixel: rotated batch (rotation-major) then the 8 predicted classes.
    const pixels = [0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2];
    const predicted = [0, 0, 1, 3, 2, 2, 3, 0];
    const pic = rotationPicture([...pixels, ...predicted], 2, 1, 1, 1);
    expect(pic.rows.map((r) => r.map((p) => p[0]))).toEqual([[26, 26, 26, 26], [51, 51, 51, 51]]);
    expect(pic.notes?.map((r) => r.map((n) => n.ok))).toEqual([[true, true, true, true], [true, false, true, false]]);
    expect(pic.notes?.[1][1].text).toBe('says 270°');
  });
});

describe('contextPicture', () => {
  it('shows each image’s centre and its neighbour of class b mod 8, with the prediction marked', async () => {
    const { contextPicture } = await import('../context/picture');
    const b = 2;
    // 9B = 18 one-pixel patches valued row/100, then 8B = 16 predictions: image 0's class-0 neighbour
    // is row 2 (predicted 0: right), image 1's class-1 neighbour is row 2 + 1·2 + 1 = 5 (predicted 3: wrong).
    const patches = Array.from({ length: 18 }, (_, r) => r / 100);
    const predicted = Array.from({ length: 16 }, (_, r) => (r === 3 ? 3 : r === 0 ? 0 : 7));
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const pic = contextPicture([...patches, ...predicted], b, 1, 1, names);
    expect(pic.rows.map((r) => r.map((p) => p[0]))).toEqual([[0, 5], [3, 13]]);
    expect(pic.notes?.map((r) => r[1])).toEqual([{ text: 'says a, is a', ok: true }, { text: 'says d, is b', ok: false }]);
  });
});

describe('maskedViewsPicture', () => {
  it('greys out the hidden patches of the anchor view and shows the target view whole', async () => {
    const { maskedViewsPicture } = await import('../msn/picture');
    // One 2×2 greyscale image, 1-pixel patches (a 2×2 grid): target pixels .1 .2 .3 .4, anchor
    // .9 .6 .7 .2 with patches 1 and 2 hidden.
    const values = [0.1, 0.2, 0.3, 0.4, 0.9, 0.6, 0.7, 0.2];
    const masks = { batch: 1, rows: 2, cols: 2, hidden: Float32Array.from([0, 1, 1, 0]), visible: Int32Array.from([0, 3]), visibleCount: 2 };
    const pic = maskedViewsPicture(values, 1, 2, 2, 1, masks, 1);
    expect(Array.from(pic.rows[0][0])).toEqual([230, 128, 128, 51]);
    expect(Array.from(pic.rows[0][1])).toEqual([26, 51, 77, 102]);
  });
});
