import { centreCropBox, type DecodeSquare } from '../../core/data/ownImages';

/**
 * The browser's own decoder (any format it can show: PNG, JPEG, GIF, WebP, BMP, AVIF…): the
 * centred square is drawn resized onto a side × side canvas with high-quality smoothing, the
 * browser's downscaling filter. Transparent pixels come out black (the canvas starts transparent,
 * and alpha is dropped).
 */
export const decodeSquareInBrowser: DecodeSquare = async (bytes, _path, side) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    if (bitmap.width === 0 || bitmap.height === 0) return null;
    const { sx, sy, size } = centreCropBox(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas in this browser');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, sx, sy, size, size, 0, 0, side, side);
    return ctx.getImageData(0, 0, side, side).data;
  } finally {
    bitmap.close();
  }
};
