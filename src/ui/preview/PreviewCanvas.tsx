import { useEffect, useRef } from 'react';

interface Props {
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  /** 1 (greyscale) or 3 (RGB), H×W×C as the worker sends it. */
  channels: number;
  scale: number;
  label: string;
}

/** H×W×C bytes → RGBA ImageData, the layout canvas wants. */
function toImageData(pixels: Uint8ClampedArray, width: number, height: number, channels: number): ImageData {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const src = i * channels;
    const r = pixels[src];
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = channels >= 3 ? pixels[src + 1] : r;
    rgba[i * 4 + 2] = channels >= 3 ? pixels[src + 2] : r;
    rgba[i * 4 + 3] = 255;
  }
  return new ImageData(rgba, width, height);
}

/** One image at native resolution, scaled up by CSS with pixelated rendering (no blur). */
export function PreviewCanvas({ pixels, width, height, channels, scale, label }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || pixels.length < width * height * channels) return;
    ctx.putImageData(toImageData(pixels, width, height, channels), 0, 0);
  }, [pixels, width, height, channels]);
  return <canvas ref={ref} className="preview-canvas" width={width} height={height} style={{ width: width * scale, height: height * scale }} aria-label={label} role="img" />;
}
