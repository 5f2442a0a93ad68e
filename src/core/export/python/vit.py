"""The playground's tiny Vision Transformer (Dosovitskiy et al. 2021) in PyTorch, as src/core/nets/vit.ts.

Patchify (square patches, row-major over the grid, each flattened (y, x, c) as MAE's `patchify`; a side that
is not a multiple of the patch is cropped centrally), a linear patch embedding, fixed 2-D sin-cos position
embeddings (MAE, He et al. 2022, App. A.1), pre-norm blocks (LayerNorm eps 1e-6, separate q, k, v
projections, GELU in its tanh form, MLP 4*D) and a final LayerNorm. The feature (knob `pool`): by default no
[CLS] token and the mean of the output tokens (MAE App. A.1 finds it as good); with pool='cls' a learned [CLS]
token put before the (visible) patch tokens, with position embedding 0, whose output is the feature (ViT; MAE's
linear probe, global_pool=False; MSN sec. 3). Xavier-uniform Linear weights, zero biases (MAE's init);
--init-from overwrites them with the browser's.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from model import copy_into

LN_EPS = 1e-6  # MAE's partial(nn.LayerNorm, eps=1e-6)
MLP_RATIO = 4  # ViT and MAE: MLP hidden width 4*D (Dosovitskiy et al. 2021, Table 1)
CLS_TOKEN_STD = 0.02  # MAE: torch.nn.init.normal_(self.cls_token, std=.02) (MSN: trunc_normal_, same std)


def js_round(x):
    """Math.round (halves up), as the browser rounds; Python's round() rounds halves to even."""
    return math.floor(x + 0.5)


def linear(fan_in, fan_out):
    fc = nn.Linear(fan_in, fan_out)
    nn.init.xavier_uniform_(fc.weight)
    nn.init.zeros_(fc.bias)
    return fc


def sincos_pos_embed(rows, cols, dim, scale_rows=1.0, scale_cols=1.0):
    """rows*cols x dim: [sin(x w_k), cos(x w_k), sin(y w_k), cos(y w_k)], w_k = 10000^(-k/(D/4)); computed in
    float64 and rounded once, as the browser; positions (i + 1/2)*scale - 1/2 for a smaller grid (MSN's focal views)."""
    quarter = dim // 4
    omega = 1.0 / torch.pow(torch.tensor(10000.0, dtype=torch.float64), torch.arange(quarter, dtype=torch.float64) / max(quarter, 1))
    y = (torch.arange(rows, dtype=torch.float64) + 0.5) * scale_rows - 0.5
    x = (torch.arange(cols, dtype=torch.float64) + 0.5) * scale_cols - 0.5
    yy, xx = torch.meshgrid(y, x, indexing='ij')
    xw, yw = xx.reshape(-1, 1) * omega, yy.reshape(-1, 1) * omega
    out = torch.zeros(rows * cols, dim, dtype=torch.float64)
    out[:, :4 * quarter] = torch.cat([xw.sin(), xw.cos(), yw.sin(), yw.cos()], 1)
    return out.float()


def patch_grid(height, width, patch):
    rows, cols = height // patch, width // patch
    if rows < 1 or cols < 1:
        raise SystemExit(f'patch size {patch} is larger than the {height}x{width} image')
    return rows, cols, (height - rows * patch) // 2, (width - cols * patch) // 2


def patchify(x, patch):
    """B x C x H x W -> B x L x (p*p*C), patches row-major, each flattened (y, x, c)."""
    b, c, h, w = x.shape
    rows, cols, top, left = patch_grid(h, w, patch)
    x = x[:, :, top: top + rows * patch, left: left + cols * patch]
    x = x.permute(0, 2, 3, 1).reshape(b, rows, patch, cols, patch, c)
    return x.permute(0, 1, 3, 2, 4, 5).reshape(b, rows * cols, patch * patch * c)


class Block(nn.Module):
    """z' = z + MSA(LN(z)), z = z' + MLP(LN(z')) (Dosovitskiy et al. 2021, eq. 2-3)."""

    def __init__(self, dim, heads, mlp_ratio=MLP_RATIO):
        super().__init__()
        dh = max(1, js_round(dim / heads))
        inner, hidden = dh * heads, max(1, js_round(dim * mlp_ratio))
        self.heads, self.dh = heads, dh
        self.ln1, self.ln2 = nn.LayerNorm(dim, eps=LN_EPS), nn.LayerNorm(dim, eps=LN_EPS)
        self.q, self.k, self.v, self.proj = linear(dim, inner), linear(dim, inner), linear(dim, inner), linear(inner, dim)
        self.fc1, self.fc2 = linear(dim, hidden), linear(hidden, dim)

    def attention(self, x):
        b, t, _ = x.shape
        q, k, v = (f(x).reshape(b, t, self.heads, self.dh).transpose(1, 2) for f in (self.q, self.k, self.v))
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.dh), -1)
        return self.proj((weights @ v).transpose(1, 2).reshape(b, t, self.heads * self.dh))

    def forward(self, x):
        x = x + self.attention(self.ln1(x))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate='tanh'))


