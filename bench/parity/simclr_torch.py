"""PyTorch reference of the app's default SimCLR, same protocol (issue 11, "learning-curve parity").

Mirrors src/core: MNIST from public/data (uint8), splits of n unlabelled / probeTrain / probeTest
images; the ConvNet (3x3 convs width, 2w (stride 2), 4w (stride 2), BatchNorm + ReLU, global mean
pool); projector Linear-BN-ReLU-Linear; NT-Xent at tau 0.5; Adam; views by random resized crop
(scale [0.3, 1], ratio [3/4, 4/3]) and brightness/contrast jitter 0.4 (brightness shift +-0.8s,
contrast factor in [1-s, 1+s] about the image mean, clipped). The probe is the app's: features
standardised with probe-train statistics, softmax regression by full-batch Adam (lr 0.05, 200
iterations, L2 1e-4), accuracy on probe-test. Also the raw-pixel and PCA references.

The splits are not the app's permutation (a different RNG), so numbers agree in distribution, not
to the digit. Prints one JSON object. Needs torch (Debian's /usr/bin/python3 has it); never a
dependency of the app or of npm test.

Usage: /usr/bin/python3 bench/parity/simclr_torch.py [--steps 1000] [--width 32] [--bn 1]
       [--batch 64] [--n 5000] [--lr 1e-3] [--at 0,250,500,1000] [--seed 1] [--method simclr|supervised]
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
sys.path.insert(0, os.path.join(ROOT, 'bench'))
from pytorch_step import nt_xent  # noqa: E402  (the speed benchmark's NT-Xent, one definition)


def load_mnist():
    d = os.path.join(ROOT, 'public', 'data')
    x = np.fromfile(os.path.join(d, 'mnist-images.u8'), dtype=np.uint8).reshape(-1, 1, 28, 28)
    y = np.fromfile(os.path.join(d, 'mnist-labels.u8'), dtype=np.uint8)
    return torch.from_numpy(x.astype(np.float32) / 255.0), torch.from_numpy(y.astype(np.int64))


class ConvNet(nn.Module):
    def __init__(self, width, bn, depth=3):
        super().__init__()
        chans = [(1, width, 1), (width, 2 * width, 2), (2 * width, 4 * width, 2)] + [(4 * width, 4 * width, 1)] * (depth - 3)
        layers = []
        for cin, cout, s in chans:
            layers.append(nn.Conv2d(cin, cout, 3, s, 1, bias=not bn))
            if bn:
                layers.append(nn.BatchNorm2d(cout))
            layers.append(nn.ReLU())
        self.body = nn.Sequential(*layers)
        self.out_dim = 4 * width
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity='relu')
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.body(x).mean(dim=(2, 3))


def augment(x, gen, crop_min=0.3, jitter=0.4):
    b = x.shape[0]
    out = torch.empty_like(x)
    for i in range(b):
        for _ in range(10):
            area = 784 * (crop_min + (1 - crop_min) * torch.rand(1, generator=gen).item())
            ratio = math.exp(math.log(3 / 4) + (math.log(4 / 3) - math.log(3 / 4)) * torch.rand(1, generator=gen).item())
            w = int(round(math.sqrt(area * ratio)))
            h = int(round(math.sqrt(area / ratio)))
            if 0 < w <= 28 and 0 < h <= 28:
                break
        else:
            h = w = 28
        top = torch.randint(0, 28 - h + 1, (1,), generator=gen).item()
        left = torch.randint(0, 28 - w + 1, (1,), generator=gen).item()
        out[i] = F.interpolate(x[i : i + 1, :, top : top + h, left : left + w], size=(28, 28), mode='bilinear', align_corners=True)[0]
    # Brightness/contrast jitter as src/core/augment/jitter.ts (the speed benchmark's augment uses an
    # affine-grid crop instead of torchvision's box search, so only this line pattern is shared).
    u = torch.rand(b, 2, 1, 1, generator=gen) * 2 - 1
    mean = out.mean(dim=(1, 2, 3), keepdim=True)
    return ((out - mean) * (1 + u[:, 1:2] * jitter) + mean + u[:, 0:1] * 0.8 * jitter).clamp(0, 1)


def probe(train_x, train_y, test_x, test_y, classes=10, iters=200):
    mean, std = train_x.mean(0), train_x.var(0, unbiased=False).add(1e-6).sqrt()
    a, b = (train_x - mean) / std, (test_x - mean) / std
    w = torch.zeros(a.shape[1], classes, requires_grad=True)
    bias = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.Adam([w, bias], lr=0.05)
    for _ in range(iters):
        opt.zero_grad()
        loss = F.cross_entropy(a @ w + bias, train_y) + 1e-4 * (w ** 2).sum()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return ((b @ w + bias).argmax(1) == test_y).float().mean().item()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--steps', type=int, default=1000)
    p.add_argument('--width', type=int, default=32)
    p.add_argument('--bn', type=int, default=1)
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--n', type=int, default=5000)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--at', default='0,250,500,1000')
    p.add_argument('--seed', type=int, default=1)
    p.add_argument('--method', default='simclr', choices=['simclr', 'supervised'])
    p.add_argument('--threads', type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    x, y = load_mnist()
    perm = torch.randperm(len(x), generator=gen)
    unl, ptr, pte = perm[: a.n], perm[a.n : a.n + 1000], perm[a.n + 1000 : a.n + 2000]
    enc = ConvNet(a.width, bool(a.bn))
    d = enc.out_dim
    head = nn.Sequential(nn.Linear(d, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 64)) if a.method == 'simclr' else nn.Linear(d, 10)
    opt = torch.optim.Adam(list(enc.parameters()) + list(head.parameters()), lr=a.lr)
    at = sorted({int(s) for s in a.at.split(',') if int(s) <= a.steps})

    def evaluate():
        enc.eval()
        with torch.no_grad():
            ftr, fte = enc(x[ptr]), enc(x[pte])
        enc.train()
        return probe(ftr, y[ptr], fte, y[pte])

    refs = {}
    flat = x.reshape(len(x), -1)
    refs['pixelProbeAccuracy'] = probe(flat[ptr], y[ptr], flat[pte], y[pte])
    u = flat[unl]
    mu = u.mean(0)
    _, _, v = torch.pca_lowrank(u - mu, q=d, center=False, niter=6)
    refs['pcaProbeAccuracy'] = probe((flat[ptr] - mu) @ v, y[ptr], (flat[pte] - mu) @ v, y[pte])
    curve = []
    started = time.time()
    if 0 in at:
        curve.append({'step': 0, 'probeAccuracy': evaluate()})
    for step in range(1, a.steps + 1):
        if a.method == 'simclr':
            idx = unl[torch.randint(0, a.n, (a.batch,), generator=gen)]
            xb = x[idx]
            z = head(enc(torch.cat([augment(xb, gen), augment(xb, gen)])))
            loss = nt_xent(z[: a.batch], z[a.batch :], 0.5)
        else:
            idx = ptr[torch.randint(0, len(ptr), (a.batch,), generator=gen)]
            loss = F.cross_entropy(head(enc(augment(x[idx], gen))), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step in at:
            curve.append({'step': step, 'probeAccuracy': evaluate(), 'loss': loss.item(), 'seconds': round(time.time() - started, 1)})
    print(json.dumps({'method': a.method, 'width': a.width, 'bn': a.bn, 'batch': a.batch, 'n': a.n, 'lr': a.lr, 'seed': a.seed, **refs, 'curve': curve}))


if __name__ == '__main__':
    main()
