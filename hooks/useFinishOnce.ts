import { useRef } from 'preact/hooks';

/**
 * For a field that ends on Enter, Escape or leaving it: the first of them wins. A ref, not state,
 * because the blur that follows Enter or Escape (the field goes away) must see it at once.
 */
export function useFinishOnce(): (then: () => void) => void {
  const finished = useRef(false);
  return (then) => {
    if (finished.current) return;
    finished.current = true;
    then();
  };
}
