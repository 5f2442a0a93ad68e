/**
 * The Shapes world's factors (tfjs-free: the UI names the factor-probe columns from this table).
 * Every image is drawn from one independent choice per factor, and every factor is a label, so a
 * linear probe per factor shows which factors an encoder keeps and which its augmentations taught it
 * to ignore (the idea of dSprites, Matthey et al. 2017, and 3D Shapes, Burgess & Kim 2018, in RGB).
 */
export interface FactorSpec {
  name: string;
  label: string;
  classNames: readonly string[];
}

export const SHAPES_FACTORS = [
  { name: 'shape', label: 'Shape', classNames: ['square', 'triangle', 'ellipse', 'cross', 'star'] },
  // Six hues 60° apart (HSV): what colour jitter's hue shift and random greyscale are meant to erase.
  { name: 'colour', label: 'Colour', classNames: ['red', 'yellow', 'green', 'cyan', 'blue', 'magenta'] },
  { name: 'size', label: 'Size', classNames: ['small', 'medium', 'large'] },
  { name: 'position', label: 'Position', classNames: ['top left', 'top right', 'bottom left', 'bottom right'] },
  // Angles below every shape's symmetry period (square and cross 90°, star 72°, triangle 120°,
  // ellipse 180°), so each of the four is visible on every shape.
  { name: 'rotation', label: 'Rotation', classNames: ['0°', '15°', '30°', '45°'] },
  { name: 'background', label: 'Background', classNames: ['flat', 'stripes', 'checks', 'noise'] },
] as const satisfies readonly FactorSpec[];

export type ShapesFactor = (typeof SHAPES_FACTORS)[number]['name'];

/** Side of a Shapes image in pixels (RGB). */
export const SHAPES_SIZE = 32;

/** The history/final metric holding the linear-probe accuracy of one factor. */
export const factorProbeMetric = (factor: string): string => `factorProbe.${factor}`;
