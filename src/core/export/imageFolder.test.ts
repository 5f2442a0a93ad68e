import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToTempDir } from './projectDir';
import { findTorchPython } from './python';

/**
 * The exported data.py reads an ImageFolder tree lazily (ImageFolderFiles): a batch's files are opened when the
 * batch is drawn. On a temporary tree of PNGs (two classes, sizes and modes that need resizing and RGB
 * conversion) it gives the labels and pixels an eager reference computed here with Pillow alone, opens no file
 * until indexed, and train.py trains on it. Skipped without torch, or without Pillow in that Python.
 */
const torch = findTorchPython();
const pillow = torch.python ? spawnSync(torch.python, ['-c', 'import PIL'], { encoding: 'utf8' }).status === 0 : false;

const CHECK = `
import os, sys, tempfile
import torch
from PIL import Image
import data

root = tempfile.mkdtemp()
# Class folders in an order sorting must fix; images of other sizes and modes (L, RGBA, RGB), one in a sub-folder.
specs = {'zebra': [('b.png', (40, 30), 'L'), ('a.png', (28, 28), 'RGBA'), ('sub/c.png', (10, 50), 'RGB')], 'apple': [('x.png', (64, 64), 'RGB'), ('notes.txt', None, None)]}
for cls, files in specs.items():
    for name, size, mode in files:
        path = os.path.join(root, cls, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if size is None:
            open(path, 'w').write('not an image')
            continue
        g = torch.Generator().manual_seed(len(path))
        pixels = torch.randint(0, 256, (size[1], size[0], len(mode)), generator=g, dtype=torch.uint8)
        Image.frombytes(mode, size, bytes(pixels.flatten().tolist())).save(path)

opened = []
real_open = Image.open
Image.open = lambda *a, **k: (opened.append(a[0]), real_open(*a, **k))[1]
tree, labels, classes = data.load('own-test', 'unused', root, size=(16, 12))
assert opened == [], f'files read before any batch: {opened}'
assert classes == 2 and labels.tolist() == [0, 1, 1, 1], labels.tolist()
assert tree.shape == (4, 3, 16, 12), tree.shape
order = ['apple/x.png', 'zebra/a.png', 'zebra/b.png', 'zebra/sub/c.png']
assert [os.path.relpath(f, root) for f in tree.files] == order, tree.files
batch = tree[[3, 0]]
assert [os.path.relpath(f, root) for f in opened] == ['zebra/sub/c.png', 'apple/x.png'], opened
for row, name in zip(batch, ['zebra/sub/c.png', 'apple/x.png']):
    ref = real_open(os.path.join(root, name)).convert('RGB').resize((12, 16), Image.BILINEAR)
    expected = torch.tensor(list(ref.getdata()), dtype=torch.uint8).reshape(16, 12, 3).permute(2, 0, 1)
    assert row.dtype == torch.uint8 and torch.equal(row, expected), name
print('ok', len(opened))
`;

describe.skipIf(!torch.python || !pillow)(`exported data.py: ImageFolder read a batch at a time (${torch.reason}${pillow ? ', Pillow' : ', no Pillow'})`, () => {
  it('labels, file order and pixels as torchvision would give them, nothing read before a batch asks', () => {
    const dir = exportToTempDir('?method=simclr', 'imagefolder');
    const r = spawnSync(torch.python!, ['-c', CHECK], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('ok 2');
  });

  it('train.py trains on a tree given by --image-folder', () => {
    const dir = exportToTempDir('?method=simclr&batch=8&n=32&width=4&probeTrain=20&probeTest=20&metricsEvery=1&probeEvery=0&steps=2', 'imagefolder-train');
    const make = `
import os
from PIL import Image
for c in range(2):
    os.makedirs(f'tree/c{c}', exist_ok=True)
    for i in range(40):
        Image.new('RGB', (20 + i, 24), (5 * i, 100 * c, 50)).save(f'tree/c{c}/{i:02d}.png')
`;
    expect(spawnSync(torch.python!, ['-c', make], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync(torch.python!, ['train.py', '--image-folder', 'tree', '--size', '16', '--threads', '1', '--out', 'run.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run.history.map((h: { step: number }) => h.step)).toEqual([1, 2]);
    expect(Number.isFinite(run.history[1].loss)).toBe(true);
    expect(run.final.probeAccuracy).toBeGreaterThanOrEqual(0);
  });
});
