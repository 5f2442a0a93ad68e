/**
 * Symmetric eigen-decomposition on the host, in float64. tfjs has no eigen or SVD kernel, so the
 * collapse metrics (eval/collapse.ts: RankMe, singular values) and DeepCluster's PCA whitening
 * (linalg/pca.ts) read a small d×d matrix back once and decompose it here: eigenvalues alone by
 * tridiagonal QL, eigenvalues with vectors by Jacobi.
 */

/** A rotation is skipped once |a_pq| ≤ this · √|a_pp a_qq|: the relative-accuracy test of Demmel & Veselić (1992). */
const JACOBI_TOLERANCE = 1e-14;
/** Cyclic Jacobi converges quadratically, in ~6–10 sweeps for n ≤ 512; the cap only guards against a bug. */
const JACOBI_MAX_SWEEPS = 50;

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Row-major n×n; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

/** Eigenvalues (largest first) and eigenvectors of a symmetric n×n row-major matrix (jacobi below). */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const { values, vectors } = jacobi(matrix, n, true);
  return { values, vectors: vectors! };
}

/**
 * Eigenvalues of a symmetric matrix, largest first, without the work of the eigenvectors: Householder
 * reduction to tridiagonal form, then the implicit QL iteration with Wilkinson shifts (Golub & Van Loan,
 * Algorithms 8.3.1 and 8.3.2; the QL loop of Numerical Recipes' `tqli`). Only the upper triangle is read.
 *
 * Why not Jacobi, as for the vectors: the collapse metrics take the spectrum of a 256 × 256 Gram matrix
 * at every reading (DINO's 256-dim output), and Jacobi's sweeps took ~150 ms there against ~10 ms for
 * this. Eigenvalues come out to an absolute accuracy of a few ε‖A‖ rather than Jacobi's relative one,
 * which is all √λ in RankMe and the spectrum chart can show.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n) throw new Error(`symmetricEigenvalues: ${matrix.length} entries for n = ${n}`);
  const { diagonal, offDiagonal } = tridiagonalise(matrix, n);
  return Float64Array.from(tridiagonalEigenvalues(diagonal, offDiagonal)).sort((a, b) => b - a);
}

/**
 * Householder tridiagonalisation of a symmetric matrix (upper triangle read): A = Q T Qᵀ with T
 * tridiagonal; returns T's diagonal d and sub-diagonal e (e[i] = T[i + 1, i], n − 1 of them).
 */
function tridiagonalise(matrix: Float64Array, n: number): { diagonal: Float64Array; offDiagonal: Float64Array } {
  // Full symmetric working copy from the upper triangle.
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = matrix[i * n + j];
  }
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  for (let k = 0; k < n - 2; k++) {
    // x = A[k+1.., k]; v = x + sign(x₀)‖x‖e₁ makes (I − β v vᵀ) x = −sign(x₀)‖x‖ e₁.
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += a[i * n + k] * a[i * n + k];
    norm = Math.sqrt(norm);
    const x0 = a[(k + 1) * n + k];
    if (norm === 0) {
      offDiagonal[k] = 0;
      continue;
    }
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    offDiagonal[k] = alpha;
    if (vv === 0) continue;
    const beta = 2 / vv;
    // p = β A v over the trailing block; w = p − (β pᵀv / 2) v; A ← A − v wᵀ − w vᵀ.
    for (let i = k + 1; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) sum += a[row + j] * v[j];
      p[i] = beta * sum;
    }
    let pv = 0;
    for (let i = k + 1; i < n; i++) pv += p[i] * v[i];
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= half * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      const wi = p[i];
      for (let j = k + 1; j < n; j++) a[row + j] -= vi * p[j] + wi * v[j];
    }
  }
  if (n >= 2) offDiagonal[n - 2] = a[(n - 1) * n + (n - 2)];
  const diagonal = Float64Array.from({ length: n }, (_, i) => a[i * n + i]);
  return { diagonal, offDiagonal };
}

/** Eigenvalues of the symmetric tridiagonal matrix (d, e) by implicit QL with Wilkinson shifts (unsorted). */
function tridiagonalEigenvalues(diagonal: Float64Array, offDiagonal: Float64Array): Float64Array {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = new Float64Array(n);
  e.set(offDiagonal);
  // An off-diagonal counts as zero below ε‖T‖ (absolute, as LAPACK's dsterf): a test relative to its two
  // diagonal neighbours alone never fires where both are ~0, e.g. the null space of a rank-1 Gram matrix.
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
  const negligible = Number.EPSILON * norm;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      // The first negligible off-diagonal at or after l splits the matrix.
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd || Math.abs(e[m]) <= negligible) break;
      }
      if (m === l) break;
      if (iteration === 60) throw new Error('symmetricEigenvalues: QL iteration did not converge');
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          // Underflow: deflate and start over.
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d;
}

/**
 * Eigenvalues (largest first) and, with `withVectors`, eigenvectors of a symmetric n×n row-major
 * matrix, by cyclic Jacobi rotations (Golub & Van Loan, sec. 8.5; the rotation formulas of Numerical
 * Recipes' `jacobi`). Jacobi is simple, needs no shifts and finds small eigenvalues to high relative
 * accuracy; O(n³) per sweep is fine for n ≤ 512. Only the upper triangle is read; the input is not modified.
 */
function jacobi(matrix: Float64Array, n: number, withVectors: boolean): { values: Float64Array; vectors: Float64Array | null } {
  if (matrix.length !== n * n) throw new Error(`symmetricEigen: ${matrix.length} entries for n = ${n}`);
  const a = Float64Array.from(matrix);
  const v = withVectors ? new Float64Array(n * n) : null;
  if (v) for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        if (apq === 0 || Math.abs(apq) <= JACOBI_TOLERANCE * Math.sqrt(Math.abs(app * aqq))) continue;
        rotated = true;
        // Rotation angle with |φ| ≤ π/4 (t = tan φ), which is what makes the cyclic method converge.
        const theta = (aqq - app) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J. Only the upper triangle (row < column) is kept up to date, as in Numerical
        // Recipes: half the memory traffic of updating both triangles.
        for (let k = 0; k < p; k++) {
          const kp = a[k * n + p];
          const kq = a[k * n + q];
          a[k * n + p] = c * kp - s * kq;
          a[k * n + q] = s * kp + c * kq;
        }
        for (let k = p + 1; k < q; k++) {
          const pk = a[p * n + k];
          const kq = a[k * n + q];
          a[p * n + k] = c * pk - s * kq;
          a[k * n + q] = s * pk + c * kq;
        }
        for (let k = q + 1; k < n; k++) {
          const pk = a[p * n + k];
          const qk = a[q * n + k];
          a[p * n + k] = c * pk - s * qk;
          a[q * n + k] = s * pk + c * qk;
        }
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        // V ← V J: the columns of V become the eigenvectors.
        if (v) {
          for (let k = 0; k < n; k++) {
            const kp = v[k * n + p];
            const kq = v[k * n + q];
            v[k * n + p] = c * kp - s * kq;
            v[k * n + q] = s * kp + c * kq;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  if (!v) return { values, vectors: null };
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) order.forEach((src, j) => (vectors[k * n + j] = v[k * n + src]));
  return { values, vectors };
}

