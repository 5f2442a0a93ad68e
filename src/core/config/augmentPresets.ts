import { AUGMENT_KNOBS } from './globalKnobs';
import { knobDefaults } from './knobs';
import type { MethodKey } from './methods';
import type { AugmentConfig } from './schema';

/**
 * Default augmentation pipelines. Greyscale data keeps the table's defaults (format v1's digit
 * pipeline). RGB data gets SimCLR's full set (Chen et al. 2020, Appendix A: crop, flip p = 0.5,
 * colour jitter (0.8, 0.8, 0.8, 0.2) with p = 0.8, greyscale p = 0.2, blur p = 0.5; brightness and
 * contrast milder, see below), with the crop's
 * lower scale at 0.2 for 32-px images (the CIFAR-10 variants in solo-learn use 0.08–0.2), and each
 * method's own changes on top.
 */
export const RGB_PIPELINE: Partial<AugmentConfig> = {
  crop: true,
  cropMin: 0.2,
  cropMax: 1,
  flip: true,
  flipP: 0.5,
  jitter: true,
  // Brightness here is an additive shift of ±0.8·s (jitter.ts), harsher than torchvision's
  // multiplicative [1 − 0.8, 1 + 0.8]: at s = 0.8 a third of the views of dark 32-px images went
  // black in the studio. s = 0.4 keeps brightness and contrast within ±0.32 and [0.6, 1.4].
  jitterStrength: 0.4,
  jitterP: 0.8,
  jitterSaturation: 0.8,
  jitterHue: 0.2,
  gray: true,
  grayP: 0.2,
  blur: true,
  blurP: 0.5,
  blurSigmaMin: 0.1,
  blurSigma: 2,
};

/** BYOL's two pipelines (Grill et al. 2020, Table 6): view 1 blur p = 1, view 2 blur 0.1 and solarize 0.2. */
const BYOL_VIEWS: Partial<AugmentConfig> = { asymmetric: true, blur: true, solarize: true };

/** Methods whose papers use other augmentations than SimCLR's on RGB images. */
export const METHOD_RGB_PIPELINES: Partial<Record<MethodKey, { changes: Partial<AugmentConfig>; why: string }>> = {
  byol: { changes: BYOL_VIEWS, why: 'BYOL: asymmetric blur and solarize (Grill et al. 2020, Table 6)' },
  // Barlow Twins (Zbontar et al. 2021, Appendix) and VICReg (Bardes et al. 2022, §C.1) take BYOL's.
  barlowtwins: { changes: BYOL_VIEWS, why: 'Barlow Twins uses BYOL’s asymmetric blur and solarize (Zbontar et al. 2021, appendix)' },
  vicreg: { changes: BYOL_VIEWS, why: 'VICReg uses BYOL’s asymmetric blur and solarize (Bardes et al. 2022, §C.1)' },
  // DINO's two global views follow BYOL's (Caron et al. 2021, Appendix); the small crops get blur p 0.5.
  dino: { changes: BYOL_VIEWS, why: 'DINO: BYOL’s global-view blur and solarize (Caron et al. 2021, appendix)' },
};

/** The pipeline a method starts with on data with `channels` channels. */
export function defaultPipeline(method: MethodKey, channels: number): AugmentConfig {
  const base = knobDefaults(AUGMENT_KNOBS);
  if (channels !== 3) return base;
  return { ...base, ...RGB_PIPELINE, ...(METHOD_RGB_PIPELINES[method]?.changes ?? {}) };
}

/** One line saying where a method's RGB pipeline comes from. */
export function pipelineSource(method: MethodKey, channels: number): string {
  if (channels !== 3) return 'Greyscale defaults (format v1’s digit pipeline: crop, brightness/contrast jitter).';
  return METHOD_RGB_PIPELINES[method]?.why ?? 'SimCLR’s colour pipeline: crop, flip, colour jitter p 0.8, greyscale p 0.2, blur p 0.5 (Chen et al. 2020, appendix A).';
}
