"""SimCLR (Chen et al. 2020): two augmented views per image, one encoder and projector, NT-Xent over the 2N
views of the global batch (sec. 2.1-2.2)."""
import torch
import torch.nn as nn

from augment import two_views
from distributed import gather
from losses import nt_xent
from model import Mlp, load_mlp, projector_blocks


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.projector = Mlp(projector_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))

    def heads(self):
        return {'projector': self.projector}

    def load_heads(self, tensors):
        return load_mlp(self.projector, tensors, 'projector')

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows)

    def embed(self, x):
        return self.projector(self.encoder(x))

    def forward(self, views, step, total):
        v1, v2 = views
        # One pass over both views: BatchNorm sees all 2N samples, as SimCLR's global BN (sec. 2.2).
        z1, z2 = torch.chunk(self.embed(torch.cat([v1, v2], 0)), 2, 0)
        return nt_xent(gather(z1), gather(z2), self.knobs['temperature'])
