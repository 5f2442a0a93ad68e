import { useMemo } from 'react';
import type { EvalImages } from '../../core/eval/inside/types';
import { PreviewCanvas } from '../preview/PreviewCanvas';

/** Evaluation image `index` at `scale`, read in place from the run's image bytes. */
export function EvalImage({ images, index, scale, label }: { images: EvalImages; index: number; scale: number; label: string }) {
  const per = images.height * images.width * images.channels;
  const pixels = useMemo(() => new Uint8ClampedArray(images.pixels.buffer, images.pixels.byteOffset + index * per, per), [images, index, per]);
  return <PreviewCanvas pixels={pixels} width={images.width} height={images.height} channels={images.channels} scale={scale} label={label} />;
}
