"""VICReg (Bardes et al. 2022): invariance (MSE between views) + variance (a hinge on each feature's std) +
covariance (off-diagonal penalty), each branch regularised on its own over the global batch (sec. 3; their
code gathers the embeddings from all GPUs the same way). With smallCrops, multi-crop (the SwAV paper's Table 4):
each small crop against each view."""
import torch.nn as nn

from augment import small_crops_of, two_views
from distributed import gather
from losses import multi_crop_mean, vicreg_loss
from model import Mlp, expander_blocks, load_mlp


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.expander = Mlp(expander_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))

    def heads(self):
        return {'expander': self.expander}

    def load_heads(self, tensors):
        return load_mlp(self.expander, tensors, 'expander')

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows) + small_crops_of(images, self.aug, gen, n_global, rows, self.knobs)

    def embed(self, x):
        return self.expander(self.encoder(x))

    def forward(self, views, step, total):
        k = self.knobs
        # Branches run separately, as the authors' code: each BatchNorm sees one view (or crop).
        z = [gather(self.embed(v)) for v in views]
        return multi_crop_mean(z, 2, lambda a, b: vicreg_loss(a, b, k['invariance'], k['variance'], k['covariance']))
