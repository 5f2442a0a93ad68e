"""The default SimCLR training step of SSL Playground, in PyTorch, as a speed reference for `npm run bench`.

Same model and step as the app's default config (src/core/methods/simclr.ts, nets/convnet.ts, nets/mlp.ts):
batch 64 of MNIST 28x28, two views each (random resized crop, scale 0.3-1, bilinear; brightness shift up to
+-0.8*s and contrast in [1-s, 1+s] with s = 0.4; clip to [0, 1]), a ConvNet of three 3x3 convs (16, 32, 64
channels, strides 1, 2, 2, bias, ReLU) with global average pooling, projector Linear(64,128)-BN-ReLU-Linear(128,64),
NT-Xent with tau 0.5 over both views in one encoder pass, Adam lr 1e-3. That is issue 10's fixed reference
(width 16, no BatchNorm); `--width 32 --batchnorm` is today's SimCLR default (each conv without bias, then
BatchNorm2d with batch statistics, then ReLU). Prints one JSON line per thread count:
{"threads": t, "steps_per_s": ..., "images_per_s": ...}. Never a dependency of the app or of `npm test`.

Usage: python3 bench/pytorch_step.py [--steps 30] [--threads 1,2] [--width 16] [--batchnorm]
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH, TAU, LR = 64, 0.5, 1e-3
CROP_MIN, JITTER = 0.3, 0.4


def load_images():
    path = os.path.join(os.path.dirname(__file__), '..', 'public', 'data', 'mnist-images.u8')
    raw = np.fromfile(path, dtype=np.uint8)
    return torch.from_numpy(raw.reshape(-1, 1, 28, 28).astype(np.float32) / 255.0)


class Encoder(nn.Module):
    def __init__(self, width, batchnorm):
        super().__init__()
        chans = [(1, width, 1), (width, 2 * width, 2), (2 * width, 4 * width, 2)]
        self.convs = nn.ModuleList([nn.Conv2d(i, o, 3, s, 1, bias=not batchnorm) for i, o, s in chans])
        self.norms = nn.ModuleList([nn.BatchNorm2d(o) if batchnorm else nn.Identity() for _, o, _ in chans])

    def forward(self, x):
        for conv, norm in zip(self.convs, self.norms):
            x = F.relu(norm(conv(x)))
        return x.mean(dim=(2, 3))


def augment(x, gen):
    """Random resized crop (affine grid + bilinear sampling) and brightness/contrast jitter, per image."""
    n = x.shape[0]
    area = torch.empty(n).uniform_(CROP_MIN, 1.0, generator=gen)
    side = area.sqrt()
    cx = (torch.rand(n, generator=gen) * 2 - 1) * (1 - side)
    cy = (torch.rand(n, generator=gen) * 2 - 1) * (1 - side)
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 1, 1], theta[:, 0, 2], theta[:, 1, 2] = side, side, cx, cy
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    v = F.grid_sample(x, grid, mode='bilinear', align_corners=False)
    shift = (torch.rand(n, 1, 1, 1, generator=gen) * 2 - 1) * 0.8 * JITTER
    scale = 1 + (torch.rand(n, 1, 1, 1, generator=gen) * 2 - 1) * JITTER
    mean = v.mean(dim=(1, 2, 3), keepdim=True)
    return ((v - mean) * scale + mean + shift).clamp(0, 1)


def nt_xent(z1, z2, tau):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = z @ z.t() / tau
    n = z1.shape[0]
    sim.fill_diagonal_(float('-inf'))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


def bench(threads, steps, images, width, batchnorm):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    encoder = Encoder(width, batchnorm)
    projector = nn.Sequential(nn.Linear(4 * width, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Linear(128, 64))
    params = list(encoder.parameters()) + list(projector.parameters())
    opt = torch.optim.Adam(params, lr=LR)

    def step():
        idx = torch.randint(0, images.shape[0], (BATCH,), generator=gen)
        x = images[idx]
        z = projector(encoder(torch.cat([augment(x, gen), augment(x, gen)])))
        loss = nt_xent(z[:BATCH], z[BATCH:], TAU)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(3):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    sps = steps / (time.perf_counter() - t0)
    return {'threads': threads, 'steps_per_s': sps, 'images_per_s': sps * BATCH, 'torch': torch.__version__,
            'width': width, 'batchnorm': batchnorm}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--steps', type=int, default=30)
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--width', type=int, default=16)
    ap.add_argument('--batchnorm', action='store_true')
    args = ap.parse_args()
    images = load_images()
    for t in [int(s) for s in args.threads.split(',')]:
        print(json.dumps(bench(t, args.steps, images, args.width, args.batchnorm)), flush=True)


if __name__ == '__main__':
    main()
