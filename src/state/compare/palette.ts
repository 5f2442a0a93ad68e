/** Twelve colours that stay apart on white and for the common colour-vision deficiencies (Tableau 10 + 2). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f3b73', '#2ca02c'] as const;
/** Most runs overlaid at once: the charts stay readable and smooth (downsampled) up to here. */
export const MAX_COMPARED = PALETTE.length;
