"""Barlow Twins (Zbontar et al. 2021): one encoder and expander for both views; the loss pushes the
cross-correlation of the two views' standardised embeddings, over the global batch, towards the identity (eq. 1).
With smallCrops, multi-crop (the SwAV paper's Table 4): each small crop against each view."""
import torch.nn as nn

from augment import small_crops_of, two_views
from distributed import gather
from losses import barlow_twins_loss, multi_crop_mean
from model import Mlp, expander_blocks, load_mlp


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.projector = Mlp(expander_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))

    def heads(self):
        return {'projector': self.projector}

    def load_heads(self, tensors):
        return load_mlp(self.projector, tensors, 'projector')

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows) + small_crops_of(images, self.aug, gen, n_global, rows, self.knobs)

    def embed(self, x):
        return self.projector(self.encoder(x))

    def forward(self, views, step, total):
        # The branches run separately, as the authors' code: each BatchNorm sees one view's (or crop's) batch.
        z = [gather(self.embed(v)) for v in views]
        return multi_crop_mean(z, 2, lambda a, b: barlow_twins_loss(a, b, self.knobs['lambda']))
