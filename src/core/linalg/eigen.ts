/**
 * Symmetric eigen-decomposition on the host, in float64. tfjs has no eigen or SVD kernel, so the
 * collapse metrics (eval/collapse.ts: RankMe, singular values) and DeepCluster's PCA whitening
 * (linalg/pca.ts) read a small d×d matrix back once and decompose it here.
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

/** Eigenvalues of a symmetric matrix, largest first, without the work of the eigenvectors. */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  return jacobi(matrix, n, false).values;
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

