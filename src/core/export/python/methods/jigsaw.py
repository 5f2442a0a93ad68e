"""Jigsaw puzzles (Noroozi & Favaro 2016): the 9 tiles of a 3x3 grid (gap and jitter) are shuffled by one of P
permutations of maximal Hamming distance, each tile goes through the shared encoder, and a classifier on the
concatenated features names the permutation (the context-free network, sec. 3.1). The permutation set is the
browser's, bit for bit (same greedy search, same seeded generator), so a label means the same shuffle here.

Under DDP: the set is computed alike on every rank; labels and jitter are drawn for the global batch from the
generator every rank seeds alike, each rank cuts its own rows; the cross-entropy is over the logits gathered
from every rank, so its value is the global batch's on 1 or N processes.
"""
import itertools

import torch
import torch.nn as nn
import torch.nn.functional as F

from augment import GRID_CELLS, cut_cells, jittered_corners
from data import Mulberry32, mix_seed
from distributed import gather, gather_no_grad
from model import Mlp, load_mlp, projector_blocks

TILES = GRID_CELLS


def max_hamming_permutations(count, seed, n=TILES):
    """Algorithm 1 of the paper, greedy, as the browser (src/core/methods/jigsaw/permutations.ts): from a random
    permutation, repeatedly add the candidate with the largest minimal Hamming distance to those chosen, ties to
    the larger summed distance, then to the first candidate at or after a seeded offset. Candidates: all 9!."""
    candidates = torch.tensor(list(itertools.permutations(range(n))), dtype=torch.uint8)  # lexicographic
    total = candidates.shape[0]
    if not 1 <= count <= total:
        raise SystemExit(f'jigsaw: cannot choose {count} of {total} permutations')
    min_dist = torch.full((total,), 255, dtype=torch.int64)
    sum_dist = torch.zeros(total, dtype=torch.int64)
    rng = Mulberry32(seed)
    chosen = []

    def add(j):
        nonlocal min_dist
        chosen.append(j)
        dist = (candidates != candidates[j]).sum(1).to(torch.int64)
        min_dist = torch.minimum(min_dist, dist)
        sum_dist.add_(dist)

    add(int(rng() * total))
    while len(chosen) < count:
        offset = int(rng() * total)
        key = min_dist * 65536 + sum_dist
        # argmax gives the first of equal maxima: rolled to start at the offset, as the browser's scan.
        best = int(torch.argmax(torch.roll(key, -offset))) if offset else int(torch.argmax(key))
        add((best + offset) % total)
    return candidates[chosen].long()


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs = encoder, knobs
        self.count = knobs['permutations']
        self.classifier = Mlp(projector_blocks(TILES * encoder.out_dim, knobs['clsHidden'], self.count))
        # The browser seeds the set from its method seed (mix_seed(seed, 12)), stream 3.
        self.register_buffer('perms', max_hamming_permutations(self.count, mix_seed(mix_seed(config['seed'], 12), 3)))

    def heads(self):
        return {'jigsawClassifier': self.classifier}

    def load_heads(self, tensors):
        return load_mlp(self.classifier, tensors, 'jigsawClassifier')

    def make_views(self, images, gen, n_global, rows):
        """The images and their puzzles: a permutation index per image and the jittered corners of its cells."""
        labels = torch.randint(self.count, (n_global,), generator=gen)[rows]
        return [images, labels, jittered_corners(images, self.knobs['gap'], self.knobs['patchJitter'], gen, n_global, rows)]

    def embed(self, x):
        return self.encoder(x)

    def forward(self, views, step, total):
        images, labels, corners = views
        labels, b = labels.long().to(images.device), images.shape[0]
        # Slot s of puzzle i shows the tile of cell perms[label_i, s]; tiles slot-major (row s * B + i).
        cells = self.perms[labels].t().reshape(-1)
        image = torch.arange(b).repeat(TILES)
        features = self.encoder(cut_cells(images, corners, image, cells, self.knobs['gap'], self.knobs['patchJitter']))
        # Late fusion: each tile's features, concatenated in slot order.
        puzzles = features.reshape(TILES, b, -1).transpose(0, 1).reshape(b, -1)
        return F.cross_entropy(gather(self.classifier(puzzles)), gather_no_grad(labels))
