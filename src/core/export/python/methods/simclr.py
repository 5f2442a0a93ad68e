"""SimCLR (Chen et al. 2020): two augmented views per image, one encoder and projector, NT-Xent over the 2N
views of the global batch (sec. 2.1-2.2). With smallCrops, multi-crop as the SwAV paper's ablation (Caron et al.
2020, Table 4): small low-resolution crops, each compared by NT-Xent with the two global views."""
import torch
import torch.nn as nn

from augment import small_crops_of, two_views
from distributed import gather
from losses import multi_crop_mean, nt_xent
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
        return two_views(images, self.aug, gen, n_global, rows) + small_crops_of(images, self.aug, gen, n_global, rows, self.knobs)

    def embed(self, x):
        return self.projector(self.encoder(x))

    def forward(self, views, step, total):
        v1, v2, *small = views
        t = self.knobs['temperature']
        if not small:
            # One pass over both views: BatchNorm sees all 2N samples, as SimCLR's global BN (sec. 2.2).
            z1, z2 = torch.chunk(self.embed(torch.cat([v1, v2], 0)), 2, 0)
            return nt_xent(gather(z1), gather(z2), t)
        # The encoder once per resolution, the projector once over every crop (its BatchNorm sees them all, as
        # SwAV's); NT-Xent for each small crop against each global view and for the two global views, averaged.
        h = torch.cat([self.encoder(torch.cat([v1, v2], 0)), self.encoder(torch.cat(small, 0))], 0)
        z = torch.chunk(self.projector(h), 2 + len(small), 0)
        return multi_crop_mean([gather(zi) for zi in z], 2, lambda a, b: nt_xent(a, b, t))
