/**
 * Fixed 2-D sine-cosine position embeddings, as MAE uses them (He et al. 2022, App. A.1: "we use
 * the standard sine-cosine positional embeddings"; their `get_2d_sincos_pos_embed`): half of the
 * D dimensions encode the column, half the row; each half is [sin(pos·ω_k), cos(pos·ω_k)] with
 * ω_k = 10000^(−k/(D/4)), k = 0 … D/4 − 1 (Vaswani et al. 2017, §3.5). Fixed, so no weights to
 * train and any grid size can be embedded.
 *
 * Host-side Float32Array (rows·cols × D): uploaded inside each forward's tidy, so the encoder owns
 * no extra persistent tensor. When D is not a multiple of 4 the last D mod 4 dimensions stay 0.
 *
 * `scale` maps a smaller grid onto the extent of the training grid (MSN's focal views: a 3×3 crop
 * seen by a ViT built for 7×7): position i sits at (i + ½)·scale − ½, which is what resizing the
 * embedding table with align_corners = false does (MSN's `interpolate_pos_encoding`, Assran et al.
 * 2022), but exact for sin-cos instead of bicubic.
 */
export function sinCosPosEmbed(rows: number, cols: number, dim: number, scaleRows = 1, scaleCols = 1): Float32Array {
  const quarter = Math.floor(dim / 4);
  const out = new Float32Array(rows * cols * dim);
  const omega = Array.from({ length: quarter }, (_, k) => 1 / Math.pow(10000, k / quarter));
  for (let r = 0; r < rows; r++) {
    const y = (r + 0.5) * scaleRows - 0.5;
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) * scaleCols - 0.5;
      const base = (r * cols + c) * dim;
      for (let k = 0; k < quarter; k++) {
        // MAE's order: [sin(x), cos(x), sin(y), cos(y)] (its meshgrid puts the column first).
        out[base + k] = Math.sin(x * omega[k]);
        out[base + quarter + k] = Math.cos(x * omega[k]);
        out[base + 2 * quarter + k] = Math.sin(y * omega[k]);
        out[base + 3 * quarter + k] = Math.cos(y * omega[k]);
      }
    }
  }
  return out;
}
