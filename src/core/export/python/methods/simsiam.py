"""SimSiam (Chen & He 2021): one encoder and projector for both views, a predictor on top, and the symmetrised
negative cosine L = 1/2 D(p1, sg(z2)) + 1/2 D(p2, sg(z1)) (eq. 3). The stop-gradient keeps it from collapsing
(Fig. 2); the stopGrad knob turns it off for the demonstration."""
import torch.nn as nn

from augment import two_views
from distributed import gather
from losses import negative_cosine
from model import Mlp, load_mlp, simsiam_predictor_blocks, simsiam_projector_blocks


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.projector = Mlp(simsiam_projector_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))
        self.predictor = Mlp(simsiam_predictor_blocks(knobs['projDim'], knobs['predHidden']))

    def heads(self):
        return {'projector': self.projector, 'predictor': self.predictor}

    def load_heads(self, tensors):
        return load_mlp(self.projector, tensors, 'projector') | load_mlp(self.predictor, tensors, 'predictor')

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows)

    def embed(self, x):
        return self.projector(self.encoder(x))

    def forward(self, views, step, total):
        v1, v2 = views
        # Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
        z1, z2 = self.embed(v1), self.embed(v2)
        p1, p2 = self.predictor(z1), self.predictor(z2)
        detach = (lambda t: t.detach()) if self.knobs['stopGrad'] else (lambda t: t)
        p1, p2, z1, z2 = gather(p1), gather(p2), gather(z1), gather(z2)
        return 0.5 * (negative_cosine(p1, detach(z2)) + negative_cosine(p2, detach(z1)))
