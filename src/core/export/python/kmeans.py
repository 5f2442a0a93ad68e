"""DeepCluster's clustering (Caron et al. 2018), as the playground computes it, so that the same features give the
same clusters: PCA whitening (faiss PCAMatrix with eigen_power -0.5, then row l2-norm, the authors'
preprocess_features), and k-means (Lloyd) seeded with k-means++ (Arthur & Vassilvitskii 2007) from the
playground's generator, empty clusters re-seeded by splitting a big one as faiss does (paper sec. 3.3).

Bit-for-bit choices where the browser's float64 host code decides something discrete (which point seeds a
centroid, which cluster is split): its sums run left to right (torch.cumsum on the CPU accumulates in order), its
eigen-solver is the same cyclic Jacobi (the signs of the eigenvectors change the split direction), and the
centroids are float32 as its Float32Array.
"""
import math
import struct

import torch

from data import Mulberry32
from losses import l2_normalize

JACOBI_TOLERANCE = 1e-14  # Demmel & Veselic (1992): skip a rotation once |a_pq| <= tol * sqrt(|a_pp a_qq|)
JACOBI_MAX_SWEEPS = 50  # cyclic Jacobi converges in ~6-10 sweeps for n <= 512; the cap only guards against a bug
RELATIVE_EPSILON = 1e-4  # whitening damps directions with variance below 1e-4 * the largest (dead ReLU channels)
SPLIT_EPS = 1 / 1024  # faiss: relative push that splits a cluster's centroid in two
KMEANS_PP_MAX_WORK = 2e8  # above n*k*d, seed with k distinct random points instead of k-means++


def _sequential_sum(x):
    """Sum along the last axis, left to right in float64 (as a JavaScript loop adds)."""
    return torch.cumsum(x.double(), -1)[..., -1]


def symmetric_eigen(matrix):
    """Eigenvalues (largest first) and unit eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi rotations
    (Golub & Van Loan sec. 8.5; Numerical Recipes' rotation formulas), in float64 on the CPU. Only the upper triangle
    is read, as the browser's linalg/eigen.ts."""
    a = matrix.detach().double().cpu()
    a = torch.triu(a) + torch.triu(a, 1).t()
    n = a.shape[0]
    v = torch.eye(n, dtype=torch.float64)
    for _ in range(JACOBI_MAX_SWEEPS):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                apq, app, aqq = a[p, q].item(), a[p, p].item(), a[q, q].item()
                if apq == 0 or abs(apq) <= JACOBI_TOLERANCE * math.sqrt(abs(app * aqq)):
                    continue
                rotated = True
                theta = (aqq - app) / (2 * apq)
                t = 1 / (2 * theta) if abs(theta) > 1e150 else (1.0 if theta > 0 or theta == 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1))
                c = 1 / math.sqrt(t * t + 1)
                s = t * c
                # A <- J^T A J on both triangles (the same numbers the browser keeps in its upper one).
                rp, rq = a[p].clone(), a[q].clone()
                a[p], a[q] = c * rp - s * rq, s * rp + c * rq
                cp, cq = a[:, p].clone(), a[:, q].clone()
                a[:, p], a[:, q] = c * cp - s * cq, s * cp + c * cq
                a[p, p], a[q, q] = app - t * apq, aqq + t * apq
                a[p, q] = a[q, p] = 0.0
                vp, vq = v[:, p].clone(), v[:, q].clone()
                v[:, p], v[:, q] = c * vp - s * vq, s * vp + c * vq
        if not rotated:
            break
    diagonal = a.diagonal().tolist()
    order = sorted(range(n), key=lambda i: -diagonal[i])  # stable, as Array.prototype.sort
    return torch.tensor([diagonal[i] for i in order], dtype=torch.float64), v[:, order]


def pca_whiten(x, dim):
    """The top `dim` principal components at unit variance, each row l2-normalised: what k-means sees."""
    n = x.shape[0]
    mean = x.mean(0, keepdim=True)
    xc = x - mean
    values, vectors = symmetric_eigen(xc.t() @ xc / n)
    eps = RELATIVE_EPSILON * max(values[0].item(), 0.0) + 1e-12
    projection = (vectors[:, :dim] / (values[:dim].clamp_min(0) + eps).sqrt()).float().to(x.device)
    return l2_normalize((x - mean) @ projection)


def assign(x, centroids):
    """Index of the nearest centroid of every row: argmin ||c||^2 - 2 x.c (||x||^2 is the same for all c)."""
    return torch.argmin((centroids * centroids).sum(1) - 2 * (x @ centroids.t()), 1)


