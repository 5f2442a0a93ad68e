import { SHAPES_FACTORS, SHAPES_SIZE } from './shapes';

/** Built-in datasets (tfjs-free facts the UI and the schema need). */
export interface DatasetSpec {
  key: string;
  label: string;
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  classNames: readonly string[];
  /** Asset base name under public/data/ (see scripts/prepare-data.mjs); absent for generated data. */
  asset?: string;
}

export const DATASETS = {
  mnist: {
    key: 'mnist',
    label: 'MNIST digits (10,000)',
    count: 10_000,
    height: 28,
    width: 28,
    channels: 1,
    classes: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    asset: 'mnist',
  },
  'fashion-mnist': {
    key: 'fashion-mnist',
    label: 'Fashion-MNIST clothes (70,000)',
    count: 70_000,
    height: 28,
    width: 28,
    channels: 1,
    classes: 10,
    // Zalando's label order (Xiao, Rasul & Vollgraf 2017, Table 1).
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    asset: 'fashion-mnist',
  },
  shapes: {
    key: 'shapes',
    // Generated on demand from the seed (core/data/shapes.ts): exactly n + probeTrain + probeTest
    // images are drawn, up to this many.
    label: 'Shapes (generated, RGB, 6 factors)',
    count: 70_000,
    height: SHAPES_SIZE,
    width: SHAPES_SIZE,
    channels: 3,
    classes: SHAPES_FACTORS[0].classNames.length,
    classNames: SHAPES_FACTORS[0].classNames,
  },
} as const satisfies Record<string, DatasetSpec>;

export type DatasetKey = keyof typeof DATASETS;
export const DATASET_KEYS = Object.keys(DATASETS) as DatasetKey[];
