import { useStore } from '../store';
import type { Choice, Question } from './types';

const set = useStore.setState;
const get = useStore.getState;

/** Shows a question; a second one asked while the first is open replaces it (the newer intent wins). */
export function ask(question: Question): void {
  set({ question });
}

/** A choice was made (or Cancel, with null): the question closes first, then the choice runs. */
export function answer(choice: Choice | null): void {
  if (!get().question) return;
  set({ question: null });
  choice?.run();
}
