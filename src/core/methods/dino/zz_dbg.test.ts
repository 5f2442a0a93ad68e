import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { trainSteps } from '/work/main/src/core/methods/testing';
it('dbg', async () => {
  await tf.setBackend('cpu');
  for (const q of [process.env.Q!]) {
    const { trainer, losses } = await trainSteps(q, Number(process.env.N ?? 40));
    console.log(q, losses.map((l) => l.toFixed(3)).join(' '));
    trainer.dispose();
  }
}, 600000);