class Transformer(nn.Module):
    def __init__(self, dim, depth, heads):
        super().__init__()
        self.blocks = nn.ModuleList([Block(dim, heads) for _ in range(depth)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class VitEncoder(nn.Module):
    def __init__(self, channels, height, width, patch, dim, depth, heads, pool='mean'):
        super().__init__()
        self.patch, self.height, self.width, self.out_dim = patch, height, width, dim
        # 1 when a [CLS] token leads every encoded sequence (pool 'cls'): MAE's decoder carries it, then drops it.
        self.cls_tokens = 1 if pool == 'cls' else 0
        self.cls_token = nn.Parameter(torch.randn(1, 1, dim) * CLS_TOKEN_STD) if self.cls_tokens else None
        self.rows, self.cols, _, _ = patch_grid(height, width, patch)
        self.patch_embed = linear(patch * patch * channels, dim)
        self.transformer = Transformer(dim, depth, heads)
        self.norm = nn.LayerNorm(dim, eps=LN_EPS)
        self.register_buffer('pos', sincos_pos_embed(self.rows, self.cols, dim), persistent=False)

    def embed_patches(self, x):
        """Patch and position embedding of every patch: B x L x D. A smaller image (a focal crop) gets a
        smaller grid whose positions span the training grid's extent."""
        if x.shape[2] == self.height and x.shape[3] == self.width:
            pos = self.pos
        else:
            rows, cols, _, _ = patch_grid(x.shape[2], x.shape[3], self.patch)
            pos = sincos_pos_embed(rows, cols, self.out_dim, self.rows / rows, self.cols / cols).to(x.device)
        return self.patch_embed(patchify(x, self.patch)) + pos

    def encode_tokens(self, tokens):
        return self.norm(self.transformer(tokens))

    def with_cls(self, tokens):
        """The [CLS] token (position embedding 0) before the patch tokens, when pool is 'cls'."""
        if self.cls_token is None:
            return tokens
        return torch.cat([self.cls_token.expand(tokens.shape[0], -1, -1), tokens], 1)

    def encode_visible(self, x, visible):
        """Only the patches listed in `visible` (B x K indices): the encoder never sees the hidden ones. Returns
        B x (cls_tokens + K) x D, the [CLS] output first (MAE's forward_encoder)."""
        tokens = self.embed_patches(x)
        return self.encode_tokens(self.with_cls(torch.gather(tokens, 1, visible[:, :, None].expand(-1, -1, tokens.shape[2]))))

    def pool(self, encoded):
        """The feature of each encoded sequence: the [CLS] output, or the mean of the patch outputs."""
        return encoded[:, 0] if self.cls_token is not None else encoded.mean(1)

    def forward(self, x):
        return self.pool(self.encode_tokens(self.with_cls(self.embed_patches(x))))


def warmup_cosine(step, total, base, warmup_fraction):
    """The ViT pre-training schedule (src/core/nets/vit/schedule.ts): linear warm-up over warmup_fraction of the
    steps, then half a cosine towards 0 (MAE Table 8; MSN's released config)."""
    warmup = max(1, js_round(warmup_fraction * total))
    if step <= warmup:
        return base * step / warmup
    progress = min(1.0, (step - warmup - 1) / max(1, total - warmup))
    return base * 0.5 * (1 + math.cos(math.pi * progress))


def vit_from_config(shape, config):
    """The ViT of a method's knobs (patchSize, vitDim, vitDepth, vitHeads, pool) for images of shape C x H x W."""
    p = config['params']
    return VitEncoder(shape[0], shape[1], shape[2], p['patchSize'], p['vitDim'], p['vitDepth'], p['vitHeads'], p.get('pool', 'mean'))


def load_linear(fc, tensors, name, used):
    """A browser Dense (w: in x out, b) into an nn.Linear."""
    copy_into(fc.weight, tensors[f'{name}.w'].t(), f'{name}.w')
    copy_into(fc.bias, tensors[f'{name}.b'], f'{name}.b')
    used.update((f'{name}.w', f'{name}.b'))


def load_layer_norm(norm, tensors, name, used):
    copy_into(norm.weight, tensors[f'{name}.gamma'], f'{name}.gamma')
    copy_into(norm.bias, tensors[f'{name}.beta'], f'{name}.beta')
    used.update((f'{name}.gamma', f'{name}.beta'))


def load_transformer(transformer, tensors, prefix, used):
    for i, b in enumerate(transformer.blocks):
        for part in ('q', 'k', 'v', 'proj', 'fc1', 'fc2'):
            load_linear(getattr(b, part), tensors, f'{prefix}{i}.{part}', used)
        load_layer_norm(b.ln1, tensors, f'{prefix}{i}.ln1', used)
        load_layer_norm(b.ln2, tensors, f'{prefix}{i}.ln2', used)


def load_vit(encoder, tensors, part='encoder'):
    """Copies the browser's ViT weights into `encoder`; returns the names used."""
    used = set()
    load_linear(encoder.patch_embed, tensors, f'{part}/patchEmbed', used)
    load_transformer(encoder.transformer, tensors, f'{part}/block', used)
    load_layer_norm(encoder.norm, tensors, f'{part}/norm', used)
    if encoder.cls_token is not None:
        copy_into(encoder.cls_token, tensors[f'{part}/clsToken'], f'{part}/clsToken')
        used.add(f'{part}/clsToken')
    return used


# --- Patch masks (MAE, MSN), as src/core/augment/masks.ts --------------------------------------------------
# Drawn for the global batch from the generator every rank seeds alike; each rank takes its rows. Every sample
# hides the same number of patches, so the visible tokens form one B x K x D tensor (MAE sec. 3).

BEIT_LOG_ASPECT = (math.log(0.3), math.log(1 / 0.3))  # Bao et al. 2022, Algorithm 1
MIN_BLOCK_FRACTION = 16 / 196  # BEiT: a block covers at least 16 of 196 patches
BLOCK_ATTEMPTS = 10


def hidden_count(tokens, ratio):
    """round(ratio * L), at most L - 1 so the encoder always sees one patch."""
    return min(max(tokens - 1, 0), max(0, js_round(ratio * tokens)))


def _random_mask(mask, count, gen):
    mask[torch.randperm(mask.numel(), generator=gen)[:count]] = 1


def _add_block(mask, rows, cols, min_area, max_new, gen):
    for _ in range(BLOCK_ATTEMPTS):
        area = min_area + (max_new - min_area) * torch.rand(1, generator=gen).item()
        aspect = math.exp(BEIT_LOG_ASPECT[0] + (BEIT_LOG_ASPECT[1] - BEIT_LOG_ASPECT[0]) * torch.rand(1, generator=gen).item())
        h, w = js_round(math.sqrt(area * aspect)), js_round(math.sqrt(area / aspect))
        if h < 1 or w < 1 or h > max(1, rows - 1) or w > max(1, cols - 1):
            continue
        top = int(torch.rand(1, generator=gen).item() * (rows - h + 1))
        left = int(torch.rand(1, generator=gen).item() * (cols - w + 1))
        block = mask.view(rows, cols)[top: top + h, left: left + w]
        fresh = int((block == 0).sum())
        if 0 < fresh <= max_new:
            block.fill_(1)
            return fresh
    return 0


def _block_mask(mask, rows, cols, count, gen):
    """BEiT's blockwise masking (Bao et al. 2022): rectangles until `count` are hidden, the rest at random."""
    min_area = max(1, js_round(MIN_BLOCK_FRACTION * rows * cols))
    done = 0
    while done < count:
        added = _add_block(mask, rows, cols, min_area, count - done, gen)
        if added == 0:
            break
        done += added
    if done < count:
        free = (mask == 0).nonzero().flatten()
        mask[free[torch.randperm(free.numel(), generator=gen)[: count - done]]] = 1


def _grid_mask(mask, rows, cols, gen):
    """MAE's grid-wise sampling (Fig. 6): one visible patch per 2x2 cell, the phase drawn per even axis."""
    pr = 1 if rows % 2 == 0 and torch.rand(1, generator=gen).item() < 0.5 else 0
    pc = 1 if cols % 2 == 0 and torch.rand(1, generator=gen).item() < 0.5 else 0
    r = torch.arange(rows)[:, None]
    c = torch.arange(cols)[None, :]
    mask.view(rows, cols).copy_((((r - pr) % 2 != 0) | ((c - pc) % 2 != 0)).float())


def sample_patch_masks(kind, n, rows, cols, ratio, gen):
    """n masks: hidden (n x L, 1 = hidden) and visible (n x K patch indices, ascending)."""
    tokens = rows * cols
    count = tokens - math.ceil(rows / 2) * math.ceil(cols / 2) if kind == 'grid' else hidden_count(tokens, ratio)
    hidden = torch.zeros(n, tokens)
    for mask in hidden:
        if kind == 'random':
            _random_mask(mask, count, gen)
        elif kind == 'block':
            _block_mask(mask, rows, cols, count, gen)
        else:
            _grid_mask(mask, rows, cols, gen)
    visible = (hidden == 0).nonzero()[:, 1].reshape(n, tokens - count)
    return hidden, visible
