import * as tf from '@tensorflow/tfjs-core';

/**
 * DINO's collapse balance (Caron et al. 2021, §5.3, Fig. 7): the two collapses read differently on
 * the teacher's entropy H(P_t) and on KL(P_t ‖ P_s). Uniform collapse (too much centring): H = log K
 * and KL = 0. One-hot collapse (too much sharpening): H = 0 and KL = 0. A healthy run keeps H between
 * the two and KL above 0 early on. Both are means over the rows of the same unaugmented images.
 */
export function collapseBalance(
  teacherLogits: tf.Tensor2D,
  studentLogits: tf.Tensor2D,
  center: tf.Tensor,
  teacherTemp: number,
  studentTemp: number,
): { teacherEntropy: tf.Scalar; teacherStudentKL: tf.Scalar } {
  return tf.tidy(() => {
    const logPt = tf.logSoftmax(tf.div(tf.sub(teacherLogits, center), teacherTemp));
    const logPs = tf.logSoftmax(tf.div(studentLogits, studentTemp));
    const pt = tf.exp(logPt);
    const teacherEntropy = tf.neg(tf.mean(tf.sum(tf.mul(pt, logPt), 1))) as tf.Scalar;
    const teacherStudentKL = tf.mean(tf.sum(tf.mul(pt, tf.sub(logPt, logPs)), 1)) as tf.Scalar;
    return { teacherEntropy, teacherStudentKL };
  });
}
