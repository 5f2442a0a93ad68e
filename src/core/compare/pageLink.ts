import type { ExperimentConfig } from '../config/schema';
import { capNotices } from '../config/text';
import { decodeConfig, readLinkQuery } from '../config/url';
import { clip } from './knobs';
import { decodeComparison, encodeComparison, isComparisonLink } from './link';

/**
 * Control groups a link can hide for a lecture (TensorFlow Playground's `hide=`), e.g.
 * `hide=augment,training,share`: the room sees the charts, not forty knobs.
 */
export const HIDE_GROUPS = {
  method: 'the method picker',
  data: 'dataset and backend',
  training: 'the training settings (steps, batch, lr, …)',
  knobs: "the method's own settings",
  augment: 'the augmentations',
  share: 'the Share panel',
  runs: 'Saved runs',
  queue: 'Add to queue and the queue',
  preview: 'the augmentation preview',
} as const;
export type HideGroup = keyof typeof HIDE_GROUPS;
export const HIDE_PARAM = 'hide';

export function parseHide(raw: string | null, notices: string[]): HideGroup[] {
  if (raw === null) return [];
  const groups: HideGroup[] = [];
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (Object.prototype.hasOwnProperty.call(HIDE_GROUPS, name)) {
      if (!groups.includes(name as HideGroup)) groups.push(name as HideGroup);
    } else notices.push(`hide=${clip(name)} is not a control group (${Object.keys(HIDE_GROUPS).join(', ')}); ignored`);
  }
  return groups;
}

export interface PageLink {
  base: ExperimentConfig;
  /** The experiments of a comparison link; null for a single-experiment link. */
  runs: ExperimentConfig[] | null;
  hide: HideGroup[];
  notices: string[];
}

/** Reads whatever link opened the page: a single experiment or a comparison, either with `hide=`. */
export function decodePageLink(href: string): PageLink {
  const { query: q, notices } = readLinkQuery(href);
  const hideRaw = q.getAll(HIDE_PARAM);
  q.delete(HIDE_PARAM);
  if (hideRaw.length > 1) notices.push(`hide was given ${hideRaw.length} times; used the last`);
  const rest = q.toString();
  let base: ExperimentConfig;
  let runs: ExperimentConfig[] | null = null;
  if (isComparisonLink(rest)) {
    const d = decodeComparison(rest);
    base = d.base;
    // A comparison whose every run was left out is no comparison (the notices say why each went).
    runs = d.configs.length > 0 ? d.configs : null;
    notices.push(...d.notices);
  } else {
    const d = decodeConfig(rest);
    base = d.config;
    notices.push(...d.ignored.map((n) => clip(n, 240)));
  }
  const hide = parseHide(hideRaw.length ? hideRaw[hideRaw.length - 1] : null, notices);
  return { base, runs, hide, notices: capNotices(notices) };
}

/** `hide=` as links write it ('' when nothing is hidden). */
export function encodeHide(hide: readonly HideGroup[]): string {
  return hide.length ? `${HIDE_PARAM}=${hide.join(',')}` : '';
}

/** The query of a comparison link with optional hidden groups. */
export function encodeComparisonLink(configs: readonly ExperimentConfig[], hide: readonly HideGroup[] = []): string {
  return [encodeComparison(configs), encodeHide(hide)].filter(Boolean).join('&');
}
