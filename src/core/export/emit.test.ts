import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPythonSources } from '../../../scripts/export-sources';
import { ADDED_METHOD_KNOBS, addedMethodKnobs } from '../config/addedKnobs';
import { METHOD_KEYS, type MethodKey } from '../config/methods';
import { defaultConfig } from '../config/schema';
import { SHARED_MODULES, exportFromLink, exportProject, modulesFor } from './emit';
import { EXPORTED_METHODS, NOT_EXPORTED } from './exportable';

const sources = readPythonSources();
const PYTHON = process.env.PYTHON ?? 'python3';

describe('export', () => {
  it('every method is either exported or refused with its own reason', () => {
    for (const method of METHOD_KEYS) {
      const exported = (EXPORTED_METHODS as readonly string[]).includes(method);
      expect(exported !== (NOT_EXPORTED[method] !== undefined), method).toBe(true);
      const r = exportProject(defaultConfig(method), '', sources);
      if (exported) expect(r.ok, method).toBe(true);
      else expect(r).toEqual({ ok: false, errors: [NOT_EXPORTED[method]] });
    }
  });

  it('ships the chosen method as methods.py, the shared modules, the config with its link, requirements and README', () => {
    const link = 'https://example.org/?method=byol&tauBase=0.996&batch=128';
    const r = exportFromLink(link, sources);
    if (!r.ok) throw new Error(r.errors.join('; '));
    expect(Object.keys(r.files).sort()).toEqual([...SHARED_MODULES, 'methods.py', 'config.json', 'requirements.txt', 'README.md'].sort());
    expect(r.files['methods.py']).toBe(sources['methods/byol.py']);
    const config = JSON.parse(r.files['config.json']);
    expect(config.source).toBe(link);
    expect(config.config.params.tauBase).toBe(0.996);
    expect(config.config.batch).toBe(128);
    expect(r.files['requirements.txt']).toMatch(/^torch>=1\.13$/m);
    expect(r.files['README.md']).toContain('torchrun --nproc_per_node=8 train.py');
  });

  it('ships the tiny ViT (vit.py) with MAE and MSN, not with the ConvNet methods', () => {
    const mae = exportFromLink('?method=mae', sources);
    if (!mae.ok) throw new Error(mae.errors.join('; '));
    expect(Object.keys(mae.files).sort()).toEqual([...SHARED_MODULES, 'vit.py', 'methods.py', 'config.json', 'requirements.txt', 'README.md'].sort());
    expect(mae.files['vit.py']).toBe(sources['vit.py']);
    const msn = exportFromLink('?method=msn', sources);
    expect(msn.ok && msn.files['vit.py']).toBe(sources['vit.py']);
    const simclr = exportFromLink('?method=simclr', sources);
    expect(simclr.ok && Object.keys(simclr.files)).not.toContain('vit.py');
    expect(mae.files['README.md']).toContain('| vit.py | the tiny ViT encoder');
    expect(simclr.ok && simclr.files['README.md']).not.toContain('vit.py');
  });

  it('ships k-means (kmeans.py) with DeepCluster only, and its README names it', () => {
    const dc = exportFromLink('?method=deepcluster', sources);
    if (!dc.ok) throw new Error(dc.errors.join('; '));
    expect(Object.keys(dc.files).sort()).toEqual([...SHARED_MODULES, 'kmeans.py', 'methods.py', 'config.json', 'requirements.txt', 'README.md'].sort());
    expect(dc.files['kmeans.py']).toBe(sources['kmeans.py']);
    expect(dc.files['README.md']).toContain('| kmeans.py | DeepCluster');
    const inpainting = exportFromLink('?method=inpainting&advWeight=0.001', sources);
    expect(inpainting.ok && Object.keys(inpainting.files).sort()).toEqual([...SHARED_MODULES, 'methods.py', 'config.json', 'requirements.txt', 'README.md'].sort());
  });

  it('refuses a broken link or config with every reason, and exports nothing', () => {
    const r = exportFromLink('?method=supervised&temperatur=0.1&batch=abc', sources);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.includes('temperatur'))).toBe(true);
    expect(r.errors.some((e) => e.includes('batch'))).toBe(true);
    expect(r.errors).toContain(NOT_EXPORTED.supervised);
    const shapes = exportFromLink('?method=simclr&dataset=shapes', sources);
    expect(shapes.ok === false && shapes.errors).toEqual([expect.stringMatching(/^dataset shapes is generated inside the browser/)]);
    const badBatch = exportProject({ ...defaultConfig('simclr'), batch: 0 }, '', sources);
    expect(badBatch.ok || badBatch.errors.some((e) => e.startsWith('config: batch'))).toBe(true);
    expect(badBatch.ok).toBe(false);
    const simclr = defaultConfig('simclr');
    const badKnob = exportProject({ ...simclr, params: { ...simclr.params, temperature: -1 } }, '', sources);
    expect(badKnob.ok || badKnob.errors.some((e) => e.includes('temperature'))).toBe(true);
    expect(badKnob.ok).toBe(false);
  });

  it('refuses fine-tuning and transfer evaluation, naming each', () => {
    const r = exportFromLink('?method=barlowtwins&smallCrops=2&finetuneSteps=50&evalDataset=fashion-mnist', sources);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'finetuneSteps=50: the exported train.py evaluates with the linear probe and kNN only (export with finetuneSteps=0)',
      'evalDataset=fashion-mnist: the exported train.py evaluates on its training dataset only (export with evalDataset=same)',
    ]);
  });

  it('refuses BYOL with GroupNorm + WS in the encoder as well, which the export does not build', () => {
    const r = exportFromLink('?method=byol&headNorm=gn-ws-all', sources);
    expect(r.ok ? r.config.params : r.errors).toEqual(['byol headNorm=gn-ws-all (GroupNorm + weight standardisation in the encoder too) is not in the PyTorch export yet (it carries gn-ws in the heads)']);
    expect(exportFromLink('?method=byol&headNorm=gn-ws', sources).ok).toBe(true);
  });

  // Each has a parity row in parity.test.ts. A knob added later is refused away from its default until
  // exportable.ts lists it as carried.
  it('carries every lecture knob added after it (MoCo ablation, BYOL head norms, multi-crop, ViT pool) at a value other than its default', () => {
    const carried: string[] = [];
    for (const method of Object.keys(ADDED_METHOD_KNOBS) as MethodKey[]) {
      for (const knob of addedMethodKnobs(method)) {
        const value = knob.kind === 'enum' ? knob.options.find((o) => o !== knob.default)! : knob.kind === 'bool' ? !knob.default : knob.default + 1 <= knob.max ? knob.default + 1 : knob.min;
        const base = defaultConfig(method);
        const r = exportProject({ ...base, params: { ...base.params, [knob.name]: value } }, '', sources);
        expect(r.ok ? r.config.params[knob.name] : r.errors, `${method} ${knob.name}=${String(value)}`).toBe(value);
        carried.push(`${method}.${knob.name}`);
      }
    }
    expect(carried).toEqual(expect.arrayContaining(['moco.mocoHead', 'moco.mocoAug', 'moco.mocoSchedule', 'byol.headNorm', 'simclr.smallCrops', 'deepcluster.smallSize', 'mae.pool', 'msn.pool']));
    // MoCo's Table 1 rows, each part on its own knob; SimCLR's small crops in the project's config.
    const rowA = exportFromLink('?method=moco&mocoVersion=v1&mocoHead=mlp&mocoAug=augplus&mocoSchedule=cosine', sources);
    expect(rowA.ok && rowA.config.params).toMatchObject({ mocoVersion: 'v1', mocoHead: 'mlp', mocoAug: 'augplus', mocoSchedule: 'cosine' });
    const simclr = exportFromLink('?method=simclr&smallCrops=2&smallSize=10', sources);
    expect(simclr.ok && JSON.parse(simclr.files['config.json']).config.params).toMatchObject({ smallCrops: 2, smallSize: 10 });
  });

  it('every exported file compiles (python3 -m py_compile)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-compile-'));
    const files: string[] = [];
    for (const method of EXPORTED_METHODS) {
      const r = exportProject(defaultConfig(method), '', sources);
      if (!r.ok) throw new Error(r.errors.join('; '));
      const path = join(dir, `${method}_methods.py`);
      writeFileSync(path, r.files['methods.py']);
      files.push(path);
    }
    for (const m of new Set(EXPORTED_METHODS.flatMap(modulesFor))) {
      writeFileSync(join(dir, m), sources[m]);
      files.push(join(dir, m));
    }
    const r = spawnSync(PYTHON, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // Lint (unused imports and names, undefined names) where pyflakes is installed (Debian: pyflakes3).
    const lint = spawnSync('pyflakes3', files, { encoding: 'utf8' });
    if (lint.error) console.log('pyflakes3 not installed: lint skipped (apt-get install pyflakes3)');
    else expect(lint.status, lint.stdout + lint.stderr).toBe(0);
  });

  it('npm run export writes the folder, or exits 2 with the reasons and writes nothing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'export-cli-')), 'proj');
    const ok = spawnSync('npx', ['tsx', 'scripts/export.ts', '?method=swav&smallCrops=2', '--out', out], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).config.params.smallCrops).toBe(2);
    const refusedOut = join(out, '..', 'refused');
    const refused = spawnSync('npx', ['tsx', 'scripts/export.ts', '?method=supervised', '--out', refusedOut], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(NOT_EXPORTED.supervised);
    expect(existsSync(refusedOut)).toBe(false);
  });
});
