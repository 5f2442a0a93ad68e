"""MSN (Assran et al. 2022): an anchor view with a random share of its patches dropped, plus small focal crops
(also masked), goes through the online ViT and projector; the whole target view goes through their EMA copies.
Both are softly assigned to learned prototypes; the anchors must match the sharpened target assignment, with
mean-entropy maximisation (ME-MAX) against collapse (sec. 3, eq. 1-2).

Under DDP each rank encodes its own rows; the projector's BatchNorm sees the global batch (SyncBatchNorm),
and the cross-entropy and the mean assignment of ME-MAX are taken over the anchors gathered from every rank.
"""
import math

import torch
import torch.nn as nn

from augment import two_views, view
from distributed import gather
from losses import l2_normalize
from model import Mlp, copy_into, cosine_momentum, expander_blocks, load_mlp, make_target
from vit import load_vit, patch_grid, sample_patch_masks, vit_from_config, warmup_cosine

FOCAL_SCALE = (0.1, 0.3)  # MSN's focal crops: 0.05-0.3 of the area in the authors' code; 0.1 on 28 px digits
WARMUP_FRACTION = 15 / 800  # MSN's released config: 15 warm-up epochs of 800


def focal_pixels(focal_size, patch, height):
    """Crop side: focalSize rounded down to whole patches, at least one patch."""
    return min(height // patch * patch, max(patch, focal_size // patch * patch))


def msn_loss(anchors, targets, prototypes, temperature, sharpen, me_max_weight):
    """anchors: M*B x d (view-major, this rank's rows), targets: B x d. Cross-entropy of each anchor's
    assignment against its image's sharpened target assignment, plus me_max_weight * (log K - H(p_bar))."""
    views = anchors.shape[0] // targets.shape[0]
    protos = l2_normalize(prototypes)
    log_p = torch.log_softmax(l2_normalize(anchors) @ protos.t() / temperature, 1)
    with torch.no_grad():
        target = torch.softmax(l2_normalize(targets) @ protos.t() / (temperature * sharpen), 1)
    ce = gather(-(target.repeat(views, 1) * log_p).sum(1)).mean()
    p_bar = gather(log_p.exp()).mean(0)
    me_max = (p_bar * p_bar.clamp_min(1e-30).log()).sum() + math.log(prototypes.shape[0])
    return ce + me_max_weight * me_max


class Method(nn.Module):
    make_encoder = staticmethod(vit_from_config)  # the tiny ViT of the knobs, not the ConvNet

    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        # MSN's projection head: Linear-BN-act twice, then Linear (the expander's shape).
        self.projector = Mlp(expander_blocks(encoder.out_dim, knobs['projHidden'], knobs['projDim']))
        # Prototypes uniform in +-1/sqrt(d), as MSN's `torch.nn.init.uniform_(prototypes, -_sqrt_k, _sqrt_k)`.
        bound = 1 / math.sqrt(knobs['projDim'])
        self.prototypes = nn.Parameter(torch.empty(knobs['prototypes'], knobs['projDim']).uniform_(-bound, bound))
        self.target_encoder = make_target(encoder)
        self.target_projector = make_target(self.projector)
        height = min(encoder.height, encoder.width)
        self.focal_size = focal_pixels(knobs['focalSize'], encoder.patch, height)
        self.focal_rows, self.focal_cols, _, _ = patch_grid(self.focal_size, self.focal_size, encoder.patch)

    def heads(self):
        return {'projector': self.projector}

    def load_encoder(self, tensors):
        return load_vit(self.encoder, tensors)

    def load_heads(self, tensors):
        used = load_mlp(self.projector, tensors, 'projector')
        copy_into(self.prototypes, tensors['prototypes/weights'], 'prototypes/weights')
        self.target_encoder.load_state_dict(self.encoder.state_dict())
        self.target_projector.load_state_dict(self.projector.state_dict())
        return used | {'prototypes/weights'}

    def target_pairs(self):
        return [(self.encoder, self.target_encoder), (self.projector, self.target_projector)]

    def momentum(self, step, total):
        return cosine_momentum(self.knobs['tauBase'], step, total)

    def learning_rate(self, step, total, base):
        return warmup_cosine(step, total, base, WARMUP_FRACTION)

    def make_views(self, images, gen, n_global, rows):
        """[target view, anchor view, its visible patches (B x K)] and, with focal views, [crops (B x V x C x s x s),
        their visible patches (B x V x K')]; masks and crops drawn for the global batch."""
        k = self.knobs
        target, anchor = two_views(images, self.aug, gen, n_global, rows)
        _, visible = sample_patch_masks('random', n_global, self.encoder.rows, self.encoder.cols, k['msnMaskRatio'], gen)
        out = [target, anchor, visible[rows].to(images.device)]
        if k['focalViews'] > 0:
            s = self.focal_size
            crops = [view(images, self.aug, gen, n_global, rows, size=(s, s), scale=FOCAL_SCALE) for _ in range(k['focalViews'])]
            _, fvis = sample_patch_masks('random', k['focalViews'] * n_global, self.focal_rows, self.focal_cols, k['msnMaskRatio'], gen)
            fvis = fvis.reshape(k['focalViews'], n_global, -1).transpose(0, 1)[rows]
            out += [torch.stack(crops, 1), fvis.to(images.device)]
        return out

    def embed(self, x):
        return self.projector(self.encoder(x))

    def forward(self, views, step, total):
        target, anchor, visible = views[:3]
        # The anchor's feature is read as the probe's (knob pool): the [CLS] output, or the mean of the visible outputs.
        pooled = [self.encoder.pool(self.encoder.encode_visible(anchor, visible.long()))]
        if len(views) > 3:
            crops, fvis = views[3], views[4].long()
            b, v = crops.shape[:2]
            # View-major (rows v*B .. v*B + B - 1 are crop v), as the browser.
            crops = crops.transpose(0, 1).reshape(v * b, *crops.shape[2:])
            pooled.append(self.encoder.pool(self.encoder.encode_visible(crops, fvis.transpose(0, 1).reshape(v * b, -1))))
        anchors = self.projector(torch.cat(pooled, 0))
        with torch.no_grad():
            targets = self.target_projector(self.target_encoder(target))
        k = self.knobs
        return msn_loss(anchors, targets, self.prototypes, k['temperature'], k['targetSharpen'], k['meMaxWeight'])
