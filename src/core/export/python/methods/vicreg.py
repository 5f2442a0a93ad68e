"""VICReg (Bardes et al. 2022): invariance (MSE between views) + variance (a hinge on each feature's std) +
covariance (off-diagonal penalty), each branch regularised on its own over the global batch (sec. 3; their
code gathers the embeddings from all GPUs the same way)."""
import torch.nn as nn

from augment import two_views
from distributed import gather
from losses import vicreg_loss
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
        return two_views(images, self.aug, gen, n_global, rows)

    def embed(self, x):
        return self.expander(self.encoder(x))

    def forward(self, views, step, total):
        v1, v2 = views
        k = self.knobs
        return vicreg_loss(gather(self.embed(v1)), gather(self.embed(v2)), k['invariance'], k['variance'], k['covariance'])
