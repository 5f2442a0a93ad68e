"""MAE (He et al. 2022): hide a large random share of the patches, encode only the visible ones with the ViT,
and let a light decoder with mask tokens predict the hidden patches' pixels; the loss counts hidden patches
only (sec. 3). As the paper, only the crop and flip of the augmentation apply (colour jitter hurts, Table 1e).

Under DDP each rank encodes its own rows (the ViT has no BatchNorm) and the loss is the mean over the hidden
patches of the whole global batch, from the per-patch errors and masks gathered from every rank.
"""

import torch
import torch.nn as nn

from augment import view
from distributed import gather, gather_no_grad
from model import copy_into
from vit import LN_EPS, Transformer, linear, load_layer_norm, load_linear, load_transformer, load_vit, patchify, sample_patch_masks, sincos_pos_embed, vit_from_config, warmup_cosine

MASK_TOKEN_STD = 0.02  # MAE: torch.nn.init.normal_(self.mask_token, std=.02)
NORM_PIX_EPS = 1e-6  # MAE's forward_loss: (var + 1.e-6)**.5
WARMUP_FRACTION = 40 / 800  # MAE: 40 warm-up epochs of 800 (Table 8)


class Decoder(nn.Module):
    """MAE's light decoder (sec. 3 "MAE decoder"): visible tokens projected to the decoder width and put back at
    their positions, a learned mask token at every hidden one, fixed sin-cos positions, a few blocks (as many
    heads as the encoder) and a linear layer predicting each patch's pixels."""

    def __init__(self, encoder_dim, dim, depth, heads, rows, cols, patch_dim, cls_tokens=0):
        super().__init__()
        self.cls = cls_tokens  # the encoder's leading [CLS] outputs: attended to, then dropped (forward_decoder)
        self.embed = linear(encoder_dim, dim)
        self.mask_token = nn.Parameter(torch.randn(1, 1, dim) * MASK_TOKEN_STD)
        self.transformer = Transformer(dim, depth, heads)
        self.norm = nn.LayerNorm(dim, eps=LN_EPS)
        self.pred = linear(dim, patch_dim)
        self.register_buffer('pos', sincos_pos_embed(rows, cols, dim), persistent=False)

    def forward(self, encoded, visible, hidden):
        projected = self.embed(encoded)
        kept = projected[:, self.cls:]
        tokens = torch.zeros(kept.shape[0], hidden.shape[1], kept.shape[2], device=kept.device, dtype=kept.dtype)
        tokens = tokens.scatter(1, visible[:, :, None].expand_as(kept), kept)
        tokens = tokens + hidden[:, :, None] * self.mask_token + self.pos
        # The [CLS] token's position embedding is 0 in MAE's decoder too; `x = x[:, 1:, :]  # remove cls token`.
        tokens = torch.cat([projected[:, :self.cls], tokens], 1)
        return self.pred(self.norm(self.transformer(tokens)))[:, self.cls:]


def mae_loss(pred, target, hidden, norm_pixels):
    """Mean over each patch's values of the squared error, averaged over the hidden patches of the global batch;
    with norm_pixels each target patch is standardised by its own mean and unbiased variance (Table 1d)."""
    if norm_pixels:
        target = (target - target.mean(-1, keepdim=True)) / (target.var(-1, keepdim=True) + NORM_PIX_EPS).sqrt()
    per_patch = gather((pred - target).pow(2).mean(-1))
    hidden = gather_no_grad(hidden)
    return (per_patch * hidden).sum() / hidden.sum().clamp_min(1)


class Method(nn.Module):
    make_encoder = staticmethod(vit_from_config)  # the tiny ViT of the knobs, not the ConvNet

    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs = encoder, knobs
        # MAE trains with random-resized crops and flips only.
        self.aug = {**config['aug'], 'jitter': False, 'blur': False, 'noise': False}
        patch_dim = encoder.patch_embed.in_features
        self.decoder = Decoder(encoder.out_dim, knobs['decoderDim'], knobs['decoderDepth'], encoder.transformer.blocks[0].heads, encoder.rows, encoder.cols, patch_dim, encoder.cls_tokens)

    def heads(self):
        return {'maeDecoder': self.decoder}

    def load_encoder(self, tensors):
        return load_vit(self.encoder, tensors)

    def load_heads(self, tensors):
        used = set()
        d = self.decoder
        load_linear(d.embed, tensors, 'maeDecoder/embed', used)
        load_transformer(d.transformer, tensors, 'maeDecoder/block', used)
        load_layer_norm(d.norm, tensors, 'maeDecoder/norm', used)
        load_linear(d.pred, tensors, 'maeDecoder/pred', used)
        copy_into(d.mask_token, tensors['maeDecoder/maskToken'], 'maeDecoder/maskToken')
        used.add('maeDecoder/maskToken')
        return used

    def make_views(self, images, gen, n_global, rows):
        """The augmented images and their masks' visible patch indices (B x K)."""
        x = view(images, self.aug, gen, n_global, rows)
        _, visible = sample_patch_masks(self.knobs['maskType'], n_global, self.encoder.rows, self.encoder.cols, self.knobs['maskRatio'], gen)
        return [x, visible[rows].to(x.device)]

    def embed(self, x):
        return self.encoder(x)

    def learning_rate(self, step, total, base):
        return warmup_cosine(step, total, base, WARMUP_FRACTION)

    def forward(self, views, step, total):
        x, visible = views
        visible = visible.long()
        # 1 = hidden: every patch but the visible ones.
        hidden = torch.ones(x.shape[0], self.encoder.rows * self.encoder.cols, device=x.device).scatter(1, visible, 0.0)
        pred = self.decoder(self.encoder.encode_visible(x, visible), visible, hidden)
        return mae_loss(pred, patchify(x, self.encoder.patch), hidden, self.knobs['normPixels'])
