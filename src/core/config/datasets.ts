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

export type BuiltInDatasetKey = keyof typeof DATASETS;
export const DATASET_KEYS = Object.keys(DATASETS) as BuiltInDatasetKey[];

/**
 * Datasets a user brings (DESIGN.md "Public formats"): `cifar10` from CIFAR-10 binary batch files,
 * `own-<content id>` from a folder or zip of images, the id being the first 16 hex digits of the
 * SHA-256 of the imported pixels, labels and class names. Their images live in this browser's
 * IndexedDB, not in the link; a link to one opened elsewhere names it as missing.
 */
export const CIFAR10_KEY = 'cifar10';
export const OWN_DATASET_PATTERN = /^own-[0-9a-f]{16}$/;
export type UserDatasetKey = typeof CIFAR10_KEY | `own-${string}`;
export type DatasetKey = BuiltInDatasetKey | UserDatasetKey;

export function isBuiltInDataset(key: string): key is BuiltInDatasetKey {
  return Object.prototype.hasOwnProperty.call(DATASETS, key);
}

export function isUserDataset(key: string): key is UserDatasetKey {
  return key === CIFAR10_KEY || OWN_DATASET_PATTERN.test(key);
}

export function isDatasetKey(key: string): key is DatasetKey {
  return isBuiltInDataset(key) || isUserDataset(key);
}

/** The built-in spec of a key, or null for a user's dataset (its size is known once it is loaded). */
export function builtInSpec(key: DatasetKey): DatasetSpec | null {
  return isBuiltInDataset(key) ? DATASETS[key] : null;
}

/** CIFAR-10's classes in label order (Krizhevsky 2009, batches.meta.txt). */
export const CIFAR10_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] as const;
