"""The playground's losses as pure functions of tensors (rows are samples); each returns a scalar.

Every loss here takes the *global* batch: train.py's methods gather rows from all ranks first
(distributed.gather), so the value is the same on 1 or N processes.
"""
import torch
import torch.nn.functional as F


def multi_crop_mean(views, globals_, loss, targeted=False):
    """Multi-crop for a two-view loss (SwAV paper, Caron et al. 2020, sec. 3.2 and Table 4): the mean of
    loss(views[i], views[j]) over i a global view (the first globals_), so a small crop is compared with the
    global views only, never with another small crop. Symmetric losses (NT-Xent, Barlow Twins, VICReg) take each
    pair once (j > i); targeted ones (BYOL: views[i] is the target, only global views have one) every j != i."""
    terms = [loss(views[i], views[j]) for i in range(globals_) for j in range(0 if targeted else i + 1, len(views)) if j != i]
    return torch.stack(terms).mean()


def l2_normalize(z, eps=1e-12):
    """z / max(||z||, eps) per row, as tf's l2Normalize (PyTorch's F.normalize does the same)."""
    return F.normalize(z, dim=1, eps=eps)


def nt_xent(z1, z2, temperature):
    """SimCLR's NT-Xent (Chen et al. 2020, eq. 1): 2N views, each must find its partner among the other 2N-1."""
    n = z1.shape[0]
    z = l2_normalize(torch.cat([z1, z2], 0))
    logits = z @ z.t() / temperature
    logits = logits - torch.eye(2 * n, device=z.device) * 1e9
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return F.cross_entropy(logits, target)


def info_nce(q, k, queue, temperature):
    """MoCo's InfoNCE (He et al. 2020, eq. 1): the positive key against K queued negatives; target index 0."""
    q, k = l2_normalize(q), l2_normalize(k)
    positive = (q * k).sum(1, keepdim=True)
    negatives = q @ queue.t()
    logits = torch.cat([positive, negatives], 1) / temperature
    return F.cross_entropy(logits, torch.zeros(q.shape[0], dtype=torch.long, device=q.device))


def byol_loss(p, z):
    """BYOL's regression loss (Grill et al. 2020, eq. 2): 2 - 2 cos(p, z), mean over the batch."""
    return (2 - 2 * (l2_normalize(p) * l2_normalize(z)).sum(1)).mean()


def negative_cosine(p, z):
    """SimSiam's D(p, z) = -cos(p, z), mean over the batch (Chen & He 2021, eq. 1)."""
    return -(l2_normalize(p) * l2_normalize(z)).sum(1).mean()


def cross_correlation(z1, z2, eps=1e-5):
    """Barlow Twins' c (Zbontar et al. 2021, eq. 2): columns standardised as BatchNorm without affine does."""
    def standardise(z):
        return (z - z.mean(0)) / torch.sqrt(z.var(0, unbiased=False) + eps)
    return standardise(z1).t() @ standardise(z2) / z1.shape[0]


def barlow_twins_loss(z1, z2, lam):
    """Sum (1 - c_ii)^2 + lambda * sum_{i != j} c_ij^2 (eq. 1; lambda = 5e-3 in the paper)."""
    c = cross_correlation(z1, z2)
    on = (1 - torch.diagonal(c)).pow(2).sum()
    off = (c.pow(2) * (1 - torch.eye(c.shape[0], device=c.device))).sum()
    return on + lam * off


def variance_loss(z, eps=1e-4):
    return F.relu(1 - torch.sqrt(z.var(0, unbiased=True) + eps)).mean()


def covariance_loss(z):
    n, d = z.shape
    centred = z - z.mean(0)
    cov = centred.t() @ centred / (n - 1)
    return (cov.pow(2) * (1 - torch.eye(d, device=z.device))).sum() / d


def vicreg_loss(z1, z2, invariance=25.0, variance=25.0, covariance=1.0, eps=1e-4):
    """VICReg (Bardes et al. 2022, sec. 3; coefficients 25, 25, 1 from sec. 4.1); N - 1 statistics as their code."""
    inv = F.mse_loss(z1, z2)
    var = 0.5 * (variance_loss(z1, eps) + variance_loss(z2, eps))
    cov = covariance_loss(z1) + covariance_loss(z2)
    return invariance * inv + variance * var + covariance * cov


@torch.no_grad()
def sinkhorn(scores, epsilon, iterations):
    """SwAV's Sinkhorn-Knopp (Caron et al. 2020, sec. 3.1): B x K scores -> codes whose rows sum to 1 and that
    use the K prototypes equally over the batch. The global max is subtracted before exp (it cancels)."""
    b, k = scores.shape
    s = scores / epsilon
    q = torch.exp(s - s.max()).t()
    q = q / q.sum()
    for _ in range(iterations):
        q = q / q.sum(1, keepdim=True) / k
        q = q / q.sum(0, keepdim=True) / b
    return (q * b).t()


def swapped_prediction(codes, crops, temperature):
    """For each code i, the mean over every other crop j of -sum q_i log softmax(s_j / tau); mean over i."""
    log_probs = [F.log_softmax(s / temperature, dim=1) for s in crops]
    per_code = []
    for i, q in enumerate(codes):
        terms = [-(q * lp).sum(1).mean() for j, lp in enumerate(log_probs) if j != i]
        per_code.append(sum(terms) / len(terms))
    return sum(per_code) / len(per_code)


def swav_loss(high_res, low_res, temperature, epsilon, iterations=3):
    """SwAV (sec. 3.1-3.2): codes from the high-resolution crops (no gradient), predicted from every other crop."""
    codes = [sinkhorn(s.detach(), epsilon, iterations) for s in high_res]
    return swapped_prediction(codes, list(high_res) + list(low_res), temperature)



def dino_loss(student_out, teacher_out, center, student_temp, teacher_temp):
    """DINO's loss (Caron et al. 2021, sec. 3.1, Algorithm 1): the teacher's centred, sharpened softmax of every
    global crop is the target of the student's softmax of every *other* crop; mean over the pairs."""
    targets = [F.softmax((t - center) / teacher_temp, 1).detach() for t in teacher_out]
    log_probs = [F.log_softmax(s / student_temp, 1) for s in student_out]
    terms = [-(q * lp).sum(1).mean() for i, q in enumerate(targets) for j, lp in enumerate(log_probs) if i != j]
    return sum(terms) / len(terms)
