import { describe, expect, it } from 'vitest';
import { frameBatcher } from './frameBatch';

describe('frameBatcher', () => {
  it('runs many scheduled updates as one, at the next frame, and flush() runs them now', async () => {
    const b = frameBatcher();
    const ran: number[] = [];
    for (let i = 1; i <= 10; i++) b.schedule(() => ran.push(i));
    expect(ran).toEqual([]); // nothing synchronously
    await new Promise((r) => setTimeout(r, 40));
    expect(ran).toEqual([10]); // once, with the latest closure
    b.schedule(() => ran.push(11));
    b.flush();
    expect(ran).toEqual([10, 11]);
    await new Promise((r) => setTimeout(r, 40));
    expect(ran).toEqual([10, 11]); // the frame after a flush finds nothing pending
  });
});