def kmeans_plus_plus(x, k, rng):
    """D^2 seeding: each next centre drawn with probability proportional to the squared distance to the nearest chosen."""
    n = x.shape[0]
    x64 = x.double().cpu()
    out = torch.zeros(k, x.shape[1], dtype=torch.float32)
    dist = torch.full((n,), math.inf, dtype=torch.float64)
    pick = int(rng() * n)
    for c in range(k):
        out[c] = x[pick].cpu()
        dist = torch.minimum(dist, _sequential_sum((x64 - out[c].double()).pow(2)))
        if c == k - 1:
            break
        total = _sequential_sum(dist).item()
        r = rng() * total
        if total > 0:
            # r - dist[0] - dist[1] - ... in order: the first point where it reaches 0 (and that is not a chosen one).
            rest = torch.cumsum(torch.cat([torch.tensor([r], dtype=torch.float64), -dist]), 0)[1:]
            hits = torch.nonzero((rest <= 0) & (dist > 0))
            pick = hits[0].item() if len(hits) else -1
        else:
            pick = int(rng() * n)  # every point sits on a chosen centre: any will do
        if pick < 0:
            pick = torch.nonzero(dist > 0)[0].item()
    return out


def distinct_indices(n, k, rng):
    """k distinct indices of [0, n) (partial Fisher-Yates)."""
    p = list(range(n))
    for i in range(k):
        j = i + int(rng() * (n - i))
        p[i], p[j] = p[j], p[i]
    return p[:k]


def split_into_empty(c, counts, n, k, d, rng):
    """Re-seeds every empty cluster by splitting a non-empty one (faiss): the donor is drawn with probability
    (size - 1) / (n - k), both get its centroid pushed apart by +-SPLIT_EPS along a fixed +- pattern, and they halve
    its count. `c` is a flat list of float32 values (changed in place); returns how many were re-seeded."""
    scale = 0.0
    for value in c:
        scale += abs(value)
    scale = scale / len(c) or 1
    reseeded = 0
    for empty in range(k):
        if counts[empty] > 0:
            continue
        donor = -1
        for guard in range(1000 * k):
            cj = guard % k
            if counts[cj] > 1 and rng() < (counts[cj] - 1) / max(1, n - k):
                donor = cj
                break
        if donor < 0:
            donor = counts.index(max(counts))
            if counts[donor] <= 1:
                break
        for j in range(d):
            base = c[donor * d + j]
            step = SPLIT_EPS * max(abs(base), scale) * (1 if j % 2 == 0 else -1)
            c[empty * d + j], c[donor * d + j] = _f32(base + step), _f32(base - step)
        counts[empty] = math.floor(counts[donor] / 2)
        counts[donor] -= counts[empty]
        reseeded += 1
    return reseeded


def _f32(value):
    """A float rounded to float32, as a store into a Float32Array rounds it."""
    return struct.unpack('f', struct.pack('f', value))[0]


def kmeans(x, k, iterations, seed):
    """(assignments, sizes, reseeded) of Lloyd's k-means on the rows of x (float32), stopping early once no
    centroid moves."""
    n, d = x.shape
    rng = Mulberry32(seed)
    if n * k * d <= KMEANS_PP_MAX_WORK:
        host = kmeans_plus_plus(x, k, rng).flatten().tolist()
    else:
        host = x[torch.tensor(distinct_indices(n, k, rng), device=x.device)].cpu().flatten().tolist()
    centroids = torch.tensor(host, dtype=torch.float32, device=x.device).reshape(k, d)
    with_ones = torch.cat([x, torch.ones(n, 1, device=x.device, dtype=x.dtype)], 1)
    reseeded = 0
    for _ in range(iterations):
        one_hot = torch.nn.functional.one_hot(assign(x, centroids), k).float()
        stats = (one_hot.t() @ with_ones).double().cpu()
        counts = stats[:, d].tolist()
        means = (stats[:, :d] / stats[:, d:].clamp_min(1)).float().flatten().tolist()
        nxt = [means[i] if counts[i // d] > 0 else host[i] for i in range(k * d)]
        empties = split_into_empty(nxt, counts, n, k, d, rng)
        reseeded += empties
        moved = max(abs(a - b) for a, b in zip(nxt, host))
        host = nxt
        centroids = torch.tensor(host, dtype=torch.float32, device=x.device).reshape(k, d)
        if moved == 0 and empties == 0:
            break
    assignments = assign(x, centroids)
    return assignments, torch.bincount(assignments, minlength=k), reseeded
