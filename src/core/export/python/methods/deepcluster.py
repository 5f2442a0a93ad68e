"""DeepCluster (Caron et al. 2018): every `clusterEvery` steps (0: once per epoch) embed every unlabelled image
without augmentation (the paper clusters central crops), PCA-whiten and l2-normalise the features, cluster them with
k-means, and re-create the linear classifier (weights N(0, 0.01^2), zero bias, as the authors' code re-creates the
top layer); in between, train the encoder and the classifier to predict each augmented image's cluster. Against
the trivial solutions of sec. 3.3: empty clusters are re-seeded by splitting a big one (kmeans.py), and each
image's loss weighs 1 / (its cluster's size), which in expectation is the paper's uniform sampling over clusters.

The clustering is the browser's (kmeans.py): the same features give the same clusters. With --init-from, the
classifier of the first clustering is the browser's own draw (the file's), as PyTorch's random stream is not
the browser's.

Under DDP: every rank embeds its share of the images, the features are gathered, rank 0 clusters them and
broadcasts the clusters, so every rank trains on the same pseudo-labels; the weighted cross-entropy is over the
logits gathered from every rank, so its value is the global batch's.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from augment import small_crops_of, view
from data import mix_seed
from distributed import broadcast, gather, gather_no_grad, rank, world_size
from kmeans import kmeans, pca_whiten
from losses import l2_normalize
from model import Mlp, load_mlp

HEAD_INIT_STD = 0.01  # the authors' code: top layer re-created N(0, 0.01^2) after every clustering
EMBED_CHUNK = 256  # images embedded at once for the clustering


def cluster_weights(sizes):
    """w_c = N / (K n_c) over the K non-empty clusters, 0 for empty ones: the weights average 1 over the images."""
    sizes = sizes.tolist()
    total, non_empty = sum(sizes), sum(1 for s in sizes if s > 0)
    return torch.tensor([total / (non_empty * s) if s > 0 else 0.0 for s in sizes], dtype=torch.float32)


class Method(nn.Module):
    def __init__(self, encoder, knobs, config):
        super().__init__()
        self.encoder, self.knobs, self.aug = encoder, knobs, config['aug']
        self.batch = config['batch']
        self.seed = mix_seed(config['seed'], 12)  # the browser's method seed
        self.head = Mlp([(encoder.out_dim, knobs['k'], False, False)])
        self.keep_loaded_head = False
        self.labels = None

    def see_data(self, images, unlabelled):
        self.images, self.unlabelled = images, list(unlabelled)
        self.position = {index: i for i, index in enumerate(self.unlabelled)}
        every = self.knobs['clusterEvery']
        self.period = every if every > 0 else math.ceil(len(self.unlabelled) / self.batch)
        # The latest clustering (checkpointed with the model): every unlabelled image's cluster and the sizes.
        self.register_buffer('assignments', torch.full((len(self.unlabelled),), -1, dtype=torch.long))
        self.register_buffer('sizes', torch.zeros(self.knobs['k'], dtype=torch.long))
        self.register_buffer('clusterings', torch.zeros((), dtype=torch.long))

    def heads(self):
        return {'clusterHead': self.head}

    def load_heads(self, tensors):
        self.keep_loaded_head = True
        return load_mlp(self.head, tensors, 'clusterHead')

    @torch.no_grad()
    def features(self):
        """Every unlabelled image's encoder features (BatchNorm on running statistics), each rank embedding its share."""
        was = self.training
        self.eval()
        device = self.sizes.device
        n, world = len(self.unlabelled), world_size()
        share = math.ceil(n / world)
        mine = self.unlabelled[rank() * share: (rank() + 1) * share]
        parts = [self.encoder(self.images[mine[i: i + EMBED_CHUNK]].float().div(255).to(device)) for i in range(0, len(mine), EMBED_CHUNK)]
        local = torch.cat(parts) if parts else torch.zeros(0, self.encoder.out_dim, device=device)
        padded = torch.cat([local, torch.zeros(share - local.shape[0], local.shape[1], device=device)])
        self.train(was)
        return gather_no_grad(padded)[:n] if world > 1 else local

    def cluster(self):
        z = self.features()
        k = self.knobs['k']
        if rank() == 0:
            dim = min(self.knobs['pcaDim'], z.shape[1])
            z = pca_whiten(z, dim) if dim > 0 else l2_normalize(z)
            assignments, sizes, _ = kmeans(z, min(k, z.shape[0]), self.knobs['kmeansIters'], mix_seed(self.seed, 3, int(self.clusterings)))
            self.assignments.copy_(assignments)
            self.sizes.copy_(F.pad(sizes, (0, k - sizes.numel())))
        broadcast(self.assignments)
        broadcast(self.sizes)
        self.clusterings += 1
        if self.keep_loaded_head and int(self.clusterings) == 1:
            return  # the run's very first classifier is the one --init-from loaded
        # The old classifier's rows belong to clusters that no longer exist: a new one, the same on every rank.
        gen = torch.Generator().manual_seed(mix_seed(self.seed, 2, int(self.clusterings)))
        with torch.no_grad():
            fc = self.head.fcs[0]
            fc.weight.copy_(torch.randn(fc.weight.shape, generator=gen) * HEAD_INIT_STD)
            fc.bias.zero_()

    def before_step(self, step, indices):
        """Re-clusters at step 1 and every period after it; then this rank's pseudo-labels and loss weights."""
        if (step - 1) % self.period == 0:
            self.cluster()
        labels = self.assignments[torch.tensor([self.position[i] for i in indices], device=self.assignments.device)]
        self.labels = labels, cluster_weights(self.sizes).to(labels.device)[labels]

    def make_views(self, images, gen, n_global, rows):
        # Training views are augmented (the paper's random crops and flips); clustering views are not.
        return [view(images, self.aug, gen, n_global, rows)] + small_crops_of(images, self.aug, gen, n_global, rows, self.knobs)

    def embed(self, x):
        return self.encoder(x)

    def forward(self, views, step, total):
        labels, weights = self.labels
        labels, weights = gather_no_grad(labels), gather_no_grad(weights)

        def weighted(v):
            log_probs = F.log_softmax(gather(self.head(self.encoder(v))), 1)
            return (-log_probs.gather(1, labels[:, None])[:, 0] * weights).mean()
        # Multi-crop (DeepCluster-v2 in the SwAV paper's ablation, Table 4): every small crop predicts its image's
        # cluster too; the loss is the mean over the views.
        return torch.stack([weighted(v) for v in views]).mean()
