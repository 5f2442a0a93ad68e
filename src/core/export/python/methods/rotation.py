"""Rotation prediction (Gidaris et al. 2018): every image is shown at 0, 90, 180 and 270 degrees in the same
batch (the paper found feeding all four rotations together works best) and a linear head on the encoder's
features classifies the rotation. Under DDP each rank rotates its own rows and the cross-entropy is taken over
the logits gathered from every rank, so its value is the global batch's on 1 or N processes; BatchNorm sees
the global batch."""
import torch
import torch.nn as nn
import torch.nn.functional as F

from augment import view
from distributed import gather, gather_no_grad
from model import Mlp, load_mlp

ROTATIONS = 4


def rotation_batch(x):
    """All four rotations, rotation-major (rows k*B .. k*B + B - 1 turned k*90 degrees counter-clockwise,
    as the browser's rotate90), and their labels."""
    b = x.shape[0]
    rotated = torch.cat([torch.rot90(x, k, dims=(2, 3)) for k in range(ROTATIONS)], 0)
    labels = torch.arange(ROTATIONS, device=x.device).repeat_interleave(b)
    return rotated, labels


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.head = Mlp([(encoder.out_dim, ROTATIONS, False, False)])

    def heads(self):
        return {'rotationHead': self.head}

    def load_heads(self, tensors):
        return load_mlp(self.head, tensors, 'rotationHead')

    def make_views(self, images, gen, n_global, rows):
        if images.shape[2] != images.shape[3]:
            raise SystemExit('rotation prediction needs square images')
        # The paper rotates plain images; rotAugment applies the augmentation pipeline first.
        return [view(images, self.aug, gen, n_global, rows) if self.knobs['rotAugment'] else images]

    def embed(self, x):
        return self.encoder(x)

    def forward(self, views, step, total):
        x, labels = rotation_batch(views[0])
        return F.cross_entropy(gather(self.head(self.encoder(x))), gather_no_grad(labels))
