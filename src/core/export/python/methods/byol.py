"""BYOL (Grill et al. 2020): the online network (encoder, projector, predictor) regresses the target network's
projection of the other view; the target is an EMA of the online encoder and projector (sec. 3.1). Switches for
the paper's ablation (Table 5(b)): no predictor, no EMA target (then the target is the online network under
stop-gradient); and the heads' normalisation (headNorm), for the debate over BatchNorm's batch statistics."""
import torch
import torch.nn as nn

from augment import small_crops_of, two_views
from distributed import gather
from losses import byol_loss, multi_crop_mean
from model import Mlp, byol_head_blocks, cosine_momentum, load_mlp, make_target


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        hidden, dim = knobs['projHidden'], knobs['projDim']
        # headNorm: BatchNorm (the paper), in one head only, none, or GroupNorm + weight standardisation.
        norm = knobs.get('headNorm', 'bn')
        self.projector = Mlp(byol_head_blocks('projector', norm, encoder.out_dim, hidden, dim))
        self.predictor = Mlp(byol_head_blocks('predictor', norm, dim, hidden, dim)) if knobs['predictor'] else None
        self.target_encoder = make_target(encoder) if knobs['ema'] else None
        self.target_projector = make_target(self.projector) if knobs['ema'] else None

    def heads(self):
        return {'projector': self.projector, **({'predictor': self.predictor} if self.predictor else {})}

    def load_heads(self, tensors):
        used = load_mlp(self.projector, tensors, 'projector')
        if self.predictor is not None:
            used |= load_mlp(self.predictor, tensors, 'predictor')
        if self.target_encoder is not None:
            self.target_encoder.load_state_dict(self.encoder.state_dict())
            self.target_projector.load_state_dict(self.projector.state_dict())
        return used

    def target_pairs(self):
        return [(self.encoder, self.target_encoder), (self.projector, self.target_projector)] if self.knobs['ema'] else []

    def momentum(self, step, total):
        return cosine_momentum(self.knobs['tauBase'], step, total)

    def make_views(self, images, gen, n_global, rows):
        return two_views(images, self.aug, gen, n_global, rows) + small_crops_of(images, self.aug, gen, n_global, rows, self.knobs)

    def embed(self, x):
        return self.projector(self.encoder(x))

    def target(self, x):
        if self.target_encoder is None:
            return self.embed(x).detach()
        with torch.no_grad():
            return self.target_projector(self.target_encoder(x))

    def forward(self, views, step, total):
        # Views pass one at a time, as in the authors' code: each BatchNorm sees one view's batch.
        p = [gather(self.predictor(self.embed(v)) if self.predictor else self.embed(v)) for v in views]
        z = [gather(self.target(v)) for v in views[:2]]
        if len(views) == 2:
            # Symmetrised (eq. 2 and after): each view predicts the other's target.
            return byol_loss(p[0], z[1]) + byol_loss(p[1], z[0])
        # Multi-crop as DINO's teacher and student: the target sees the two global views only, every other view
        # predicts each of them; twice the mean, so two views alone give L + L~.
        return 2 * multi_crop_mean(list(zip(p, z + [None] * (len(p) - 2))), 2, lambda target, other: byol_loss(other[0], target[1]), targeted=True)
