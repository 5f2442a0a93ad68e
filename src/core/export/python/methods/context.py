"""Context prediction (Doersch, Gupta & Efros 2015): cut a 3x3 grid of patches (gap and jitter), encode the centre
and each neighbour with the shared encoder, and classify the neighbour's position from the concatenated features
(8 classes; the paper's late fusion, sec. 3). As the browser, every image gives all 8 pairs (balanced classes,
the centre encoded once).

Under DDP: the jitter is drawn for the global batch from the generator every rank seeds alike, each rank cuts its
own rows; the cross-entropy is over the logits gathered from every rank, so its value is the global batch's.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from augment import cut_cells, jittered_corners
from distributed import gather, gather_no_grad
from model import Mlp, load_mlp, projector_blocks

CENTRE_CELL = 4
# The neighbours in reading order, as the paper numbers them (Fig. 2: 1 2 3 / 4 . 5 / 6 7 8): class k is cell NEIGHBOUR_CELLS[k].
NEIGHBOUR_CELLS = [0, 1, 2, 3, 5, 6, 7, 8]
POSITIONS = len(NEIGHBOUR_CELLS)


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs = encoder, knobs
        self.classifier = Mlp(projector_blocks(2 * encoder.out_dim, knobs['clsHidden'], POSITIONS))

    def heads(self):
        return {'contextClassifier': self.classifier}

    def load_heads(self, tensors):
        return load_mlp(self.classifier, tensors, 'contextClassifier')

    def make_views(self, images, gen, n_global, rows):
        """The images and the jittered corners of their 9 cells (B x 9 x 2)."""
        return [images, jittered_corners(images, self.knobs['gap'], self.knobs['patchJitter'], gen, n_global, rows)]

    def embed(self, x):
        return self.encoder(x)

    def forward(self, views, step, total):
        images, corners = views
        b = images.shape[0]
        # Rows 0..B-1 the centres, then row B + k*B + i the neighbour of image i at class k.
        cells = torch.tensor([CENTRE_CELL] + NEIGHBOUR_CELLS).repeat_interleave(b)
        image = torch.arange(b).repeat(1 + POSITIONS)
        features = self.encoder(cut_cells(images, corners, image, cells, self.knobs['gap'], self.knobs['patchJitter']))
        centre, neighbours = features[:b], features[b:]
        pairs = torch.cat([centre.repeat(POSITIONS, 1), neighbours], 1)
        labels = torch.arange(POSITIONS, device=images.device).repeat_interleave(b)
        return F.cross_entropy(gather(self.classifier(pairs)), gather_no_grad(labels))
